import 'server-only';
import type { Db } from '../platform/db';
import { readClusterByCode, readPeriods } from './reference-data';

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
