// Writes the Cluster III demo data (prisma/demo-data.ts) into a migrated database.
// No `server-only`: the seed script (tsx), scripts/prepare.ts and the tests import it.
import bcrypt from 'bcryptjs';

import type { PrismaClient } from '../lib/generated/prisma/client';
import { buildDemoData, DEMO_CLUSTER_CODE, DEMO_PASSWORD } from './demo-data';

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

      // Successors first, so every successorId points at an existing row.
      const successors = data.provinces.filter((p) => p.successorId === null);
      const predecessors = data.provinces.filter((p) => p.successorId !== null);
      await tx.province.createMany({ data: successors });
      await tx.province.createMany({ data: predecessors });
      await tx.cluster.create({ data: data.cluster });
      await tx.clusterMembership.createMany({ data: data.memberships });
      await tx.clusterLeaderTerm.createMany({ data: data.leaderTerms });
      await tx.period.createMany({ data: data.periods });
      await tx.nationalTarget.createMany({ data: data.targets });
      await tx.user.createMany({
        data: data.users.map((u) => ({
          id: u.id,
          email: u.email,
          name: u.name,
          passwordHash,
          role: u.role,
          provinceId: u.provinceId,
          clusterId: u.clusterId,
        })),
      });

      await tx.report.createMany({
        data: data.reports.map(
          ({ periodCode: _code, modelFigures: _m, fundMobilisations: _f, awards: _a, statusEvents: _s, ...report }) => report,
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
