import 'server-only';
import type { Db } from '../platform/db';
import { readClusterByCode, readPeriods } from './reference-data';
import { inForceWhere } from './validity';

export async function listClusters(db: Db) {
  return db.cluster.findMany({ orderBy: { code: 'asc' }, select: { id: true, code: true, name: true, region: true, note: true } });
}

export const findClusterByCode = readClusterByCode;

/** Every period, newest first. */
export async function listPeriods(db: Db) {
  return [...(await readPeriods(db))].reverse();
}

/** The latest period in which any member of the cluster has a report. */
export async function latestReportedPeriodCode(db: Db, clusterId: string): Promise<string | null> {
  const row = await db.report.findFirst({
    where: { province: { memberships: { some: { clusterId } } } },
    orderBy: [{ period: { year: 'desc' } }, { period: { half: 'desc' } }],
    select: { period: { select: { code: true } } },
  });
  return row?.period.code ?? null;
}

/** The clusters a province belonged to on a day (a period's first day): the way back from its report to a dashboard. */
export async function clustersOfProvinceOn(db: Db, provinceId: string, day: Date): Promise<{ id: string; code: string; name: string }[]> {
  const rows = await db.clusterMembership.findMany({
    where: { provinceId, ...inForceWhere(day) },
    orderBy: { cluster: { code: 'asc' } },
    select: { cluster: { select: { id: true, code: true, name: true } } },
  });
  return rows.map((r) => r.cluster);
}
