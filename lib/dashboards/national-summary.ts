import 'server-only';
import { APPROVED_ONLY_RULE, CLUSTER_RATE_RULE, countedStatuses, COUNTED_REPORTS_RULE, rankModels, type AwardFacts, type FundFacts, type ModelTotal } from './aggregation';
import { completeness, type Completeness } from './completeness';
import { LEARNING_MODELS } from '../domain';
import type { LearningModel } from '../domain';
import { isPeriodCode, previousPeriodCode, type PeriodCode } from '../reference/periods';
import { progressAgainst, targetsInForce, type TargetProgress } from './targets';
import type { DbClient as Db } from '../platform/db';
import { readPeriods, type PeriodInfo } from '../reference/reference-data';
import { isInForce } from '../reference/validity';
import { clusterPeriodScope, factsByKey, loadStamps, loadTargets, NATION_KEY } from './ledger';
import { groupTotals, modelSums, periodInfo, type ClusterInfo, type SummaryTotals, type TargetRow } from './summary-shared';

// Every cluster side by side for one period, and the nation: the sums per cluster and for the
// nation are computed by the database (./ledger.ts), in six queries whatever the number of
// clusters and provinces.

export type ClusterAggregate = {
  cluster: ClusterInfo;
  /** Members on the period's first day. */
  provinces: number;
  /** Σ/Σ per model, ranked among the clusters by rate. */
  models: Record<LearningModel, ModelTotal & { rank: number | null; recognitionRank: number | null }>;
  fund: FundFacts;
  awards: AwardFacts;
  completeness: Completeness;
  targets: TargetProgress<TargetRow>[];
};

export type NationalSummary = {
  period: PeriodInfo;
  previousPeriod: PeriodCode | null;
  approvedOnly: boolean;
  /** Ordered by code. */
  clusters: ClusterAggregate[];
  /** Σ over the provinces that belong to a cluster (each counted once). */
  totals: SummaryTotals & { provinces: number; completeness: Completeness };
  targets: TargetProgress<TargetRow>[];
  rules: string[];
};

/**
 * Every cluster side by side for one period (Σ/Σ rates ranked among clusters, fund, awards,
 * completeness) and the national totals over the provinces that belong to a cluster, each
 * counted once. The sums per cluster are computed by the database. Null when the period does not
 * exist. Six queries, whatever the number of clusters and provinces.
 */
export async function getNationalSummary(
  db: Db,
  { periodCode, approvedOnly = false, now = new Date() }: { periodCode: PeriodCode; approvedOnly?: boolean; now?: Date },
): Promise<NationalSummary | null> {
  if (!isPeriodCode(periodCode)) return null;
  const previousCode = previousPeriodCode(periodCode);
  const [allPeriods, clusters, memberships, targetRows] = await Promise.all([
    readPeriods(db),
    db.cluster.findMany({ orderBy: { code: 'asc' }, select: { id: true, code: true, name: true, region: true } }),
    db.clusterMembership.findMany({ select: { clusterId: true, provinceId: true, validFrom: true, validTo: true } }),
    loadTargets(db),
  ]);
  const period = allPeriods.find((p) => p.code === periodCode);
  if (!period) return null;
  const previous = allPeriods.find((p) => p.code === previousCode) ?? null;
  const periodIds = [period.id, ...(previous ? [previous.id] : [])];

  const members = memberships.filter((m) => isInForce(m, period.startDate));
  const memberIds = [...new Set(members.map((m) => m.provinceId))];
  const [grouped, { stamps, extendedTo }] = await Promise.all([
    factsByKey(db, clusterPeriodScope(periodIds, countedStatuses(approvedOnly), null)),
    loadStamps(db, memberIds, [period.id]),
  ]);
  const stampOf = new Map(stamps.map((s) => [s.provinceId, s]));
  const expectedOf = (ids: readonly string[]) =>
    completeness(
      ids.map((id) => {
        const s = stampOf.get(id);
        return { status: s?.status ?? null, submittedAt: s?.submittedAt ?? null, firstSubmittedAt: s?.firstSubmittedAt, extendedTo: extendedTo.get(`${id}|${period.id}`) };
      }),
      period.deadline,
      now,
    );
  const targets = targetsInForce(targetRows, period.endDate);
  const totalsFor = (key: string): SummaryTotals => groupTotals(grouped.get(`${key}|${period.id}`), previous ? grouped.get(`${key}|${previous.id}`) : undefined);

  const aggregates = clusters.map((c) => {
    const ids = [...new Set(members.filter((m) => m.clusterId === c.id).map((m) => m.provinceId))];
    const totals = totalsFor(c.id);
    return {
      cluster: c,
      provinces: ids.length,
      models: Object.fromEntries(LEARNING_MODELS.map((m) => [m, { ...totals.models[m], rank: null, recognitionRank: null }])) as ClusterAggregate['models'],
      fund: totals.fund,
      awards: totals.awards,
      completeness: expectedOf(ids),
      targets: progressAgainst(targets, modelSums(totals.models)),
    };
  });
  const ranked = rankClusters(aggregates);
  const national = totalsFor(NATION_KEY);
  return {
    period: periodInfo(period),
    previousPeriod: previous?.code ?? null,
    approvedOnly,
    clusters: ranked,
    totals: { ...national, provinces: memberIds.length, completeness: expectedOf(memberIds) },
    targets: progressAgainst(targets, modelSums(national.models)),
    rules: [
      CLUSTER_RATE_RULE,
      'Số liệu toàn quốc gồm các tỉnh, thành phố thuộc một cụm; mỗi tỉnh được tính một lần.',
      approvedOnly ? APPROVED_ONLY_RULE : COUNTED_REPORTS_RULE,
    ],
  };
}

/** Ranks of the clusters by their Σ/Σ rates, per model. */
function rankClusters(rows: ClusterAggregate[]): ClusterAggregate[] {
  return rankModels(rows);
}
