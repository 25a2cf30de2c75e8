import 'server-only';
import {
  aggregateSpan,
  APPROVED_ONLY_RULE,
  CLUSTER_RATE_RULE,
  combineStatus,
  COUNTED_REPORTS_RULE,
  MERGER_ROLL_UP_RULE,
  modelTotal,
  previousSpan,
  rankModels,
  SPAN_RULE,
  sumAcrossProvinces,
  type Figures,
  type ModelTotal,
} from './aggregation';
import { completeness, type Completeness } from './completeness';
import { LEARNING_MODELS } from '../domain';
import type { LearningModel, ReportStatus } from '../domain';
import { isPeriodCode, parsePeriodCode, periodLabel, periodRange, previousPeriodCode, type PeriodCode } from '../reference/periods';
import { countByStatus, progressAgainst, targetsInForce, type TargetCount, type TargetProgress } from './targets';
import type { DbClient as Db } from '../platform/db';
import { readClusterByCode, readClusterMemberships, readPeriods, readProvinces, type PeriodInfo, type PeriodRef } from '../reference/reference-data';
import { isInForce } from '../reference/validity';
import { loadLedger, loadTargets } from './ledger';
import { planRows, rowFigures, rowPeriod, rowTimeliness, type ReportPart, type RowFigures, type RowPlan, type SummaryView } from './rows';
import { clusterInfo, membersOn, modelSums, periodInfo, type ClusterInfo, type SummaryTotals, type TargetRow } from './summary-shared';

// A cluster's figures, for one period or a span of periods (a year), in eight queries whatever the
// number of provinces: the small reference tables (cluster, periods, provinces, memberships,
// targets, leader terms) in one round of parallel queries, then the reports' statuses and their
// figures summed by the database (./ledger.ts) in a second round. What remains in JavaScript is the
// rules of ./rows.ts and ./aggregation.ts (stocks vs flows over a span, merger roll-ups, Σ/Σ rates,
// rankings), applied to one row per province.

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
  /** The first submission, on which `onTime` is measured (of several reports: the latest). */
  firstSubmittedAt: Date | null;
  /** The row's deadline: the period's, or the province's extension when later. */
  deadline: Date;
  /** First delivered by the deadline; null when not delivered. */
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

function clusterTargets(targets: readonly TargetRow[], totals: SummaryTotals, perRow: ReadonlyArray<TargetProgress<TargetRow>[]>): ClusterTargetProgress[] {
  const counts = countByStatus(perRow, targets);
  return progressAgainst(targets, modelSums(totals.models)).map((p, i) => ({ ...p, provinces: counts[i] }));
}

function rulesFor(view: SummaryView, approvedOnly: boolean, extra: string[] = []): string[] {
  return [CLUSTER_RATE_RULE, ...extra, ...(view === 'current' ? [MERGER_ROLL_UP_RULE] : []), approvedOnly ? APPROVED_ONLY_RULE : COUNTED_REPORTS_RULE];
}

/** The reference tables a cluster view needs, in one round of parallel queries (shared within a render, see lib/reference/reference-data.ts). */
async function loadClusterRefs(db: Db, clusterCode: string, periodCodes: readonly string[]) {
  const [cluster, periods, provinces, targets, memberships, leaderTerms] = await Promise.all([
    readClusterByCode(db, clusterCode),
    readPeriods(db),
    readProvinces(db),
    loadTargets(db),
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
    targets,
    memberships,
    leaderTerms,
  };
}

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
    const timeliness = rowTimeliness(current.parts, period);
    const row: ProvinceSummaryRow = {
      provinceId: plan.row.id,
      code: plan.row.code,
      name: plan.row.name,
      mergedFrom: own ? [] : current.parts,
      status: stamp.status,
      submittedAt: stamp.submittedAt,
      ...timeliness,
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
    return { status: s?.status ?? null, submittedAt: s?.submittedAt ?? null, firstSubmittedAt: s?.firstSubmittedAt, extendedTo: ledger.extendedTo(p.id, period.id) };
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
          return { status: s?.status ?? null, submittedAt: s?.submittedAt ?? null, firstSubmittedAt: s?.firstSubmittedAt, extendedTo: ledger.extendedTo(id, p.id) };
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
