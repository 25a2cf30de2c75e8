import 'server-only';
import { z } from 'zod';
import { UserFacingError } from '../errors';
import { clusterVisibility, type SessionUser } from '../permissions';
import { inForceWhere, isInForce, vietnamDay } from '../reference/validity';
import { Prisma } from '../generated/prisma/client';
import {
  APPROVED_ONLY_RULE,
  aggregateSpan,
  CLUSTER_RATE_RULE,
  combineStatus,
  countedStatuses,
  COUNTED_REPORTS_RULE,
  emptyFigures,
  MERGER_ROLL_UP_RULE,
  modelTotal,
  onTimeOf,
  previousSpan,
  rankModels,
  SPAN_RULE,
  sumAcrossProvinces,
  type AwardFacts,
  type Figures,
  type FundFacts,
  type ModelCell,
  type ModelTotal,
} from './aggregation';
import { completeness, type Completeness } from './completeness';
import { LEARNING_MODELS } from '../domain';
import type { LearningModel, ReportStatus } from '../domain';
import type { ModelFigures } from './metrics';
import { isPeriodCode, parsePeriodCode, periodLabel, periodRange, previousPeriodCode, type PeriodCode } from '../reference/periods';
import { countByStatus, progressAgainst, targetsInForce, type NationalTargetDef, type TargetCount, type TargetProgress } from './targets';
import type { DbClient as Db } from '../platform/db';
import { readClusterByCode, readClusterMemberships, readPeriods, readProvinces } from '../reference/reference-data';
import {
  byName,
  factsByKey,
  loadLedger,
  periodInfo,
  planRows,
  rowFigures,
  rowPeriod,
  TARGET_SELECT,
  type GroupedFacts,
  type MembershipRef,
  type PeriodInfo,
  type PeriodRef,
  type ReportPart,
  type RowFigures,
  type RowPlan,
  type SummaryView,
} from './ledger';

export type { PeriodInfo, ReportPart, RowFigures, SummaryView };

// Dashboards' figures, aggregated in the database with a fixed number of queries whatever the
// number of provinces: each function reads the small reference tables (cluster, periods,
// provinces, memberships, targets) in one round of parallel queries, then the reports' statuses and
// their figures in a second round: one SQL statement sums the child rows (sources, kinds, groups;
// and for the national view and trends, whole clusters and periods) with GROUP BY. What remains in JavaScript is the rules of
// lib/dashboards/aggregation.ts (stocks vs flows over a span, merger roll-ups, Σ/Σ rates, rankings), applied
// to one row per province.

// ---------------------------------------------------------------------------
// Public types

export type TargetRow = NationalTargetDef & { id: string };

export type ClusterInfo = { id: string; code: string; name: string; region: string | null };

export type ProvinceSummaryRow = RowFigures & {
  provinceId: string;
  code: string;
  name: string;
  /**
   * When the row adds up several provinces ('current' view of a merged province): each province
   * in force on the period's first day that is part of it, with its own report. Empty when the row
   * is one province's own report.
   */
  mergedFrom: ReportPart[];
  status: ReportStatus | null;
  submittedAt: Date | null;
  /** Delivered by the deadline; null when not delivered. */
  onTime: boolean | null;
  /** Some of its figures count (a delivered report). */
  counted: boolean;
  /**
   * Every province that makes up the row this period has counted figures. False for a row that
   * adds up several provinces when one of them did not report: its sums are partial.
   */
  complete: boolean;
  /**
   * False when the previous period's figure behind `changePp` lacks some of the provinces that made
   * up this row then (a predecessor that did not report): the change compares unlike things.
   */
  previousComplete: boolean;
  targets: TargetProgress<TargetRow>[];
};

export type SummaryTotals = {
  /**
   * Σ/Σ per model, with the change against the previous period's Σ/Σ of the cluster as it was then
   * (its members on that period's first day, in the same view): the figure the previous period's
   * dashboard showed, and the trend's previous point.
   */
  models: Record<LearningModel, ModelTotal>;
  fund: FundFacts;
  awards: AwardFacts;
  /** Rows with counted figures. */
  provincesCounted: number;
};

export type ClusterTargetProgress = TargetProgress<TargetRow> & {
  /** How many rows (provinces) are on track, behind, or without data. */
  provinces: TargetCount;
};

export type ClusterSummary = {
  cluster: ClusterInfo;
  period: PeriodInfo;
  /** Code of the previous period when it exists (the base of changePp), else null. */
  previousPeriod: PeriodCode | null;
  view: SummaryView;
  approvedOnly: boolean;
  leader: { provinceId: string; code: string; name: string; termLabel: string } | null;
  /** Rows in the order of their names (vi). */
  provinces: ProvinceSummaryRow[];
  totals: SummaryTotals;
  /** Of the provinces expected to report (members on the period's first day), whatever the view. */
  completeness: Completeness;
  /** National targets in force on the period's last day, for the cluster's Σ/Σ. */
  targets: ClusterTargetProgress[];
  /** Vietnamese sentences stating how the figures were computed, for under the table. */
  rules: string[];
};

export type SpanProvinceRow = RowFigures & {
  provinceId: string;
  code: string;
  name: string;
  /** Every report behind the row in the span (its own and its predecessors'), by period. */
  reports: ReportPart[];
  /** Periods whose counted figures are in the row. */
  periods: PeriodCode[];
  /** The period whose stocks (models, closing balance) are shown; null without figures. */
  stocksAsOf: PeriodCode | null;
  /** Every province that makes up the row has counted figures in every period of the span. */
  complete: boolean;
  previousComplete: boolean;
  targets: TargetProgress<TargetRow>[];
};

export type ClusterSpanSummary = {
  cluster: ClusterInfo;
  /** `periods`: the span's periods that exist in the database. */
  span: { from: PeriodCode; to: PeriodCode; label: string; periods: PeriodCode[] };
  /** The span of the same length just before (the base of changePp). */
  previousSpan: { from: PeriodCode; to: PeriodCode };
  view: SummaryView;
  approvedOnly: boolean;
  /** Members on the first day of the span's last period, or their successors in the 'current' view. */
  provinces: SpanProvinceRow[];
  totals: SummaryTotals;
  /** One per period of the span, of the members on that period's first day. */
  completeness: Array<{ periodCode: PeriodCode } & Completeness>;
  targets: ClusterTargetProgress[];
  rules: string[];
};

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

function totalsOf(current: ReadonlyArray<{ figures: Figures; counted: boolean }>, previous: readonly Figures[]): SummaryTotals {
  const sum = sumAcrossProvinces(current.map((r) => r.figures));
  return {
    models: Object.fromEntries(
      LEARNING_MODELS.map((m) => [m, modelTotal(current.map((r) => r.figures.models[m]), previous.map((f) => f.models[m]))]),
    ) as Record<LearningModel, ModelTotal>,
    fund: sum.fund,
    awards: sum.awards,
    provincesCounted: current.filter((r) => r.counted).length,
  };
}

function modelSums(models: Record<LearningModel, ModelTotal>): Record<LearningModel, ModelFigures | null> {
  return Object.fromEntries(
    LEARNING_MODELS.map((m) => [m, models[m].provinces > 0 ? { total: models[m].total, registered: models[m].registered, recognised: models[m].recognised } : null]),
  ) as Record<LearningModel, ModelFigures | null>;
}

function clusterTargets(targets: readonly TargetRow[], totals: SummaryTotals, perRow: ReadonlyArray<TargetProgress<TargetRow>[]>): ClusterTargetProgress[] {
  const counts = countByStatus(perRow, targets);
  return progressAgainst(targets, modelSums(totals.models)).map((p, i) => ({ ...p, provinces: counts[i] }));
}

function rulesFor(view: SummaryView, approvedOnly: boolean, extra: string[] = []): string[] {
  return [CLUSTER_RATE_RULE, ...extra, ...(view === 'current' ? [MERGER_ROLL_UP_RULE] : []), approvedOnly ? APPROVED_ONLY_RULE : COUNTED_REPORTS_RULE];
}

/** The reference tables a cluster view needs, in one round of parallel queries (shared within a render, see ./reference-data). */
async function loadClusterRefs(db: Db, clusterCode: string, periodCodes: readonly string[]) {
  const [cluster, periods, provinces, targets, memberships, leaderTerms] = await Promise.all([
    readClusterByCode(db, clusterCode),
    readPeriods(db),
    readProvinces(db),
    db.nationalTarget.findMany({ select: TARGET_SELECT }),
    readClusterMemberships(db, clusterCode),
    db.clusterLeaderTerm.findMany({
      where: { cluster: { code: clusterCode } },
      select: { provinceId: true, termLabel: true, validFrom: true, validTo: true },
    }),
  ]);
  return {
    cluster: cluster && clusterInfo(cluster),
    periods: periods.filter((p) => periodCodes.includes(p.code)),
    provinces,
    targets: targets as TargetRow[],
    memberships,
    leaderTerms,
  };
}

const clusterInfo = ({ id, code, name, region }: ClusterInfo): ClusterInfo => ({ id, code, name, region });

const membersOn = (memberships: readonly MembershipRef[], day: Date) => memberships.filter((m) => isInForce(m, day)).map((m) => m.provinceId);

// ---------------------------------------------------------------------------
// Cluster: one period

/**
 * A cluster's figures for one period: every row (province) with its models (figures, rates, change
 * since the previous period in percentage points, rank), fund and awards; the Σ/Σ totals; how
 * complete the reporting is; and progress against the national targets in force on the period's
 * last day. Null when the cluster or the period does not exist. Eight queries, whatever the number
 * of provinces.
 */
export async function getClusterSummary(
  db: Db,
  {
    clusterCode,
    periodCode,
    approvedOnly = false,
    view = 'reported',
    now = new Date(),
  }: { clusterCode: string; periodCode: PeriodCode; approvedOnly?: boolean; view?: SummaryView; now?: Date },
): Promise<ClusterSummary | null> {
  if (!isPeriodCode(periodCode)) return null;
  const previousCode = previousPeriodCode(periodCode);
  const refs = await loadClusterRefs(db, clusterCode, [periodCode, previousCode]);
  const period = refs.periods.find((p) => p.code === periodCode);
  if (!refs.cluster || !period) return null;
  const previous = refs.periods.find((p) => p.code === previousCode) ?? null;

  const memberIds = membersOn(refs.memberships, period.startDate);
  const plans = planRows(memberIds, refs.provinces, view);
  // The cluster as it was in the previous period, for the change of its Σ/Σ.
  const previousPlans = previous ? planRows(membersOn(refs.memberships, previous.startDate), refs.provinces, view) : [];
  const involved = [...new Set([...plans, ...previousPlans].flatMap((p) => p.parts.map((x) => x.id)))];
  const ledger = await loadLedger(db, involved, [period.id, ...(previous ? [previous.id] : [])], approvedOnly);

  const targets = targetsInForce(refs.targets, period.endDate);
  const built = plans.map((plan) => {
    const current = rowPeriod(plan, period, ledger);
    const before = previous ? rowPeriod(plan, previous, ledger) : null;
    const own = current.parts.length === 1 && current.parts[0].provinceId === plan.row.id;
    const stamp = combineStatus(current.parts);
    const row: ProvinceSummaryRow = {
      provinceId: plan.row.id,
      code: plan.row.code,
      name: plan.row.name,
      mergedFrom: own ? [] : current.parts,
      status: stamp.status,
      submittedAt: stamp.submittedAt,
      onTime: onTimeOf(stamp, period.deadline),
      counted: current.anyCounted,
      complete: current.complete,
      previousComplete: before?.complete ?? false,
      ...rowFigures(current.facts, before?.anyCounted ? before.facts : null),
      targets: progressAgainst(targets, current.facts.models),
    };
    return { row, figures: current.facts as Figures, counted: current.anyCounted };
  });
  const provinces = rankModels(built.map((b) => b.row));
  const totals = totalsOf(
    built,
    previous ? previousPlans.map((plan) => rowPeriod(plan, previous, ledger).facts) : [],
  );

  const members = refs.provinces.filter((p) => memberIds.includes(p.id));
  const expected = members.map((p) => {
    const s = ledger.stamp(p.id, period.id);
    return { status: s?.status ?? null, submittedAt: s?.submittedAt ?? null };
  });
  const leaderTerm = refs.leaderTerms.find((t) => isInForce(t, period.startDate));
  const leaderProvince = leaderTerm ? refs.provinces.find((p) => p.id === leaderTerm.provinceId) : undefined;

  return {
    cluster: refs.cluster,
    period: periodInfo(period),
    previousPeriod: previous?.code ?? null,
    view,
    approvedOnly,
    leader:
      leaderTerm && leaderProvince
        ? { provinceId: leaderProvince.id, code: leaderProvince.code, name: leaderProvince.name, termLabel: leaderTerm.termLabel }
        : null,
    provinces,
    totals,
    completeness: completeness(expected, period.deadline, now),
    targets: clusterTargets(targets, totals, provinces.map((p) => p.targets)),
    rules: rulesFor(view, approvedOnly),
  };
}

// ---------------------------------------------------------------------------
// Cluster: a span of periods (a year)

/**
 * A cluster's figures over a span of periods (a year: `from` 2025S1, `to` 2025S2): stocks (models,
 * closing balance) are the latest in the span, the opening balance the earliest, flows (mobilised,
 * spent, awards) the sum. Rows are the members on the first day of the span's last period (or their
 * successors in the 'current' view), each with its predecessors' reports rolled in, so a year that
 * crosses a merger adds the old provinces' first half into the new province. Change in percentage
 * points is against the previous span of the same length. Null when the cluster is unknown, the
 * span is empty, or none of its periods exists. Eight queries.
 */
export async function getClusterSpanSummary(
  db: Db,
  {
    clusterCode,
    from,
    to,
    approvedOnly = false,
    view = 'reported',
    now = new Date(),
  }: { clusterCode: string; from: PeriodCode; to: PeriodCode; approvedOnly?: boolean; view?: SummaryView; now?: Date },
): Promise<ClusterSpanSummary | null> {
  if (!isPeriodCode(from) || !isPeriodCode(to)) return null;
  const codes = periodRange(from, to);
  if (codes.length === 0) return null;
  const before = previousSpan(from, to);
  const previousCodes = periodRange(before.from, before.to);
  const refs = await loadClusterRefs(db, clusterCode, [...codes, ...previousCodes]);
  const spanPeriods = codes.map((c) => refs.periods.find((p) => p.code === c)).filter((p): p is PeriodRef => p !== undefined);
  const previousPeriods = previousCodes.map((c) => refs.periods.find((p) => p.code === c)).filter((p): p is PeriodRef => p !== undefined);
  if (!refs.cluster || spanPeriods.length === 0) return null;

  const last = spanPeriods[spanPeriods.length - 1];
  const plans = planRows(membersOn(refs.memberships, last.startDate), refs.provinces, view);
  // The cluster as it was in the previous span, for the change of its Σ/Σ.
  const previousLast = previousPeriods.at(-1);
  const previousPlans = previousLast ? planRows(membersOn(refs.memberships, previousLast.startDate), refs.provinces, view) : [];
  // Members of every period of the span, for completeness.
  const expectedIds = spanPeriods.flatMap((p) => membersOn(refs.memberships, p.startDate));
  const involved = [...new Set([...[...plans, ...previousPlans].flatMap((p) => p.parts.map((x) => x.id)), ...expectedIds])];
  const ledger = await loadLedger(db, involved, [...spanPeriods, ...previousPeriods].map((p) => p.id), approvedOnly);

  const spanOf = (plan: RowPlan, periods: readonly PeriodRef[]) => {
    const perPeriod = periods.map((p) => rowPeriod(plan, p, ledger));
    const counted = perPeriod.filter((x) => x.anyCounted);
    return {
      perPeriod,
      facts: aggregateSpan(counted.map((x) => x.facts)),
      complete: perPeriod.every((x) => x.complete),
      latestComplete: counted.at(-1)?.complete ?? false,
    };
  };
  const targets = targetsInForce(refs.targets, last.endDate);
  const built = plans.map((plan) => {
    const current = spanOf(plan, spanPeriods);
    const before = spanOf(plan, previousPeriods);
    const previousFigures = before.facts.periods.length ? before.facts : null;
    const row: SpanProvinceRow = {
      provinceId: plan.row.id,
      code: plan.row.code,
      name: plan.row.name,
      reports: current.perPeriod.flatMap((x) => x.parts),
      periods: current.facts.periods,
      stocksAsOf: current.facts.stocksAsOf,
      complete: current.complete,
      previousComplete: before.latestComplete,
      ...rowFigures(current.facts, previousFigures),
      targets: progressAgainst(targets, current.facts.models),
    };
    return { row, figures: current.facts as Figures, counted: current.facts.periods.length > 0 };
  });
  const provinces = rankModels(built.map((b) => b.row));
  const totals = totalsOf(
    built,
    previousPlans.map((plan) => spanOf(plan, previousPeriods).facts),
  );

  return {
    cluster: refs.cluster,
    span: { from, to, label: spanLabel(from, to), periods: spanPeriods.map((p) => p.code) },
    previousSpan: before,
    view,
    approvedOnly,
    provinces,
    totals,
    completeness: spanPeriods.map((p) => ({
      periodCode: p.code,
      ...completeness(
        membersOn(refs.memberships, p.startDate).map((id) => {
          const s = ledger.stamp(id, p.id);
          return { status: s?.status ?? null, submittedAt: s?.submittedAt ?? null };
        }),
        p.deadline,
        now,
      ),
    })),
    targets: clusterTargets(targets, totals, provinces.map((p) => p.targets)),
    rules: rulesFor(view, approvedOnly, [SPAN_RULE]),
  };
}

/** "Năm 2025" for a calendar year, else "6 tháng đầu năm 2024 – 6 tháng cuối năm 2025". */
export function spanLabel(from: PeriodCode, to: PeriodCode): string {
  const a = parsePeriodCode(from);
  const b = parsePeriodCode(to);
  if (a.year === b.year && a.half === 1 && b.half === 2) return `Năm ${a.year}`;
  if (from === to) return periodLabel(from);
  return `${periodLabel(from)} – ${periodLabel(to)}`;
}

// ---------------------------------------------------------------------------
// National: every cluster side by side

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
    db.nationalTarget.findMany({ select: TARGET_SELECT }),
  ]);
  const period = allPeriods.find((p) => p.code === periodCode);
  if (!period) return null;
  const previous = allPeriods.find((p) => p.code === previousCode) ?? null;
  const periodIds = [period.id, ...(previous ? [previous.id] : [])];

  const members = memberships.filter((m) => isInForce(m, period.startDate));
  const memberIds = [...new Set(members.map((m) => m.provinceId))];
  const [grouped, stamps] = await Promise.all([
    factsByKey(db, clusterPeriodScope(periodIds, countedStatuses(approvedOnly), null)),
    db.report.findMany({
      where: { periodId: period.id, provinceId: { in: memberIds } },
      select: { provinceId: true, status: true, submittedAt: true },
    }),
  ]);
  const stampOf = new Map(stamps.map((s) => [s.provinceId, s]));
  const expectedOf = (ids: readonly string[]) =>
    completeness(
      ids.map((id) => ({ status: stampOf.get(id)?.status ?? null, submittedAt: stampOf.get(id)?.submittedAt ?? null })),
      period.deadline,
      now,
    );
  const targets = targetsInForce(targetRows as TargetRow[], period.endDate);
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

const NATION_KEY = '*';

/** Totals of a group summed by the database, with the change against the previous period's group. */
function groupTotals(current: GroupedFacts | undefined, previous: GroupedFacts | undefined): SummaryTotals {
  return {
    models: Object.fromEntries(
      LEARNING_MODELS.map((m) => [
        m,
        // One pre-summed figure each; the number of provinces in it is the database's count.
        { ...modelTotal([current?.models[m] ?? null], [previous?.models[m] ?? null]), provinces: current?.modelCounts[m] ?? 0 },
      ]),
    ) as Record<LearningModel, ModelTotal>,
    fund: current?.fund ?? emptyFigures().fund,
    awards: current?.awards ?? emptyFigures().awards,
    provincesCounted: current?.reports ?? 0,
  };
}

/**
 * Counted reports grouped by cluster and period (key "clusterId|periodId"), by the members on each
 * period's first day; and, unless `clusterId` is given, the nation ("*|periodId": each report
 * once, however many clusters its province belongs to).
 */
function clusterPeriodScope(periodIds: readonly string[], statuses: readonly ReportStatus[], clusterId: string | null): Prisma.Sql {
  const members = Prisma.sql`
    SELECT DISTINCT cm."clusterId", p.id AS "periodId", r.id AS "reportId"
    FROM "ClusterMembership" cm
    JOIN "Period" p ON p.id = ANY(${periodIds})
      AND cm."validFrom" <= p."startDate" AND (cm."validTo" IS NULL OR cm."validTo" >= p."startDate")
    JOIN "Report" r ON r."provinceId" = cm."provinceId" AND r."periodId" = p.id
    WHERE r.status::text = ANY(${statuses}) ${clusterId === null ? Prisma.empty : Prisma.sql`AND cm."clusterId" = ${clusterId}`}`;
  const nation =
    clusterId === null ? Prisma.sql`UNION SELECT DISTINCT ${NATION_KEY} || '|' || m."periodId" AS key, m."reportId" FROM m` : Prisma.empty;
  return Prisma.sql`
    WITH m AS (${members})
    SELECT m."clusterId" || '|' || m."periodId" AS key, m."reportId" FROM m
    ${nation}`;
}

/** Ranks of the clusters by their Σ/Σ rates, per model. */
function rankClusters(rows: ClusterAggregate[]): ClusterAggregate[] {
  return rankModels(rows);
}

// ---------------------------------------------------------------------------
// Trend of a cluster

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

// ---------------------------------------------------------------------------
// Clusters a user may see

export type VisibleCluster = ClusterInfo & {
  /** The leader province's association for the term in force today. */
  leader: { code: string; name: string; termLabel: string } | null;
  /** Members in force today, by name. */
  provinces: Array<{ code: string; name: string }>;
  /** The user may read the cluster's summaries (leaders of the cluster, central association, administrators). */
  canViewSummary: boolean;
};


/**
 * The clusters the user may see, by code: every cluster for the central association and
 * administrators; their own for a cluster leader; for province staff, the clusters their province
 * belongs to today, as basic information only (`canViewSummary` false): province staff compare
 * nothing but their own figures. Three queries.
 */
export async function listVisibleClusters(
  db: Db,
  user: Pick<SessionUser, 'role' | 'provinceId' | 'clusterId'>,
  now = new Date(),
): Promise<VisibleCluster[]> {
  const today = vietnamDay(now);
  const visibility = clusterVisibility(user);
  const scope = visibility.clusters;
  const where: Prisma.ClusterWhereInput =
    'all' in scope ? {} : 'led' in scope ? { id: scope.led } : { memberships: { some: { provinceId: scope.memberOf, ...inForceWhere(today) } } };
  const [clusters, memberships, leaders] = await Promise.all([
    db.cluster.findMany({ where, orderBy: { code: 'asc' }, select: { id: true, code: true, name: true, region: true } }),
    db.clusterMembership.findMany({ where: { cluster: where, ...inForceWhere(today) }, select: { clusterId: true, province: { select: { code: true, name: true } } } }),
    db.clusterLeaderTerm.findMany({
      where: { cluster: where, ...inForceWhere(today) },
      select: { clusterId: true, termLabel: true, province: { select: { code: true, name: true } } },
    }),
  ]);
  const summaries = visibility.summaries;
  return clusters.map((c) => {
    const leader = leaders.find((l) => l.clusterId === c.id);
    return {
      ...c,
      leader: leader ? { ...leader.province, termLabel: leader.termLabel } : null,
      provinces: memberships
        .filter((m) => m.clusterId === c.id)
        .map((m) => m.province)
        .sort(byName),
      canViewSummary: summaries,
    };
  });
}


// ---------------------------------------------------------------------------
// JSON for the read API (docs/api-read.md): figures as JSON numbers, rates as unrounded fractions

/** Amounts are whole VND below 2^53 (a province's fund is hundreds of billions); anything above is a bug. */
export function vndJson(amount: bigint | null): number | null {
  if (amount === null) return null;
  if (amount > BigInt(Number.MAX_SAFE_INTEGER) || amount < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`Amount ${amount} is too large for a JSON number`);
  }
  return Number(amount);
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function modelsJson(models: Record<LearningModel, Pick<ModelCell, 'total' | 'registered' | 'recognised' | 'registrationRate' | 'recognitionRate'>>) {
  return Object.fromEntries(
    LEARNING_MODELS.map((m) => {
      const { total, registered, recognised, registrationRate, recognitionRate } = models[m];
      return [m, { total, registered, recognised, registrationRate, recognitionRate }];
    }),
  ) as Record<LearningModel, { total: number | null; registered: number | null; recognised: number | null; registrationRate: number | null; recognitionRate: number | null }>;
}

const fundJson = (f: FundFacts) => ({ opening: vndJson(f.opening), mobilised: vndJson(f.mobilised), spent: vndJson(f.spent), closing: vndJson(f.closing) });
const awardsJson = (a: AwardFacts) => ({ recipients: a.recipients, amount: vndJson(a.amount) });
/** `submitted`: delivered (awaiting review or approved); a returned report is back with the province. */
const completenessJson = (c: Completeness) => ({ expected: c.expected, submitted: c.inReview, approved: c.approved });

export function clusterSummaryJson(s: ClusterSummary) {
  return {
    cluster: { code: s.cluster.code, name: s.cluster.name },
    period: { code: s.period.code, start: isoDay(s.period.startDate), end: isoDay(s.period.endDate) },
    provinces: s.provinces.map((p) => ({
      code: p.code,
      name: p.name,
      status: p.status,
      models: modelsJson(p.models),
      fund: fundJson(p.fund),
      awards: awardsJson(p.awards),
      // By today's provinces, which old provinces a row adds up, each with its own report's status.
      ...(s.view === 'current'
        ? { mergedFrom: p.mergedFrom.map((m) => ({ code: m.code, name: m.name, status: m.status })) }
        : {}),
    })),
    totals: { models: modelsJson(s.totals.models), fund: fundJson(s.totals.fund), awards: awardsJson(s.totals.awards) },
    completeness: completenessJson(s.completeness),
  };
}

export function nationalSummaryJson(n: NationalSummary) {
  return {
    period: { code: n.period.code, start: isoDay(n.period.startDate), end: isoDay(n.period.endDate) },
    clusters: n.clusters.map((c) => ({
      cluster: { code: c.cluster.code, name: c.cluster.name },
      provinces: c.provinces,
      models: modelsJson(c.models),
      fund: fundJson(c.fund),
      awards: awardsJson(c.awards),
      completeness: completenessJson(c.completeness),
    })),
    totals: {
      provinces: n.totals.provinces,
      models: modelsJson(n.totals.models),
      fund: fundJson(n.totals.fund),
      awards: awardsJson(n.totals.awards),
      completeness: completenessJson(n.totals.completeness),
    },
  };
}

const PERIOD_PARAM = z
  .string({ error: 'Thiếu kỳ báo cáo (period), ví dụ period=2022S1.' })
  .refine(isPeriodCode, 'Kỳ báo cáo có dạng năm, chữ S rồi 1 hoặc 2, ví dụ 2022S1.');
const BOOLEAN_PARAM = z.enum(['true', 'false'], { error: 'Giá trị phải là true hoặc false.' }).optional();

/** Query string of the summary routes: ?period=2022S1[&approvedOnly=true][&view=current]. */
export const SummaryQuerySchema = z.object({
  period: PERIOD_PARAM,
  approvedOnly: BOOLEAN_PARAM.transform((v) => v === 'true'),
  view: z.enum(['reported', 'current'], { error: 'Cách xem (view) là reported hoặc current.' }).optional().default('reported'),
});

/** Parses a route's query string, refusing it whole (400, by parameter) when a parameter is wrong. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (parsed.success) return parsed.data;
  const fields: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (fields[issue.path.map(String).join('.') || 'query'] ??= []).push(issue.message);
  throw new UserFacingError('Tham số của yêu cầu chưa hợp lệ. Xem danh sách lỗi theo từng tham số.', fields, 'INVALID_INPUT');
}

export type { Completeness, ModelCell, ModelTotal, FundFacts, AwardFacts };
