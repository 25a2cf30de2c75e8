import 'server-only';
import { Prisma } from '../generated/prisma/client';
import { canManageReferenceData, type SessionUser } from '../permissions';
import { forbidden, notFound, UserFacingError } from '../errors';
import { LEARNING_MODEL_LABELS } from '../domain';
import { writeAudit, type AuditEntry } from '../platform/audit';
import type { Db, DbClient } from '../platform/db';
import { TARGET_METRIC_LABELS, type NationalTargetDef } from '../dashboards/targets';
import {
  TARGET_MESSAGES,
  defaultTargetDescription,
  formatRateBp,
  targetKey,
  type NewDecisionInput,
  type TargetChangesInput,
} from './target-schemas';

// National targets as administrators manage them: add a decision with its targets, change or end
// one. Every write checks the actor itself (no caller can skip it), runs in one transaction with
// its audit rows, and is refused whole, naming the field, when invalid. The shipped targets are
// loaded by prisma/reference/targets.ts; the dashboards read them all through ledger.ts.

export type TargetRow = NationalTargetDef & { id: string; validTo: Date | null; source: string | null };

const SELECT = {
  id: true,
  decision: true,
  model: true,
  metric: true,
  subject: true,
  rateBp: true,
  targetYear: true,
  validFrom: true,
  validTo: true,
  description: true,
  source: true,
} as const;

/** Every target, decision by decision (oldest first), then by model, subject and year: one query. */
export async function listTargets(db: DbClient): Promise<TargetRow[]> {
  return db.nationalTarget.findMany({
    select: SELECT,
    orderBy: [{ validFrom: 'asc' }, { decision: 'asc' }, { model: 'asc' }, { subject: { sort: 'asc', nulls: 'first' } }, { targetYear: 'asc' }],
  });
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** "QĐ 387/QĐ-TTg: Gia đình học tập, tỷ lệ đạt danh hiệu 70 % đến năm 2025": a target in the audit and in messages. */
function describe(t: Pick<TargetRow, 'decision' | 'model' | 'metric' | 'subject' | 'rateBp' | 'targetYear'>): string {
  const subject = t.subject ? ` (${t.subject})` : '';
  return `${t.decision}: ${LEARNING_MODEL_LABELS[t.model]}${subject}, ${TARGET_METRIC_LABELS[t.metric].toLowerCase()} ${formatRateBp(t.rateBp)} đến năm ${t.targetYear}`;
}

const fieldError = (field: string, message: string) => new UserFacingError(message, { [field]: [message] });

function assertAdmin(actor: SessionUser): void {
  if (!canManageReferenceData(actor)) throw forbidden();
}

// Two administrators adding the same target at once: the database's unique key treats an empty
// subject as distinct, so target writes take turns on this lock (released with the transaction).
const TARGET_LOCK = 73_010_387;

async function takeTurn(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${TARGET_LOCK}::bigint)`;
}

/**
 * Adds a decision and its targets. Refuses, writing nothing, a target that the decision already
 * has (same model, subject and year); the schema has refused rates above 100 %, target years
 * before the first day's year and unknown models. Returns the targets created, in input order.
 */
export async function addDecisionTargets(db: Db, actor: SessionUser, input: NewDecisionInput, now: Date = new Date()): Promise<TargetRow[]> {
  assertAdmin(actor);
  const start = input.validFrom.getUTCFullYear();
  input.targets.forEach((t, i) => {
    if (t.targetYear < start) throw fieldError(`targets.${i}.targetYear`, TARGET_MESSAGES.yearBeforeStart(t.targetYear, start));
  });
  return db.$transaction(async (tx) => {
    await takeTurn(tx);
    const existing = await tx.nationalTarget.findMany({ where: { decision: input.decision }, select: SELECT });
    const byKey = new Map(existing.map((t) => [targetKey(t), t]));
    const fieldErrors: Record<string, string[]> = {};
    input.targets.forEach((t, i) => {
      const there = byKey.get(targetKey(t));
      if (there) fieldErrors[`targets.${i}.targetYear`] = [`Đã có mục tiêu này: ${describe(there)}. Hãy sửa mục tiêu đó thay vì thêm mới.`];
    });
    const duplicates = Object.keys(fieldErrors).length;
    if (duplicates) throw new UserFacingError(`Chưa lưu: ${duplicates} mục tiêu đã có trong ${input.decision}.`, fieldErrors);

    const created: TargetRow[] = [];
    for (const t of input.targets) {
      created.push(
        await tx.nationalTarget.create({
          data: {
            decision: input.decision,
            model: t.model,
            metric: t.metric,
            subject: t.subject,
            rateBp: t.rateBp,
            targetYear: t.targetYear,
            validFrom: input.validFrom,
            description: t.description ?? defaultTargetDescription(t),
            source: t.source,
          },
          select: SELECT,
        }),
      );
    }
    await writeAudit(
      tx,
      created.map((t) => ({
        actorId: actor.id,
        action: 'target.create',
        entityType: 'NationalTarget',
        entityId: t.id,
        newValue: describe(t),
        details: { ...identity(t), rateBp: t.rateBp, validFrom: day(t.validFrom), description: t.description, source: t.source },
        at: now,
      })),
    );
    return created;
  }).catch((error: unknown) => {
    // The unique key, should a write outside the portal race this one.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new UserFacingError('Chưa lưu: có mục tiêu trùng (cùng quyết định, mô hình, đối tượng và năm mục tiêu).');
    }
    throw error;
  });
}

const identity = (t: Pick<TargetRow, 'decision' | 'model' | 'metric' | 'subject' | 'targetYear'>) => ({
  decision: t.decision,
  model: t.model,
  metric: t.metric,
  subject: t.subject,
  targetYear: t.targetYear,
});

type Field = keyof TargetChangesInput;

const SHOWN: Record<Field, (t: TargetRow) => string | null> = {
  rateBp: (t) => formatRateBp(t.rateBp),
  description: (t) => t.description,
  source: (t) => t.source,
  validFrom: (t) => day(t.validFrom),
  validTo: (t) => day(t.validTo),
};

const same = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);

/**
 * Changes one target's rate, text, source or dates, or ends it (validTo: its last day in force;
 * null puts it back in force). Refuses a first day whose year is after the target year, and an
 * end before the first day. One audit row per changed field; returns the target and the fields
 * changed (none: nothing was written).
 */
export async function updateTarget(
  db: Db,
  actor: SessionUser,
  id: string,
  changes: TargetChangesInput,
  now: Date = new Date(),
): Promise<{ target: TargetRow; changed: Field[] }> {
  assertAdmin(actor);
  return db.$transaction(async (tx) => {
    await takeTurn(tx);
    const before = await tx.nationalTarget.findUnique({ where: { id }, select: SELECT });
    if (!before) throw notFound('Không tìm thấy mục tiêu này.');
    const after: TargetRow = { ...before, ...changes, description: changes.description === null ? defaultTargetDescription(before) : (changes.description ?? before.description) };
    if (after.validFrom.getUTCFullYear() > after.targetYear) {
      throw fieldError('validFrom', TARGET_MESSAGES.yearBeforeStart(after.targetYear, after.validFrom.getUTCFullYear()));
    }
    if (after.validTo !== null && after.validTo < after.validFrom) throw fieldError(changes.validTo ? 'validTo' : 'validFrom', TARGET_MESSAGES.endBeforeStart);
    const changed = (Object.keys(SHOWN) as Field[]).filter((f) => !same(before[f], after[f]));
    if (changed.length === 0) return { target: before, changed };
    const target = await tx.nationalTarget.update({
      where: { id },
      data: { rateBp: after.rateBp, description: after.description, source: after.source, validFrom: after.validFrom, validTo: after.validTo },
      select: SELECT,
    });
    const action = (f: Field) => (f !== 'validTo' ? 'target.update' : after.validTo === null ? 'target.reopen' : 'target.end');
    await writeAudit(
      tx,
      changed.map(
        (f): AuditEntry => ({
          actorId: actor.id,
          action: action(f),
          entityType: 'NationalTarget',
          entityId: id,
          field: f,
          oldValue: SHOWN[f](before),
          newValue: SHOWN[f](target),
          details: { ...identity(target), target: describe(target) },
          at: now,
        }),
      ),
    );
    return { target, changed };
  });
}
