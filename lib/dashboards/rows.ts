// The rows of a dashboard view and their figures, from the reports read by ./ledger.ts: a row is a
// province with the predecessors whose figures it adds up (2025 mergers). Pure: the summaries and
// a province's history (the data layer) read the ledger, then build their rows here.
import { isInForce } from '../reference/validity';
import { assignToRows, combineStatus, modelCell, onTimeOf, sumAcrossProvinces, type Figures, type ModelCell, type PeriodFacts, type ReportStamp, type AwardFacts, type FundFacts } from './aggregation';
import { effectiveDeadline } from '../reference/deadlines';
import { firstSubmission } from '../reports/timeliness';
import { LEARNING_MODELS } from '../domain';
import type { LearningModel, ReportStatus } from '../domain';
import { currentSuccessor, type ProvinceNode } from '../reference/mergers';
import type { PeriodCode } from '../reference/periods';
import type { PeriodRef, ProvinceRef } from '../reference/reference-data';

/**
 * 'reported': the provinces as they reported (members of the cluster on the period's first day).
 * 'current': by today's provinces (old provinces added into their successor, same period).
 */
export type SummaryView = 'reported' | 'current';

/** One province's report (or its absence) behind a row. */
export type ReportPart = {
  provinceId: string;
  code: string;
  name: string;
  periodCode: PeriodCode;
  status: ReportStatus | null;
  submittedAt: Date | null;
  /** The first submission, on which `onTime` is measured. */
  firstSubmittedAt: Date | null;
  /** The province's deadline: the period's, or its extension when later. */
  deadline: Date;
  onTime: boolean | null;
  /** Its figures are in the row (a delivered report; approved only with approvedOnly). */
  counted: boolean;
};

/** Figures of a row as dashboards show them. */
export type RowFigures = {
  models: Record<LearningModel, ModelCell>;
  fund: FundFacts;
  awards: AwardFacts;
};

export type Stamp = { id: string; provinceId: string; periodId: string; status: ReportStatus; submittedAt: Date | null; firstSubmittedAt: Date | null };

/** Per province and period: its report's stamp and counted figures (read by ./ledger.ts loadLedger). */
export type Ledger = {
  stamp(provinceId: string, periodId: string): Stamp | undefined;
  facts(provinceId: string, periodId: string): Figures | undefined;
  /** The extension of the period's deadline granted to the province, or null. */
  extendedTo(provinceId: string, periodId: string): Date | null;
};

export const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'vi');

/** Ids of the provinces whose figures can reach `rowIds` through successor links (themselves included). */
export function withPredecessors(rowIds: readonly string[], nodes: readonly ProvinceNode[]): string[] {
  const assigned = assignToRows(
    nodes.map((n) => n.id),
    rowIds,
    nodes,
  );
  return [...assigned.keys()];
}

export type RowPlan = {
  row: ProvinceRef;
  /** Provinces whose figures make up the row (the row itself and/or its predecessors). */
  parts: ProvinceRef[];
};

/**
 * Rows of a view at a day: the members in force that day ('reported'), or their current successors
 * ('current'). Each row lists every province assigned to it (members or not: a successor's figures
 * are its whole territory's).
 */
export function planRows(memberIds: readonly string[], provinces: readonly ProvinceRef[], view: SummaryView): RowPlan[] {
  const byId = new Map(provinces.map((p) => [p.id, p]));
  const rowIds = view === 'reported' ? [...new Set(memberIds)] : [...new Set(memberIds.map((id) => currentSuccessor(id, provinces)))];
  const assigned = assignToRows(
    provinces.map((p) => p.id),
    rowIds,
    provinces,
  );
  return rowIds
    .map((id) => ({
      row: byId.get(id)!,
      parts: provinces.filter((p) => assigned.get(p.id) === id),
    }))
    .sort((a, b) => byName(a.row, b.row));
}

function partOf(p: ProvinceRef, period: PeriodRef, ledger: Ledger): ReportPart & { facts: Figures | undefined } {
  const stamp = ledger.stamp(p.id, period.id);
  const facts = ledger.facts(p.id, period.id);
  const s: ReportStamp = { status: stamp?.status ?? null, submittedAt: stamp?.submittedAt ?? null, firstSubmittedAt: stamp?.firstSubmittedAt ?? null };
  const deadline = effectiveDeadline(period.deadline, ledger.extendedTo(p.id, period.id));
  return {
    provinceId: p.id,
    code: p.code,
    name: p.name,
    periodCode: period.code,
    status: s.status,
    submittedAt: s.submittedAt,
    firstSubmittedAt: firstSubmission(s),
    deadline,
    onTime: onTimeOf(s, deadline),
    counted: facts !== undefined,
    facts,
  };
}

/** The row's figures in one period: Σ of its parts in force on the period's first day. */
export function rowPeriod(plan: RowPlan, period: PeriodRef, ledger: Ledger) {
  const parts = plan.parts.filter((p) => isInForce(p, period.startDate)).map((p) => partOf(p, period, ledger));
  // A report sent by a province outside its validity would be a data error; count it anyway, so
  // that nothing reported silently disappears from the totals.
  for (const p of plan.parts) {
    if (!isInForce(p, period.startDate) && ledger.stamp(p.id, period.id)) parts.push(partOf(p, period, ledger));
  }
  const counted = parts.filter((p) => p.facts !== undefined);
  const facts: PeriodFacts = { periodCode: period.code, ...sumAcrossProvinces(counted.map((p) => p.facts!)) };
  return {
    parts: parts.map(({ facts: _f, ...p }) => p),
    facts,
    anyCounted: counted.length > 0,
    complete: parts.length > 0 && counted.length === parts.length,
  };
}

const latest = (dates: readonly (Date | null)[]): Date | null => {
  const times = dates.filter((d): d is Date => d !== null).map((d) => d.getTime());
  return times.length === 0 ? null : new Date(Math.max(...times));
};

/**
 * When a row of one or several reports came in: the latest first submission of its parts, the
 * latest of their deadlines, and on time when every part was, each against its own deadline
 * (null unless the row is delivered, i.e. every part is: see combineStatus).
 */
export function rowTimeliness(parts: readonly ReportPart[], period: PeriodRef): { firstSubmittedAt: Date | null; deadline: Date; onTime: boolean | null } {
  const status = combineStatus(parts).status;
  const delivered = status === 'SUBMITTED' || status === 'APPROVED';
  const known = parts.map((p) => p.onTime).filter((x): x is boolean => x !== null);
  return {
    firstSubmittedAt: latest(parts.map((p) => p.firstSubmittedAt)),
    deadline: latest(parts.map((p) => p.deadline)) ?? period.deadline,
    onTime: delivered && known.length > 0 ? known.every(Boolean) : null,
  };
}

export function rowFigures(current: Figures, previous: Figures | null): RowFigures {
  return {
    models: Object.fromEntries(LEARNING_MODELS.map((m) => [m, modelCell(current.models[m], previous?.models[m] ?? null)])) as Record<
      LearningModel,
      ModelCell
    >,
    fund: current.fund,
    awards: current.awards,
  };
}
