import 'server-only';
import ExcelJS from 'exceljs';
import type { ExportTable } from '../dashboards/export-table';

const NUMBER_FORMATS = {
  count: '#,##0',
  vnd: '#,##0 "₫"',
  rate: '0.00%',
} as const;

/**
 * An .xlsx workbook of one table: typed cells (numbers stay numbers, rates are
 * percentages Excel can compute with), a frozen heading row, the notes below.
 * Excel shows the number formats with the reader's own separators.
 */
export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Cổng báo cáo Khuyến học';
  // Sheet names: at most 31 characters, none of : \ / ? * [ ]
  const sheet = workbook.addWorksheet(table.title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.kind === 'text' ? 28 : c.kind === 'vnd' ? 22 : 16,
    style: c.kind === 'text' ? {} : { numFmt: NUMBER_FORMATS[c.kind] },
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    const values: Record<string, string | number | null> = {};
    for (const c of table.columns) {
      const v = row[c.key];
      // Amounts are below 2^53 (MAX_AMOUNT), so a JavaScript number keeps them exact.
      values[c.key] = typeof v === 'bigint' ? Number(v) : (v ?? null);
    }
    sheet.addRow(values);
  }
  if (table.notes?.length) {
    sheet.addRow([]);
    for (const note of table.notes) sheet.addRow([note]).font = { italic: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
