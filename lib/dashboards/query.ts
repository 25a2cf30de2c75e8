// The dashboard's choices, carried in the URL so that a view can be shared,
// bookmarked and printed: ?ky=2022S1 or ?nam=2022, &duyet=1 (approved reports
// only), &xem=hien-nay (by today's provinces), &mo-hinh=CLAN (model charted).
import { LEARNING_MODELS, type LearningModel } from '../domain';
import { isPeriodCode, type PeriodCode } from '../reference/periods';

export type DashboardView = 'reported' | 'current';

export type DashboardQuery = {
  periodCode: PeriodCode | null;
  year: number | null;
  approvedOnly: boolean;
  view: DashboardView;
  model: LearningModel;
};

type Params = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

/** A value quoted back to its sender, cut short: the message stays readable whatever was sent. */
const shortened = (v: string) => (v.length > 40 ? `${v.slice(0, 40)}…` : v);

/**
 * What is wrong with the query's period or year, in Vietnamese naming the parameter, or null.
 * A file export refuses such a query (400) rather than silently exporting the latest period,
 * which a reader could take for the one asked for. Absent or empty, both mean "the latest".
 */
export function dashboardQueryProblem(params: Params): string | null {
  for (const [name, check, form] of [
    ['ky', isPeriodCode, 'Kỳ báo cáo có dạng 2022S1 hoặc 2022S2.'],
    ['nam', (v: string) => /^\d{4}$/.test(v), 'Năm có dạng 2022.'],
  ] as const) {
    const value = params[name];
    if (Array.isArray(value)) return `Tham số ${name} chỉ được có một giá trị. ${form}`;
    if (value !== undefined && value !== '' && !check(value)) return `Tham số ${name} không hợp lệ: “${shortened(value)}”. ${form}`;
  }
  return null;
}

/** Reads the query; anything malformed falls back to the default rather than failing the page. */
export function parseDashboardQuery(params: Params): DashboardQuery {
  const ky = one(params.ky);
  const nam = one(params.nam);
  const year = nam && /^\d{4}$/.test(nam) ? Number(nam) : null;
  const model = one(params['mo-hinh']);
  return {
    periodCode: year === null && ky && isPeriodCode(ky) ? ky : null,
    year,
    approvedOnly: one(params.duyet) === '1',
    view: one(params.xem) === 'hien-nay' ? 'current' : 'reported',
    model: model && (LEARNING_MODELS as readonly string[]).includes(model) ? (model as LearningModel) : 'FAMILY',
  };
}

/** The query string of a dashboard state ("" for all defaults), for links between its pages. */
export function dashboardSearch(q: Partial<DashboardQuery>): string {
  const p = new URLSearchParams();
  if (q.year) p.set('nam', String(q.year));
  else if (q.periodCode) p.set('ky', q.periodCode);
  if (q.approvedOnly) p.set('duyet', '1');
  if (q.view === 'current') p.set('xem', 'hien-nay');
  if (q.model && q.model !== 'FAMILY') p.set('mo-hinh', q.model);
  const s = p.toString();
  return s ? `?${s}` : '';
}
