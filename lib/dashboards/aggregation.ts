// How reports combine into dashboards: over time (a span of periods), across provinces (a
// cluster's Σ), and across the 2025 mergers (old provinces added into their successor). Pure: the
// data layer (./ledger.ts) sums the child rows of each report in the database, and ./rows.ts hands
// one `PeriodFacts` per row and period to these functions.
//
// The two rules that matter:
// - Learning-model figures and fund balances are STOCKS (a state on the report date): a span takes
//   the latest figure in it; the opening balance of a span is the opening of its earliest report.
// - Mobilised, spent and awards are FLOWS: a span sums its periods.
// Across provinces everything is summed, and rates are recomputed from the sums (Σ/Σ), never
// averaged. A zero denominator gives a null rate.
import { AWARD_KINDS, FUND_SOURCES, LEARNING_MODELS, RECIPIENT_GROUPS } from '../domain';
import type { AwardKind, FundSource, LearningModel, RecipientGroup, ReportStatus } from '../domain';
import type { ProvinceNode } from '../reference/mergers';
import {
  percentagePointChange,
  rankBy,
  recognitionRate,
  registrationRate,
  type ModelFigures,
} from './metrics';
import { comparePeriodCodes, parsePeriodCode, periodRange, type PeriodCode } from '../reference/periods';
import { firstSubmission, isLate, type SubmissionTimes } from '../reports/timeliness';

// ---------------------------------------------------------------------------
// Rules as the interface states them

/** How figures of merged provinces are shown "by today's provinces". */
export const MERGER_ROLL_UP_RULE =
  'Số liệu của các tỉnh đã hợp nhất được cộng vào tỉnh kế thừa trong cùng kỳ; tỷ lệ tính lại từ tổng số.';

/** How a cluster's (or the country's) rate is computed. */
export const CLUSTER_RATE_RULE =
  'Tỷ lệ của cụm = tổng số đã đăng ký (đạt danh hiệu) của các tỉnh / tổng số của các tỉnh; không lấy trung bình các tỷ lệ.';

/** How a span of periods (a year) is computed. */
export const SPAN_RULE =
  'Số liệu mô hình học tập và số dư quỹ là số tại thời điểm báo cáo: cả năm lấy số của báo cáo mới nhất (số dư đầu kỳ lấy báo cáo đầu tiên); số vận động, số đã chi và khen thưởng được cộng các kỳ.';

/** Which reports count in figures. */
export const COUNTED_REPORTS_RULE =
  'Chỉ tính báo cáo đã gửi hoặc đã duyệt; bản nháp và báo cáo bị trả lại chưa được tính.';
export const APPROVED_ONLY_RULE = 'Chỉ tính báo cáo đã duyệt.';

/** Statuses whose figures count: delivered reports. A draft or a returned report is unfinished. */
export function countedStatuses(approvedOnly: boolean): ReportStatus[] {
  return approvedOnly ? ['APPROVED'] : ['SUBMITTED', 'APPROVED'];
}

// ---------------------------------------------------------------------------
// Facts: what one province (or several, rolled up) reported for one period or span

/** An amount and a count that go together (recipients and VND). Null: not given. */
export type AwardCell = { recipients: number | null; amount: bigint | null };

export type FundFacts = {
  /** Stock: balance at the start of the (first) period. */
  opening: bigint | null;
  /** Flow: Σ over sources. */
  mobilised: bigint | null;
  mobilisedBySource: Record<FundSource, bigint | null>;
  /** Flow. */
  spent: bigint | null;
  /** Stock: balance at the end of the (last) period. */
  closing: bigint | null;
};

/** Flows: Σ over kinds and groups, and by kind and by group. */
export type AwardFacts = AwardCell & {
  byKind: Record<AwardKind, AwardCell>;
  byGroup: Record<RecipientGroup, AwardCell>;
};

/** Figures of one period (one province, or several summed). Models are null where not given. */
export type PeriodFacts = {
  periodCode: PeriodCode;
  models: Record<LearningModel, ModelFigures | null>;
  fund: FundFacts;
  awards: AwardFacts;
};

/** Figures of a span: stocks as of `stocksAsOf`, flows over `periods` (those with facts). */
export type SpanFacts = {
  /** Periods that contributed facts, in order. */
  periods: PeriodCode[];
  /** The latest period in the span with facts (whose stocks are shown), null if none. */
  stocksAsOf: PeriodCode | null;
  models: Record<LearningModel, ModelFigures | null>;
  fund: FundFacts;
  awards: AwardFacts;
};

export type Figures = Pick<PeriodFacts, 'models' | 'fund' | 'awards'>;

const byKeys = <K extends string, V>(keys: readonly K[], make: (k: K) => V): Record<K, V> =>
  Object.fromEntries(keys.map((k) => [k, make(k)])) as Record<K, V>;

const emptyCell = (): AwardCell => ({ recipients: null, amount: null });

export function emptyFund(): FundFacts {
  return { opening: null, mobilised: null, mobilisedBySource: byKeys(FUND_SOURCES, () => null), spent: null, closing: null };
}

export function emptyAwards(): AwardFacts {
  return { ...emptyCell(), byKind: byKeys(AWARD_KINDS, emptyCell), byGroup: byKeys(RECIPIENT_GROUPS, emptyCell) };
}

export function emptyModels(): Record<LearningModel, ModelFigures | null> {
  return byKeys(LEARNING_MODELS, () => null);
}

export function emptyFigures(): Figures {
  return { models: emptyModels(), fund: emptyFund(), awards: emptyAwards() };
}

/** Sum of the values given; null only when none was given (a real 0 stays 0). */
export function addGiven(values: ReadonlyArray<bigint | null>): bigint | null;
export function addGiven(values: ReadonlyArray<number | null>): number | null;
export function addGiven(values: ReadonlyArray<bigint | number | null>): bigint | number | null {
  let sum: bigint | number | null = null;
  for (const v of values) {
    if (v === null) continue;
    sum = sum === null ? v : typeof v === 'bigint' ? (sum as bigint) + v : (sum as number) + v;
  }
  return sum;
}

function addCells(cells: readonly AwardCell[]): AwardCell {
  return { recipients: addGiven(cells.map((c) => c.recipients)), amount: addGiven(cells.map((c) => c.amount)) };
}

function addModel(list: ReadonlyArray<ModelFigures | null>): ModelFigures | null {
  const given = list.filter((f): f is ModelFigures => f !== null);
  if (given.length === 0) return null;
  return {
    total: given.reduce((a, f) => a + f.total, 0),
    registered: given.reduce((a, f) => a + f.registered, 0),
    recognised: given.reduce((a, f) => a + f.recognised, 0),
  };
}

function addFlows(list: readonly Figures[]): Pick<FundFacts, 'mobilised' | 'mobilisedBySource' | 'spent'> & { awards: AwardFacts } {
  return {
    mobilised: addGiven(list.map((f) => f.fund.mobilised)),
    mobilisedBySource: byKeys(FUND_SOURCES, (s) => addGiven(list.map((f) => f.fund.mobilisedBySource[s]))),
    spent: addGiven(list.map((f) => f.fund.spent)),
    awards: {
      ...addCells(list.map((f) => f.awards)),
      byKind: byKeys(AWARD_KINDS, (k) => addCells(list.map((f) => f.awards.byKind[k]))),
      byGroup: byKeys(RECIPIENT_GROUPS, (g) => addCells(list.map((f) => f.awards.byGroup[g]))),
    },
  };
}

/**
 * Σ over provinces (the same period or the same span): stocks and flows alike are added, each
 * figure over the provinces that gave it. Rates come later from these sums (Σ/Σ).
 */
export function sumAcrossProvinces(list: readonly Figures[]): Figures {
  const flows = addFlows(list);
  return {
    models: byKeys(LEARNING_MODELS, (m) => addModel(list.map((f) => f.models[m]))),
    fund: {
      opening: addGiven(list.map((f) => f.fund.opening)),
      mobilised: flows.mobilised,
      mobilisedBySource: flows.mobilisedBySource,
      spent: flows.spent,
      closing: addGiven(list.map((f) => f.fund.closing)),
    },
    awards: flows.awards,
  };
}

function hasFacts(f: Figures): boolean {
  return (
    LEARNING_MODELS.some((m) => f.models[m] !== null) ||
    f.fund.opening !== null ||
    f.fund.closing !== null ||
    f.fund.spent !== null ||
    f.fund.mobilised !== null ||
    f.awards.recipients !== null ||
    f.awards.amount !== null
  );
}

/** The latest given value: `list` is in chronological order. */
function latest<T>(list: readonly T[], pick: (t: T) => bigint | ModelFigures | null): ReturnType<typeof pick> {
  for (let i = list.length - 1; i >= 0; i--) {
    const v = pick(list[i]);
    if (v !== null) return v;
  }
  return null;
}

/**
 * One province's (or one roll-up's) span from its periods, in any order: stocks are the latest
 * figure given in the span (opening: the earliest), flows the sum over the periods. Periods given
 * twice are a bug in the caller and throw.
 */
export function aggregateSpan(periods: readonly PeriodFacts[]): SpanFacts {
  const sorted = [...periods].sort((a, b) => comparePeriodCodes(a.periodCode, b.periodCode));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].periodCode === sorted[i - 1].periodCode) throw new Error(`Period ${sorted[i].periodCode} given twice`);
  }
  const withFacts = sorted.filter(hasFacts);
  const flows = addFlows(withFacts);
  let opening: bigint | null = null;
  for (const p of withFacts) {
    if (p.fund.opening !== null) {
      opening = p.fund.opening;
      break;
    }
  }
  return {
    periods: withFacts.map((p) => p.periodCode),
    stocksAsOf: withFacts.length ? withFacts[withFacts.length - 1].periodCode : null,
    models: byKeys(LEARNING_MODELS, (m) => latest(withFacts, (p) => p.models[m]) as ModelFigures | null),
    fund: {
      opening,
      mobilised: flows.mobilised,
      mobilisedBySource: flows.mobilisedBySource,
      spent: flows.spent,
      closing: latest(withFacts, (p) => p.fund.closing) as bigint | null,
    },
    awards: flows.awards,
  };
}

/** The span of the same length immediately before `from`–`to` (a year before a year). */
export function previousSpan(from: PeriodCode, to: PeriodCode): { from: PeriodCode; to: PeriodCode } {
  const length = periodRange(from, to).length;
  if (length === 0) throw new Error(`Empty span ${from}–${to}`);
  const startIndex = parsePeriodCode(from).year * 2 + parsePeriodCode(from).half - 1;
  const code = (index: number) => `${Math.floor(index / 2)}S${(index % 2) + 1}`;
  return { from: code(startIndex - length), to: code(startIndex - 1) };
}

// ---------------------------------------------------------------------------
// Rates, changes, rankings

export type ModelRates = { registrationRate: number | null; recognitionRate: number | null };

/** Rates of a figure, null without one or with a zero total. */
export function ratesOf(f: ModelFigures | null): ModelRates {
  return { registrationRate: f ? registrationRate(f) : null, recognitionRate: f ? recognitionRate(f) : null };
}

/** One model of one province as a dashboard shows it: the numbers behind the rates, and how they moved. */
export type ModelCell = {
  total: number | null;
  registered: number | null;
  recognised: number | null;
  registrationRate: number | null;
  recognitionRate: number | null;
  previousRegistrationRate: number | null;
  previousRecognitionRate: number | null;
  /** registrationRate − previousRegistrationRate, in percentage points (4.81 for 99.81 % vs 95 %). */
  changePp: number | null;
  recognitionChangePp: number | null;
  /** Competition rank by registration rate among the rows compared (1 = highest); null without a rate. */
  rank: number | null;
  /** Same, by recognition rate. */
  recognitionRank: number | null;
};

/** A Σ over provinces (a cluster, the country): always numbers, and how many provinces are in it. */
export type ModelTotal = Omit<ModelCell, 'total' | 'registered' | 'recognised' | 'rank' | 'recognitionRank'> & {
  total: number;
  registered: number;
  recognised: number;
  /** Provinces whose figures are in the sums. */
  provinces: number;
};

/** A model cell before ranking: figures, rates and change against the previous figure. */
export function modelCell(current: ModelFigures | null, previous: ModelFigures | null): ModelCell {
  const now = ratesOf(current);
  const before = ratesOf(previous);
  return {
    total: current?.total ?? null,
    registered: current?.registered ?? null,
    recognised: current?.recognised ?? null,
    ...now,
    previousRegistrationRate: before.registrationRate,
    previousRecognitionRate: before.recognitionRate,
    changePp: percentagePointChange(now.registrationRate, before.registrationRate),
    recognitionChangePp: percentagePointChange(now.recognitionRate, before.recognitionRate),
    rank: null,
    recognitionRank: null,
  };
}

/** Σ/Σ over the provinces' figures (those given), with the change against the previous Σ/Σ. */
export function modelTotal(current: ReadonlyArray<ModelFigures | null>, previous: ReadonlyArray<ModelFigures | null>): ModelTotal {
  const sum = addModel(current);
  const cell = modelCell(sum ?? { total: 0, registered: 0, recognised: 0 }, addModel(previous));
  const { rank: _rank, recognitionRank: _recognitionRank, ...rest } = cell;
  return { ...rest, total: sum?.total ?? 0, registered: sum?.registered ?? 0, recognised: sum?.recognised ?? 0, provinces: current.filter((f) => f !== null).length };
}

/**
 * Ranks rows on every model by registration and by recognition rate (rankBy: "1, 2, 2, 4",
 * no rate → no rank). Returns new rows in the input order.
 */
export function rankModels<T extends { models: Record<LearningModel, ModelCell> }>(rows: readonly T[]): T[] {
  const out = rows.map((r) => ({ ...r, models: { ...r.models } }));
  for (const m of LEARNING_MODELS) {
    const indexed = out.map((row, index) => ({ index, cell: row.models[m] }));
    for (const r of rankBy(indexed, (x) => x.cell.registrationRate)) out[r.index].models[m] = { ...out[r.index].models[m], rank: r.rank };
    for (const r of rankBy(indexed, (x) => x.cell.recognitionRate)) out[r.index].models[m] = { ...out[r.index].models[m], recognitionRank: r.rank };
  }
  return out;
}

// ---------------------------------------------------------------------------
// Statuses of a row that combines several reports

const STATUS_ORDER: ReadonlyArray<ReportStatus | null> = [null, 'DRAFT', 'RETURNED', 'SUBMITTED', 'APPROVED'];

export type ReportStamp = SubmissionTimes & { status: ReportStatus | null };

/**
 * The status of a row made of several reports (a merged province shown by today's provinces):
 * the least advanced of its parts, so "approved" means every part is approved; submitted at the
 * latest part's submission. A single report is itself.
 */
export function combineStatus(parts: readonly ReportStamp[]): ReportStamp {
  if (parts.length === 0) return { status: null, submittedAt: null };
  let status = parts[0].status;
  for (const p of parts) if (STATUS_ORDER.indexOf(p.status) < STATUS_ORDER.indexOf(status)) status = p.status;
  const times = parts.map((p) => p.submittedAt).filter((d): d is Date => d !== null);
  const submittedAt = times.length === 0 ? null : new Date(Math.max(...times.map((d) => d.getTime())));
  return { status, submittedAt };
}

/**
 * On time: delivered (submitted or approved), first submitted no later than the deadline (the
 * province's own: an extension counts); null when not delivered.
 */
export function onTimeOf(stamp: ReportStamp, deadline: Date): boolean | null {
  const delivered = stamp.status === 'SUBMITTED' || stamp.status === 'APPROVED';
  const first = firstSubmission(stamp);
  if (!delivered || first === null) return null;
  return !isLate(first, deadline);
}

// ---------------------------------------------------------------------------
// Mergers

/**
 * Which row each province's figures go to: the first province on its successor chain (itself
 * included) that is a row. Old provinces' figures go to the row of the province they merged into;
 * a province with no row on its chain is absent from the map. Throws like `currentSuccessor` on
 * an unknown id or a cycle.
 */
export function assignToRows(
  provinceIds: readonly string[],
  rowIds: ReadonlySet<string> | readonly string[],
  nodes: readonly ProvinceNode[],
): Map<string, string> {
  const rows = rowIds instanceof Set ? rowIds : new Set(rowIds as readonly string[]);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, string>();
  for (const id of provinceIds) {
    const seen = new Set<string>();
    let current: string | null = id;
    while (current !== null) {
      if (seen.has(current)) throw new Error(`Cycle in province successor links through ${current}`);
      seen.add(current);
      if (rows.has(current)) {
        out.set(id, current);
        break;
      }
      const node = byId.get(current);
      if (!node) throw new Error(`Unknown province id ${current}`);
      current = node.successorId;
    }
  }
  return out;
}
