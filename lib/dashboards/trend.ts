import 'server-only';
import { APPROVED_ONLY_RULE, CLUSTER_RATE_RULE, countedStatuses, COUNTED_REPORTS_RULE, type AwardFacts, type FundFacts, type ModelTotal } from './aggregation';
import type { LearningModel } from '../domain';
import type { PeriodCode } from '../reference/periods';
import type { DbClient as Db } from '../platform/db';
import { readClusterByCode, readClusterMemberships, readPeriods } from '../reference/reference-data';
import { clusterPeriodScope, factsByKey } from './ledger';
import { clusterInfo, groupTotals, membersOn, type ClusterInfo } from './summary-shared';

// A cluster's Σ/Σ rates and fund flows period by period, for trend charts.

export type TrendPoint = {
  periodCode: PeriodCode;
  label: string;
  /** Members on the period's first day. */
  provincesExpected: number;
  models: Record<LearningModel, ModelTotal>;
  fund: FundFacts;
  awards: AwardFacts;
};

export type ClusterTrend = {
  cluster: ClusterInfo;
  approvedOnly: boolean;
  /** Chronological; every period in the range that exists in the database. */
  points: TrendPoint[];
  rules: string[];
};

/**
 * The cluster's Σ/Σ rates per model and fund flows, period by period (members on each period's
 * first day), summed by the database per period: for trend charts. `fromPeriod`/`toPeriod` bound
 * the range (default: every period in the database up to the latest with a counted report).
 * Null when the cluster is unknown. Four queries, whatever the number of periods and provinces.
 */
export async function getClusterTrend(
  db: Db,
  {
    clusterCode,
    fromPeriod,
    toPeriod,
    approvedOnly = false,
  }: { clusterCode: string; fromPeriod?: PeriodCode; toPeriod?: PeriodCode; approvedOnly?: boolean },
): Promise<ClusterTrend | null> {
  const [clusterRow, allPeriods, memberships] = await Promise.all([readClusterByCode(db, clusterCode), readPeriods(db), readClusterMemberships(db, clusterCode)]);
  if (!clusterRow) return null;
  const cluster = clusterInfo(clusterRow);
  const inRange = allPeriods.filter((p) => (!fromPeriod || p.code >= fromPeriod) && (!toPeriod || p.code <= toPeriod));
  // Codes of one format compare as strings chronologically (four-digit years).
  const grouped = await factsByKey(db, clusterPeriodScope(inRange.map((p) => p.id), countedStatuses(approvedOnly), cluster.id));
  let points = inRange.map((p) => ({ period: p, facts: grouped.get(`${cluster.id}|${p.id}`) }));
  if (!toPeriod) {
    const lastWithData = points.findLastIndex((x) => x.facts !== undefined);
    points = points.slice(0, lastWithData + 1);
  }
  return {
    cluster,
    approvedOnly,
    points: points.map((x, i) => {
      const totals = groupTotals(x.facts, i > 0 ? points[i - 1].facts : undefined);
      return {
        periodCode: x.period.code,
        label: x.period.label,
        provincesExpected: new Set(membersOn(memberships, x.period.startDate)).size,
        models: totals.models,
        fund: totals.fund,
        awards: totals.awards,
      };
    }),
    rules: [CLUSTER_RATE_RULE, approvedOnly ? APPROVED_ONLY_RULE : COUNTED_REPORTS_RULE],
  };
}
