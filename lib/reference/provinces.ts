import 'server-only';
import type { ReportStatus } from '../domain';
import type { SessionUser } from '../permissions';
import type { DbClient as Db } from '../platform/db';
import { predecessorsOf } from './mergers';
import { readProvinces } from './reference-data';
import { isInForce } from './validity';

/**
 * The provinces whose reports a province's staff may read: the province itself
 * and, when it was formed by a merger, every predecessor (transitively). One
 * query: the province table is small (dozens of rows per generation).
 */
export async function provinceScope(db: Db, provinceId: string): Promise<string[]> {
  return [provinceId, ...predecessorsOf(provinceId, await readProvinces(db))];
}

/** Cluster ids the province belonged to at any time. */
export async function clusterIdsOfProvince(db: Db, provinceId: string): Promise<string[]> {
  const rows = await db.clusterMembership.findMany({ where: { provinceId }, select: { clusterId: true }, distinct: ['clusterId'] });
  return rows.map((r) => r.clusterId);
}

export async function getProvince(db: Db, id: string) {
  return db.province.findUnique({
    where: { id },
    select: {
      id: true,
      code: true,
      name: true,
      validFrom: true,
      validTo: true,
      successor: { select: { id: true, name: true } },
      predecessors: { select: { id: true, name: true, validTo: true } },
    },
  });
}

export type ProvinceReportRow = {
  periodCode: string;
  periodStart: Date;
  deadline: Date;
  locked: boolean;
  province: { id: string; code: string; name: string; validTo: Date | null };
  report: { id: string; status: ReportStatus; submittedAt: Date | null; approvedAt: Date | null; version: number; unlockedByAdmin: boolean } | null;
};

/**
 * Newest first: every period the user's own province was in force for (with its
 * report, if any), and the predecessors' reports. Two queries.
 */
export async function listProvinceReports(
  db: Db,
  { ownProvinceId, provinceIds }: { ownProvinceId: string; provinceIds: string[] },
): Promise<ProvinceReportRow[]> {
  const [provinces, periods] = await Promise.all([
    db.province.findMany({
      where: { id: { in: provinceIds } },
      select: {
        id: true,
        code: true,
        name: true,
        validFrom: true,
        validTo: true,
        reports: { select: { id: true, periodId: true, status: true, submittedAt: true, approvedAt: true, version: true, unlockedByAdmin: true } },
      },
    }),
    db.period.findMany({
      orderBy: [{ year: 'desc' }, { half: 'desc' }],
      select: { id: true, code: true, startDate: true, deadline: true, locked: true },
    }),
  ]);
  const rows: ProvinceReportRow[] = [];
  for (const period of periods) {
    for (const p of provinces) {
      if (!isInForce(p, period.startDate)) continue;
      const r = p.reports.find((x) => x.periodId === period.id) ?? null;
      if (!r && p.id !== ownProvinceId) continue;
      rows.push({
        periodCode: period.code,
        periodStart: period.startDate,
        deadline: period.deadline,
        locked: period.locked,
        province: { id: p.id, code: p.code, name: p.name, validTo: p.validTo },
        report: r && { id: r.id, status: r.status, submittedAt: r.submittedAt, approvedAt: r.approvedAt, version: r.version, unlockedByAdmin: r.unlockedByAdmin },
      });
    }
  }
  return rows;
}

/** The latest province to carry a code: the one in force today or, for a code merged away, as it was last. */
export async function findLatestProvinceByCode(db: Db, code: string) {
  return db.province.findFirst({ where: { code }, orderBy: { validFrom: 'desc' }, select: { id: true, code: true, validTo: true } });
}

/** The name shown beside the user in the header: their province's or their cluster's, if any. */
export async function accountScopeLabel(db: Db, user: Pick<SessionUser, 'provinceId' | 'clusterId'>): Promise<string | null> {
  if (user.provinceId) return (await db.province.findUnique({ where: { id: user.provinceId }, select: { name: true } }))?.name ?? null;
  if (user.clusterId) return (await db.cluster.findUnique({ where: { id: user.clusterId }, select: { name: true } }))?.name ?? null;
  return null;
}
