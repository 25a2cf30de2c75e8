import { describe, expect, it } from 'vitest';
import { emptyFigures, modelCell } from './aggregation';
import { historyTable, modelsTable, type DashboardRow, type HistoryRow } from './tables';
import { LEARNING_MODELS } from '../domain';
import { toCsv, type ExportTable } from './export-table';

/** A row of figures: FAMILY and CLAN given (CLAN with a zero total), the other models not reported. */
function figures(family: { total: number; registered: number; recognised: number }, previousFamily: typeof family | null) {
  const f = emptyFigures();
  const models = Object.fromEntries(LEARNING_MODELS.map((m) => [m, modelCell(f.models[m], null)])) as DashboardRow['models'];
  models.FAMILY = modelCell(family, previousFamily);
  models.CLAN = modelCell({ total: 0, registered: 0, recognised: 0 }, null);
  f.fund.opening = 1_000_000_000n;
  f.fund.mobilisedBySource.ENTERPRISE = 150_000_000n;
  f.fund.mobilised = 150_000_000n;
  f.fund.spent = 50_000_000n;
  f.fund.closing = 1_100_000_000n;
  f.awards.byKind.SCHOLARSHIP = { recipients: 120, amount: 60_000_000n };
  f.awards.recipients = 120;
  f.awards.amount = 60_000_000n;
  return { models, fund: f.fund, awards: f.awards };
}

/** The CSV cell under a heading, in the row whose first cell is `first`. */
function cell(table: ExportTable, first: string, header: string): string {
  const lines = toCsv(table).replace(/^\uFEFF/, '').split('\r\n');
  const headers = lines[0].split(',');
  const column = headers.indexOf(header);
  expect(column, `heading "${header}"`).toBeGreaterThanOrEqual(0);
  const row = lines.find((l) => l.startsWith(`${first},`));
  expect(row, `row ${first}`).toBeDefined();
  // No cell of these rows holds a comma, so a split is enough.
  return row!.split(',')[column];
}

describe('historyTable', () => {
  const rows: HistoryRow[] = [
    {
      periodCode: '2022S1',
      label: '6 tháng đầu năm 2022',
      parts: [{ label: 'Vĩnh Phúc (đến 30/06/2025)', status: 'APPROVED' }, { label: 'Hòa Bình (đến 30/06/2025)', status: null }],
      ...figures({ total: 310_000, registered: 309_411, recognised: 250_000 }, { total: 300_000, registered: 285_000, recognised: 240_000 }),
    },
    {
      periodCode: '2021S2',
      label: '6 tháng cuối năm 2021',
      parts: [{ label: 'Vĩnh Phúc (đến 30/06/2025)', status: 'SUBMITTED' }],
      ...figures({ total: 300_000, registered: 285_000, recognised: 240_000 }, null),
    },
  ];
  const table = historyTable('Phú Thọ – Lịch sử số liệu', rows, ['Ghi chú']);

  it('has Vietnamese headings: the period, the reports, then each model with the numbers behind its rates, the fund and the awards', () => {
    const headers = table.columns.map((c) => c.header);
    expect(headers.slice(0, 3)).toEqual(['Mã kỳ', 'Kỳ báo cáo', 'Báo cáo (trạng thái)']);
    expect(headers).toContain('Gia đình học tập – tổng số');
    expect(headers).toContain('Gia đình học tập – đã đăng ký');
    expect(headers).toContain('Gia đình học tập – đạt danh hiệu');
    expect(headers).toContain('Gia đình học tập – tỷ lệ đăng ký');
    for (const model of ['Dòng họ học tập', 'Cộng đồng học tập', 'Đơn vị học tập', 'Công dân học tập']) {
      expect(headers).toContain(`${model} – tỷ lệ đăng ký`);
    }
    expect(headers).toEqual(expect.arrayContaining(['Số dư đầu kỳ (đồng)', 'Tổng vận động (đồng)', 'Đã chi (đồng)', 'Số dư cuối kỳ (đồng)', 'Học bổng – số người', 'Tổng số tiền (đồng)']));
    // A rank compares provinces; one province's history has none.
    expect(headers.some((h) => h.includes('xếp hạng'))).toBe(false);
    expect(table.columns.find((c) => c.header === 'Gia đình học tập – tỷ lệ đăng ký')!.kind).toBe('rate');
  });

  it('gives each period its figures, rate, change in points and the reports they add up', () => {
    expect(cell(table, '2022S1', 'Kỳ báo cáo')).toBe('6 tháng đầu năm 2022');
    expect(table.rows[0].reports).toBe('Vĩnh Phúc (đến 30/06/2025): Đã duyệt; Hòa Bình (đến 30/06/2025): Chưa có báo cáo');
    expect(cell(table, '2021S2', 'Báo cáo (trạng thái)')).toBe('Vĩnh Phúc (đến 30/06/2025): Đã gửi');
    expect(cell(table, '2022S1', 'Gia đình học tập – tổng số')).toBe('310000');
    expect(cell(table, '2022S1', 'Gia đình học tập – đã đăng ký')).toBe('309411');
    expect(cell(table, '2022S1', 'Gia đình học tập – tỷ lệ đăng ký')).toBe('0.9981');
    expect(cell(table, '2022S1', 'Gia đình học tập – thay đổi tỷ lệ đăng ký (điểm %)')).toBe('4.81');
    expect(cell(table, '2021S2', 'Gia đình học tập – thay đổi tỷ lệ đăng ký (điểm %)')).toBe('');
    expect(cell(table, '2022S1', 'Vận động – doanh nghiệp (đồng)')).toBe('150000000');
    expect(cell(table, '2022S1', 'Số dư cuối kỳ (đồng)')).toBe('1100000000');
    expect(cell(table, '2022S1', 'Học bổng – số tiền (đồng)')).toBe('60000000');
    expect(table.rows.map((r) => r.periodCode)).toEqual(['2022S1', '2021S2']); // in the order given
    expect(table.notes).toEqual(['Ghi chú']);
  });

  it('leaves a rate empty, not 0, where the total is 0 or the model was not reported', () => {
    expect(cell(table, '2022S1', 'Dòng họ học tập – tổng số')).toBe('0');
    expect(cell(table, '2022S1', 'Dòng họ học tập – tỷ lệ đăng ký')).toBe('');
    expect(cell(table, '2022S1', 'Cộng đồng học tập – tổng số')).toBe('');
    expect(cell(table, '2022S1', 'Cộng đồng học tập – tỷ lệ đăng ký')).toBe('');
    expect(cell(table, '2022S1', 'Vận động – nguồn khác (đồng)')).toBe(''); // not given, not 0
  });
});

describe('modelsTable', () => {
  it('lists provinces with their report status and rank, then the cluster total row', () => {
    const province: DashboardRow = { code: '26', name: 'Vĩnh Phúc', status: 'APPROVED', ...figures({ total: 310_000, registered: 309_411, recognised: 250_000 }, null) };
    province.models.FAMILY = { ...province.models.FAMILY, rank: 1 };
    const totals: DashboardRow = { code: '', name: 'Toàn cụm', ...figures({ total: 310_000, registered: 309_411, recognised: 250_000 }, null) };
    const csv = toCsv(modelsTable('Cụm III', [province], totals)).split('\r\n');
    expect(csv[0]).toContain('Mã tỉnh,"Tỉnh, thành phố",Trạng thái báo cáo,Gia đình học tập – tổng số,Gia đình học tập – đã đăng ký,Gia đình học tập – đạt danh hiệu,Gia đình học tập – tỷ lệ đăng ký');
    expect(csv[1]).toMatch(/^26,Vĩnh Phúc,Đã duyệt,310000,309411,250000,0\.9981,0\.\d+,,1,/);
    expect(csv[2]).toMatch(/^,Toàn cụm \(Σ\/Σ\),,310000,309411,250000,0\.9981,/);
  });
});
