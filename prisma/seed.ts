// Writes the Cluster III demo data (prisma/demo-data.ts) into a migrated database.
// No `server-only`: the seed script (tsx), scripts/prepare.ts and the tests import it.
import bcrypt from 'bcryptjs';

import type { Prisma, PrismaClient } from '../lib/generated/prisma/client';
import { loadReferenceProvinces } from '../lib/reference/load-reference-data';
import { referenceProvince, referenceProvinceId } from '../lib/reference/province-data';
import { buildDemoData, DEMO_CLUSTER_CODE, DEMO_PASSWORD, DEMO_PROVINCE_KEYS } from './demo-data';
import { loadReferenceTargetsInTx } from './reference/targets';

export type SeedOptions = {
  /** bcrypt cost; tests pass a low one to stay fast. */
  bcryptRounds?: number;
};

const DEFAULT_BCRYPT_ROUNDS = 10;

/** True when the database holds no provinces, clusters or users (a fresh install). */
export async function isDatabaseEmpty(db: PrismaClient): Promise<boolean> {
  const [province, cluster, user] = await Promise.all([
    db.province.findFirst({ select: { id: true } }),
    db.cluster.findFirst({ select: { id: true } }),
    db.user.findFirst({ select: { id: true } }),
  ]);
  return !province && !cluster && !user;
}

/**
 * Seeds the demo data in one transaction, one createMany per table (about fifteen round
 * trips whatever the number of reports). Does nothing when the demo cluster already exists,
 * so it is safe to run on every start.
 */
export async function seedDemo(db: PrismaClient, opts: SeedOptions = {}): Promise<{ created: boolean }> {
  if (await db.cluster.findUnique({ where: { code: DEMO_CLUSTER_CODE }, select: { id: true } })) {
    return { created: false };
  }
  const data = buildDemoData();
  // One hash for all demo accounts: they share the published demo password.
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, opts.bcryptRounds ?? DEFAULT_BCRYPT_ROUNDS);

  return db.$transaction(
    async (tx) => {
      // Checked again inside the transaction; a concurrent seed then fails on the unique code
      // instead of writing a second copy.
      if (await tx.cluster.findUnique({ where: { code: DEMO_CLUSTER_CODE }, select: { id: true } })) {
        return { created: false };
      }

      const provinceIdOf = await demoProvinceIds(tx);
      await tx.cluster.create({ data: data.cluster });
      await tx.clusterMembership.createMany({ data: data.memberships.map((m) => ({ ...m, provinceId: provinceIdOf(m.provinceId) })) });
      await tx.clusterLeaderTerm.createMany({ data: data.leaderTerms.map((t) => ({ ...t, provinceId: provinceIdOf(t.provinceId) })) });
      await tx.period.createMany({ data: data.periods });
      // Reference data, loaded idempotently: the start-up may have loaded it already.
      await loadReferenceTargetsInTx(tx);
      await tx.user.createMany({
        data: data.users.map((u) => ({
          id: u.id,
          email: u.email,
          name: u.name,
          passwordHash,
          role: u.role,
          provinceId: u.provinceId && provinceIdOf(u.provinceId),
          clusterId: u.clusterId,
        })),
      });

      await tx.report.createMany({
        data: data.reports.map(
          ({ periodCode: _code, modelFigures: _m, fundMobilisations: _f, awards: _a, statusEvents: _s, ...report }) => ({
            ...report,
            provinceId: provinceIdOf(report.provinceId),
          }),
        ),
      });
      await tx.modelFigure.createMany({
        data: data.reports.flatMap((r) => r.modelFigures.map((f) => ({ reportId: r.id, ...f }))),
      });
      await tx.fundMobilisation.createMany({
        data: data.reports.flatMap((r) => r.fundMobilisations.map((f) => ({ reportId: r.id, ...f }))),
      });
      await tx.awardFigure.createMany({
        data: data.reports.flatMap((r) => r.awards.map((a) => ({ reportId: r.id, ...a }))),
      });
      await tx.reportStatusEvent.createMany({
        data: data.reports.flatMap((r) => r.statusEvents.map((e) => ({ reportId: r.id, ...e }))),
      });
      // A report's history is read from the audit log (lib/reports/store.ts), so each
      // status change is recorded there too, as the portal itself records them.
      await tx.auditLog.createMany({
        data: data.reports.flatMap((r) =>
          r.statusEvents.map((e) => ({
            at: e.at,
            actorId: e.actorId,
            action: `report.${e.action.toLowerCase()}`,
            entityType: 'Report',
            entityId: r.id,
            oldValue: e.fromStatus,
            newValue: e.toStatus,
            details: { comment: e.comment },
          })),
        ),
      });

      await tx.auditLog.create({
        data: {
          actorId: null,
          action: 'seed.demo',
          entityType: 'Cluster',
          entityId: data.cluster.id,
          details: {
            provinces: data.provinces.length,
            periods: data.periods.length,
            reports: data.reports.length,
            users: data.users.length,
            targets: data.targets.length,
          },
        },
      });
      return { created: true };
    },
    // Generous for slow disks and the first query of a cold PGlite; a normal run takes well under a second.
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/**
 * The demo's provinces are rows of the shipped reference data: the ones missing are loaded (all
 * of them on a bare database; none after `npm start` or `npm run reference:load`), and every row is
 * then found by its reference key, whatever an administrator corrected in it. Returns the
 * database id of each demo province id.
 */
async function demoProvinceIds(tx: Prisma.TransactionClient): Promise<(demoId: string) => string> {
  await loadReferenceProvinces(tx, DEMO_PROVINCE_KEYS.map(referenceProvince));
  const rows = await tx.province.findMany({ where: { referenceKey: { in: [...DEMO_PROVINCE_KEYS] } }, select: { id: true, referenceKey: true } });
  const idOf = new Map(rows.map((r) => [referenceProvinceId(r.referenceKey!), r.id]));
  return (demoId) => {
    const id = idOf.get(demoId);
    if (!id) throw new Error(`Demo province ${demoId} is not in the database`);
    return id;
  };
}
