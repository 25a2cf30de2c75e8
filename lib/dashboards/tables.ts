// Dashboard tables as data: the same rows feed the page, the CSV/XLSX exports
// and the printed meeting brief, so an exported number is the number shown.
import type { AwardFacts, FundFacts, ModelCell, ModelTotal } from './aggregation';
import { AWARD_KINDS, AWARD_KIND_LABELS, FUND_SOURCES, FUND_SOURCE_LABELS, LEARNING_MODELS, LEARNING_MODEL_LABELS, RECIPIENT_GROUPS, RECIPIENT_GROUP_LABELS, REPORT_STATUS_LABELS, type LearningModel, type ReportStatus } from '../domain';
import type { ExportCell, ExportColumn, ExportTable } from './export-table';

/** A dashboard row: a province (or a cluster), its status, its figures. */
export type DashboardRow = {
  code: string;
  name: string;
  status?: ReportStatus | null;
  models: Record<LearningModel, ModelCell | ModelTotal>;
  fund: FundFacts;
  awards: AwardFacts;
};

const TOTAL_NAME = 'Toàn cụm (Σ/Σ)';
const CLUSTER_NAME = 'Toàn cụm';

/** Per model: total, registered, recognised, both rates and the change in points (and the rank among rows). */
function modelColumns({ rank }: { rank: boolean }): ExportColumn[] {
  return LEARNING_MODELS.flatMap((m): ExportColumn[] => {
    const l = LEARNING_MODEL_LABELS[m];
    return [
      { key: `${m}.total`, header: `${l} – tổng số`, kind: 'count' },
      { key: `${m}.registered`, header: `${l} – đã đăng ký`, kind: 'count' },
      { key: `${m}.recognised`, header: `${l} – đạt danh hiệu`, kind: 'count' },
      { key: `${m}.registrationRate`, header: `${l} – tỷ lệ đăng ký`, kind: 'rate' },
      { key: `${m}.recognitionRate`, header: `${l} – tỷ lệ đạt danh hiệu`, kind: 'rate' },
      { key: `${m}.changePp`, header: `${l} – thay đổi tỷ lệ đăng ký (điểm %)`, kind: 'text' },
      ...(rank ? [{ key: `${m}.rank`, header: `${l} – xếp hạng`, kind: 'count' } as const] : []),
    ];
  });
}

function modelCells(models: DashboardRow['models']): Record<string, ExportCell> {
  const out: Record<string, ExportCell> = {};
  for (const m of LEARNING_MODELS) {
    const c = models[m];
    out[`${m}.total`] = c.total;
    out[`${m}.registered`] = c.registered;
    out[`${m}.recognised`] = c.recognised;
    out[`${m}.registrationRate`] = c.registrationRate;
    out[`${m}.recognitionRate`] = c.recognitionRate;
    // Percentage points, rounded to hundredths as shown; a text so that no spreadsheet reads it as a rate.
    out[`${m}.changePp`] = c.changePp === null ? null : c.changePp.toFixed(2);
    out[`${m}.rank`] = 'rank' in c ? c.rank : null;
  }
  return out;
}

const FUND_COLUMNS: ExportColumn[] = [
  { key: 'opening', header: 'Số dư đầu kỳ (đồng)', kind: 'vnd' },
  ...FUND_SOURCES.map((s): ExportColumn => ({ key: `source.${s}`, header: `Vận động – ${FUND_SOURCE_LABELS[s].toLowerCase()} (đồng)`, kind: 'vnd' })),
  { key: 'mobilised', header: 'Tổng vận động (đồng)', kind: 'vnd' },
  { key: 'spent', header: 'Đã chi (đồng)', kind: 'vnd' },
  { key: 'closing', header: 'Số dư cuối kỳ (đồng)', kind: 'vnd' },
];

const fundCells = (fund: FundFacts): Record<string, ExportCell> => ({
  opening: fund.opening,
  ...Object.fromEntries(FUND_SOURCES.map((s) => [`source.${s}`, fund.mobilisedBySource[s]])),
  mobilised: fund.mobilised,
  spent: fund.spent,
  closing: fund.closing,
});

const AWARD_COLUMNS: ExportColumn[] = [
  ...AWARD_KINDS.flatMap((k): ExportColumn[] => [
    { key: `kind.${k}.recipients`, header: `${AWARD_KIND_LABELS[k]} – số người`, kind: 'count' },
    { key: `kind.${k}.amount`, header: `${AWARD_KIND_LABELS[k]} – số tiền (đồng)`, kind: 'vnd' },
  ]),
  ...RECIPIENT_GROUPS.flatMap((g): ExportColumn[] => [
    { key: `group.${g}.recipients`, header: `${RECIPIENT_GROUP_LABELS[g]} – số người`, kind: 'count' },
    { key: `group.${g}.amount`, header: `${RECIPIENT_GROUP_LABELS[g]} – số tiền (đồng)`, kind: 'vnd' },
  ]),
  { key: 'recipients', header: 'Tổng số người nhận', kind: 'count' },
  { key: 'amount', header: 'Tổng số tiền (đồng)', kind: 'vnd' },
];

const awardCells = (awards: AwardFacts): Record<string, ExportCell> => ({
  ...Object.fromEntries(AWARD_KINDS.flatMap((k) => [[`kind.${k}.recipients`, awards.byKind[k].recipients], [`kind.${k}.amount`, awards.byKind[k].amount]])),
  ...Object.fromEntries(RECIPIENT_GROUPS.flatMap((g) => [[`group.${g}.recipients`, awards.byGroup[g].recipients], [`group.${g}.amount`, awards.byGroup[g].amount]])),
  recipients: awards.recipients,
  amount: awards.amount,
});

const PROVINCE_COLUMNS: ExportColumn[] = [
  { key: 'code', header: 'Mã tỉnh', kind: 'text' },
  { key: 'name', header: 'Tỉnh, thành phố', kind: 'text' },
];

/** Province rows, then the cluster's total row (named `totalName`) when there is one. */
function provinceRows(
  rows: DashboardRow[],
  totals: DashboardRow | null,
  totalName: string,
  cells: (r: DashboardRow) => Record<string, ExportCell>,
): Array<Record<string, ExportCell>> {
  return [
    ...rows.map((r) => ({ code: r.code, name: r.name, ...cells(r) })),
    ...(totals ? [{ code: '', name: totalName, ...cells(totals) }] : []),
  ];
}

/** Per province and model: total, registered, recognised, both rates, change and rank. */
export function modelsTable(title: string, rows: DashboardRow[], totals: DashboardRow | null, notes: string[] = []): ExportTable {
  const columns: ExportColumn[] = [...PROVINCE_COLUMNS, { key: 'status', header: 'Trạng thái báo cáo', kind: 'text' }, ...modelColumns({ rank: true })];
  const cells = (r: DashboardRow): Record<string, ExportCell> => ({
    status: r.status === undefined ? '' : r.status === null ? 'Chưa có báo cáo' : REPORT_STATUS_LABELS[r.status],
    ...modelCells(r.models),
  });
  return { title, columns, rows: provinceRows(rows, totals, TOTAL_NAME, cells), notes };
}

/** Per province: the fund's balances and flows, mobilised by source. */
export function fundTable(title: string, rows: DashboardRow[], totals: DashboardRow | null, notes: string[] = []): ExportTable {
  return { title, columns: [...PROVINCE_COLUMNS, ...FUND_COLUMNS], rows: provinceRows(rows, totals, CLUSTER_NAME, (r) => fundCells(r.fund)), notes };
}

/** Per province: recipients and amounts by kind of award, and by recipient group. */
export function awardsTable(title: string, rows: DashboardRow[], totals: DashboardRow | null, notes: string[] = []): ExportTable {
  return { title, columns: [...PROVINCE_COLUMNS, ...AWARD_COLUMNS], rows: provinceRows(rows, totals, CLUSTER_NAME, (r) => awardCells(r.awards)), notes };
}

/** One period of a province's history: the reports behind it (its own, or its predecessors') and its figures. */
export type HistoryRow = Pick<DashboardRow, 'models' | 'fund' | 'awards'> & {
  periodCode: string;
  label: string;
  parts: ReadonlyArray<{ label: string; status: ReportStatus | null }>;
};

export const HISTORY_LABEL = 'Lịch sử số liệu';

/**
 * A province across periods: each model's figures and rates with the change since the previous
 * period, the fund and the awards, and which reports (with their status) the figures add up.
 */
export function historyTable(title: string, periods: readonly HistoryRow[], notes: string[] = []): ExportTable {
  const columns: ExportColumn[] = [
    { key: 'periodCode', header: 'Mã kỳ', kind: 'text' },
    { key: 'period', header: 'Kỳ báo cáo', kind: 'text' },
    { key: 'reports', header: 'Báo cáo (trạng thái)', kind: 'text' },
    ...modelColumns({ rank: false }),
    ...FUND_COLUMNS,
    ...AWARD_COLUMNS,
  ];
  const rows = periods.map((p) => ({
    periodCode: p.periodCode,
    period: p.label,
    reports: p.parts.map((part) => `${part.label}: ${part.status === null ? 'Chưa có báo cáo' : REPORT_STATUS_LABELS[part.status]}`).join('; '),
    ...modelCells(p.models),
    ...fundCells(p.fund),
    ...awardCells(p.awards),
  }));
  return { title, columns, rows, notes };
}

export const TARGETS_LABEL = 'Tiến độ so với mục tiêu quốc gia';

export const DASHBOARD_TABLES = { 'mo-hinh': modelsTable, quy: fundTable, 'khen-thuong': awardsTable } as const;
export type DashboardTableKey = keyof typeof DASHBOARD_TABLES;
export const DASHBOARD_TABLE_LABELS: Record<DashboardTableKey, string> = {
  'mo-hinh': 'Mô hình học tập',
  quy: 'Quỹ khuyến học',
  'khen-thuong': 'Học bổng, hỗ trợ, khen thưởng',
};

/** The best province per model, and the most improved, for the meeting brief. */
export function highlights(rows: DashboardRow[]): Array<{ model: LearningModel; best: { name: string; rate: number } | null; mostImproved: { name: string; changePp: number } | null }> {
  return LEARNING_MODELS.map((model) => {
    let best: { name: string; rate: number } | null = null;
    let mostImproved: { name: string; changePp: number } | null = null;
    for (const r of rows) {
      const c = r.models[model];
      if (c.registrationRate !== null && (best === null || c.registrationRate > best.rate)) best = { name: r.name, rate: c.registrationRate };
      if (c.changePp !== null && c.changePp > 0 && (mostImproved === null || c.changePp > mostImproved.changePp)) mostImproved = { name: r.name, changePp: c.changePp };
    }
    return { model, best, mostImproved };
  });
}

/** A target's progress as the dashboards show it (cluster or national). */
export type TargetProgressRow = {
  target: { model: LearningModel; metric: 'REGISTRATION' | 'RECOGNITION'; subject: string | null; decision: string; targetYear: number };
  targetRate: number;
  rate: number | null;
  status: 'ON_TRACK' | 'BEHIND' | 'NO_DATA';
  gap: number | null;
  provinces?: { ON_TRACK: number; BEHIND: number; NO_DATA: number };
};

const TARGET_STATUS_LABELS = { ON_TRACK: 'Đạt', BEHIND: 'Chưa đạt', NO_DATA: 'Không có số liệu' } as const;

/** Progress against the national targets in force: the target, the rate reached, the gap in points. */
export function targetsTable(title: string, targets: readonly TargetProgressRow[], notes: string[] = []): ExportTable {
  const columns: ExportColumn[] = [
    { key: 'model', header: 'Mô hình', kind: 'text' },
    { key: 'metric', header: 'Chỉ tiêu', kind: 'text' },
    { key: 'decision', header: 'Quyết định', kind: 'text' },
    { key: 'year', header: 'Năm mục tiêu', kind: 'text' },
    { key: 'target', header: 'Mục tiêu', kind: 'rate' },
    { key: 'rate', header: 'Tỷ lệ đạt được', kind: 'rate' },
    { key: 'gap', header: 'Chênh lệch (điểm %)', kind: 'text' },
    { key: 'status', header: 'Đánh giá', kind: 'text' },
    { key: 'onTrack', header: 'Số tỉnh đạt', kind: 'count' },
    { key: 'behind', header: 'Số tỉnh chưa đạt', kind: 'count' },
  ];
  const rows = targets.map((t) => ({
    model: LEARNING_MODEL_LABELS[t.target.model] + (t.target.subject ? ` (${t.target.subject})` : ''),
    metric: t.target.metric === 'RECOGNITION' ? 'Tỷ lệ đạt danh hiệu' : 'Tỷ lệ đăng ký',
    decision: t.target.decision,
    year: String(t.target.targetYear),
    target: t.targetRate,
    rate: t.rate,
    gap: t.gap === null ? null : t.gap.toFixed(2),
    status: TARGET_STATUS_LABELS[t.status],
    onTrack: t.provinces?.ON_TRACK ?? null,
    behind: t.provinces?.BEHIND ?? null,
  }));
  return { title, columns, rows, notes };
}

/** Clusters side by side (the national view): completeness and Σ/Σ rates with the numbers behind them. */
export function clustersTable(
  title: string,
  clusters: ReadonlyArray<{ cluster: { code: string; name: string }; completeness: { expected: number; inReview: number; approved: number }; models: DashboardRow['models'] }>,
  notes: string[] = [],
): ExportTable {
  const columns: ExportColumn[] = [
    { key: 'code', header: 'Mã cụm', kind: 'text' },
    { key: 'name', header: 'Cụm', kind: 'text' },
    { key: 'expected', header: 'Số tỉnh phải báo cáo', kind: 'count' },
    { key: 'inReview', header: 'Số tỉnh đã gửi', kind: 'count' },
    { key: 'approved', header: 'Số báo cáo đã duyệt', kind: 'count' },
  ];
  for (const m of LEARNING_MODELS) {
    const l = LEARNING_MODEL_LABELS[m];
    columns.push(
      { key: `${m}.total`, header: `${l} – tổng số`, kind: 'count' },
      { key: `${m}.registered`, header: `${l} – đã đăng ký`, kind: 'count' },
      { key: `${m}.registrationRate`, header: `${l} – tỷ lệ đăng ký`, kind: 'rate' },
    );
  }
  const rows = clusters.map((c) => {
    const out: Record<string, ExportCell> = {
      code: c.cluster.code,
      name: c.cluster.name,
      expected: c.completeness.expected,
      inReview: c.completeness.inReview,
      approved: c.completeness.approved,
    };
    for (const m of LEARNING_MODELS) {
      out[`${m}.total`] = c.models[m].total;
      out[`${m}.registered`] = c.models[m].registered;
      out[`${m}.registrationRate`] = c.models[m].registrationRate;
    }
    return out;
  });
  return { title, columns, rows, notes };
}
