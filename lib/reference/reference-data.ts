import 'server-only';
import { cache } from 'react';
import type { DbClient as Db } from '../platform/db';
import type { ProvinceNode } from './mergers';
import { periodLabel, type PeriodCode } from './periods';

// The reference tables that several data-layer functions read in one page: the periods, the
// provinces, a cluster and its memberships. Each read goes through React's cache(), so within one
// server-component render (a page and its layout) the same read on the same client runs once and
// every caller shares its result: the cluster page's loader, summary and trend read the periods
// once, not three times. Outside a render (route handlers, server actions, scripts, tests) cache()
// calls straight through: every call reads, so nothing written there is ever read stale.
// The results are shared, hence readonly: callers copy before they sort or change anything.

/** A period as dashboards show it, with its Vietnamese label. */
export type PeriodInfo = { code: PeriodCode; label: string; startDate: Date; endDate: Date; deadline: Date; locked: boolean };
export type PeriodRef = PeriodInfo & { id: string };
/** A province of any generation, with its successor link (2025 mergers). */
export type ProvinceRef = ProvinceNode & { name: string };
export type MembershipRef = { clusterId: string; provinceId: string; validFrom: Date; validTo: Date | null };

const PERIOD_SELECT = { id: true, code: true, startDate: true, endDate: true, deadline: true, locked: true } as const;
const PROVINCE_SELECT = { id: true, code: true, name: true, validFrom: true, validTo: true, successorId: true } as const;

/** Every period, oldest first. */
export const readPeriods = cache(async (db: Db): Promise<readonly PeriodRef[]> => {
  const rows = await db.period.findMany({ orderBy: [{ year: 'asc' }, { half: 'asc' }], select: PERIOD_SELECT });
  return rows.map((p) => ({ ...p, label: periodLabel(p.code) }));
});

/** Every province of every generation (dozens of rows), with its successor link. */
export const readProvinces = cache(async (db: Db): Promise<readonly ProvinceRef[]> => db.province.findMany({ select: PROVINCE_SELECT }));

/** A cluster by its code (CUM3), or null. */
export const readClusterByCode = cache(async (db: Db, code: string) =>
  db.cluster.findUnique({ where: { code }, select: { id: true, code: true, name: true, region: true, note: true } }),
);

/** A cluster's memberships over time, by the cluster's code. */
export const readClusterMemberships = cache(
  async (db: Db, clusterCode: string): Promise<readonly MembershipRef[]> =>
    db.clusterMembership.findMany({
      where: { cluster: { code: clusterCode } },
      select: { clusterId: true, provinceId: true, validFrom: true, validTo: true },
    }),
);
