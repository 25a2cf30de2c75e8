// The national targets shipped with the portal (./targets.json, with the source of every figure):
// reference data, loaded into every installation, not demo data. No `server-only`: the seed and
// the start-up preparation (tsx, outside Next) import it, like prisma/seed.ts; the portal's own
// writes of targets are in lib/reference/target-admin.ts.
import { z } from 'zod';
import type { Prisma, PrismaClient } from '../../lib/generated/prisma/client';
import { LEARNING_MODELS } from '../../lib/domain';
import { TARGET_METRICS, type NationalTargetDef } from '../../lib/dashboards/targets';
import file from './targets.json' with { type: 'json' };

export type ReferenceTarget = NationalTargetDef & { id: string; validTo: Date | null; source: string };

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .transform((s) => new Date(`${s}T00:00:00.000Z`));

const FileSchema = z.object({
  decisions: z.array(
    z.object({
      decision: z.string().min(1),
      validFrom: day,
      validTo: day.nullable(),
      evidence: z.array(z.object({ url: z.string().url(), says: z.string().min(1) })).min(1),
      targets: z.array(
        z.object({
          id: z.string().regex(/^[a-z0-9-]+$/),
          model: z.enum(LEARNING_MODELS),
          metric: z.enum(TARGET_METRICS),
          subject: z.string().min(1).nullable(),
          ratePercent: z.number().gt(0).max(100),
          targetYear: z.number().int(),
          description: z.string().min(1),
          source: z.string().min(1),
        }),
      ),
    }),
  ),
});

/** Every shipped target, decision by decision, as rows of NationalTarget. */
export const REFERENCE_TARGETS: readonly ReferenceTarget[] = FileSchema.parse(file).decisions.flatMap((d) =>
  d.targets.map(({ ratePercent, ...t }) => ({
    ...t,
    decision: d.decision,
    rateBp: Math.round(ratePercent * 100),
    validFrom: d.validFrom,
    validTo: d.validTo,
  })),
);

const sameKey = (a: Pick<NationalTargetDef, 'decision' | 'model' | 'subject' | 'targetYear'>, b: typeof a) =>
  a.decision === b.decision && a.model === b.model && a.subject === b.subject && a.targetYear === b.targetYear;

type LoadOptions = { actorId?: string | null; now?: Date };

/**
 * Loads the shipped targets, idempotently, in its own transaction: a target already there, by its
 * id or by its decision, model, subject and year, is left as it is, so loading again changes
 * nothing and keeps what an administrator corrected (rate, text, source, dates, an end); the
 * others are created, with one audit row naming them.
 */
export async function loadReferenceTargets(db: PrismaClient, options: LoadOptions = {}): Promise<{ created: string[] }> {
  return db.$transaction((tx) => loadReferenceTargetsInTx(tx, options));
}

/** The same, in the caller's transaction (the demo seed). */
export async function loadReferenceTargetsInTx(tx: Prisma.TransactionClient, options: LoadOptions = {}): Promise<{ created: string[] }> {
  const existing = await tx.nationalTarget.findMany({ select: { id: true, decision: true, model: true, subject: true, targetYear: true } });
  const ids = new Set(existing.map((t) => t.id));
  const missing = REFERENCE_TARGETS.filter((t) => !ids.has(t.id) && !existing.some((e) => sameKey(e, t)));
  if (missing.length === 0) return { created: [] };
  await tx.nationalTarget.createMany({ data: missing.map((t) => ({ ...t })) });
  await tx.auditLog.create({
    data: {
      actorId: options.actorId ?? null,
      action: 'reference.targets.load',
      entityType: 'NationalTarget',
      entityId: 'reference-data',
      newValue: `${missing.length} mục tiêu`,
      details: { file: 'prisma/reference/targets.json', created: missing.map((t) => t.id) },
      ...(options.now ? { at: options.now } : {}),
    },
  });
  return { created: missing.map((t) => t.id) };
}
