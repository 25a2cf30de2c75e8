import { describe, expect, it } from 'vitest';
import { exportFileName, toCsv, type ExportTable } from './export-table';

const table: ExportTable = {
  title: 'Cụm III – 6 tháng đầu năm 2022',
  columns: [
    { key: 'name', header: 'Tỉnh, thành phố', kind: 'text' },
    { key: 'registered', header: 'Đã đăng ký', kind: 'count' },
    { key: 'total', header: 'Tổng số', kind: 'count' },
    { key: 'rate', header: 'Tỷ lệ đăng ký', kind: 'rate' },
    { key: 'fund', header: 'Quỹ (đồng)', kind: 'vnd' },
  ],
  rows: [
    { name: 'Vĩnh Phúc', registered: 309411, total: 310000, rate: 0.9981, fund: 185600000000n },
    { name: 'Tỉnh "mới", thử', registered: 0, total: 0, rate: null, fund: 2n ** 60n },
  ],
};

describe('toCsv', () => {
  it('writes a BOM, Vietnamese headings, raw numbers and empty cells for no data', () => {
    expect(toCsv(table)).toBe(
      '\uFEFF"Tỉnh, thành phố"' +
        ',Đã đăng ký,Tổng số,Tỷ lệ đăng ký,Quỹ (đồng)\r\n' +
        'Vĩnh Phúc,309411,310000,0.9981,185600000000\r\n' +
        '"Tỉnh ""mới"", thử",0,0,,1152921504606846976\r\n',
    );
  });
});

describe('exportFileName', () => {
  it('drops diacritics and spaces', () => {
    expect(exportFileName('Cụm III – 6 tháng đầu năm 2022', 'xlsx')).toBe('cum-iii-6-thang-dau-nam-2022.xlsx');
    expect(exportFileName('Đồng bằng', 'csv')).toBe('dong-bang.csv');
    expect(exportFileName('–', 'csv')).toBe('bao-cao.csv');
  });
});

describe('dashboard tables', () => {
  it('export target progress with the target and the rate as fractions, the gap in points', async () => {
    const { targetsTable } = await import('./tables');
    const t = targetsTable('x', [
      {
        target: { model: 'FAMILY', metric: 'RECOGNITION', subject: null, decision: 'QĐ 387/QĐ-TTg', targetYear: 2025 },
        targetRate: 0.7,
        rate: 0.8125,
        status: 'ON_TRACK',
        gap: 11.25,
        provinces: { ON_TRACK: 7, BEHIND: 1, NO_DATA: 0 },
      },
    ]);
    expect(toCsv(t).split('\r\n')[1]).toBe('Gia đình học tập,Tỷ lệ đạt danh hiệu,QĐ 387/QĐ-TTg,2025,0.7,0.8125,11.25,Đạt,7,1');
  });
});
