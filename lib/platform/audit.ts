import 'server-only';
import type { Prisma } from '../generated/prisma/client';

export type AuditEntry = {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  field?: string;
  oldValue?: string | null;
  newValue?: string | null;
  details?: Prisma.InputJsonValue;
  /** When the change happened; the database's clock when absent. */
  at?: Date;
};

/** Appends audit rows inside the caller's transaction, so they land with the change or not at all. */
export async function writeAudit(tx: Prisma.TransactionClient, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await tx.auditLog.createMany({
    data: list.map((e) => ({
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      field: e.field ?? null,
      oldValue: e.oldValue ?? null,
      newValue: e.newValue ?? null,
      details: e.details,
      ...(e.at ? { at: e.at } : {}),
    })),
  });
}
