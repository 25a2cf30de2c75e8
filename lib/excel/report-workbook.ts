import 'server-only';
import ExcelJS from 'exceljs';
import { formatDateTime } from '../format';
import { periodLabel } from '../reference/periods';
import { fieldErrorsOf, getFieldValue, MAX_AMOUNT, MAX_COUNT, ReportDataSchema, unflattenReportInput, type ReportData } from '../reports/data';
import { REPORT_FIELDS, reportField } from '../reports/fields';
import {
  columnLetters,
  INFO_LABELS,
  INFO_SHEET,
  normaliseLabel,
  REPORT_SHEETS,
  TEMPLATE_HEADING_ROW,
  templateCellOf,
  templateColumnOf,
  type CellRef,
  type SheetLayout,
  type WorkbookIssue,
} from './workbook-layout';
import { cellText, readFigureCell } from './workbook-cells';

// The report as an Excel workbook, both ways: the template a province downloads (its current
// figures filled in, a note on every figure) and the reading of a workbook it uploads. The
// reader finds sheets, headings and rows by their text (see workbook-layout.ts) and reports
// every problem with its sheet and cell.

export type WorkbookMeta = { provinceCode: string; provinceName: string; periodCode: string; version: number | null };

const FIGURE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF7D6' } };
const HEADING_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2E8F0' } };
const THIN: ExcelJS.Borders = {
  top: { style: 'thin', color: { argb: 'FFCBD5E1' } },
  left: { style: 'thin', color: { argb: 'FFCBD5E1' } },
  bottom: { style: 'thin', color: { argb: 'FFCBD5E1' } },
  right: { style: 'thin', color: { argb: 'FFCBD5E1' } },
  diagonal: {},
};

function infoSheet(workbook: ExcelJS.Workbook, meta: WorkbookMeta, exportedAt: Date): void {
  const sheet = workbook.addWorksheet(INFO_SHEET);
  sheet.columns = [{ width: 26 }, { width: 34 }, { width: 40 }, { width: 70 }];
  sheet.getCell('A1').value = `Báo cáo công tác khuyến học – ${meta.provinceName} – ${periodLabel(meta.periodCode)}`;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  const rows: Array<[string, string | number]> = [
    [INFO_LABELS.provinceCode, meta.provinceCode],
    [INFO_LABELS.provinceName, meta.provinceName],
    [INFO_LABELS.periodCode, meta.periodCode],
    [INFO_LABELS.periodName, periodLabel(meta.periodCode)],
    [INFO_LABELS.version, meta.version ?? 0],
    [INFO_LABELS.exportedAt, formatDateTime(exportedAt)],
  ];
  rows.forEach(([label, value], i) => {
    const row = sheet.getRow(3 + i);
    row.getCell(1).value = label;
    row.getCell(1).font = { bold: true };
    row.getCell(2).value = value;
  });
  const guide = [
    'Hướng dẫn',
    '• Nhập số liệu vào các ô màu vàng trên từng trang. Không đổi tên trang, tiêu đề cột và tên dòng; có thể thêm cột ghi chú bên phải.',
    '• Số liệu là số nguyên không âm; tiền tính bằng đồng. Có thể gõ 1234567, 1.234.567 hoặc 1 234 567.',
    '• Ô để trống nghĩa là chưa có số liệu. Di chuột vào một ô để xem ý nghĩa của số liệu đó.',
    '• Không sửa mã tỉnh và mã kỳ ở trang này: cổng dùng chúng để nhận ra báo cáo.',
    '• Tải tệp lên ở trang báo cáo của kỳ. Cổng hiển thị mọi số liệu sẽ thay đổi (cũ → mới) và các lỗi, cảnh báo; chỉ khi bạn xác nhận mới lưu.',
  ];
  guide.forEach((text, i) => {
    const cell = sheet.getCell(`A${11 + i}`);
    cell.value = text;
    if (i === 0) cell.font = { bold: true, size: 12 };
  });
  const start = 11 + guide.length + 1;
  const heading = sheet.getRow(start);
  heading.values = ['Trang', 'Ô', 'Số liệu', 'Ý nghĩa'];
  heading.font = { bold: true };
  REPORT_FIELDS.forEach((field, i) => {
    const where = templateCellOf(field.path);
    sheet.getRow(start + 1 + i).values = [where.sheet, where.cell, field.label, field.help ?? (field.required ? '' : 'Không bắt buộc.')];
  });
}

function sectionSheet(workbook: ExcelJS.Workbook, layout: SheetLayout, meta: WorkbookMeta, data: ReportData | null): void {
  const sheet = workbook.addWorksheet(layout.name, { views: [{ state: 'frozen', ySplit: TEMPLATE_HEADING_ROW }] });
  const isText = layout.section === 'narrative';
  sheet.getColumn(1).width = isText ? 30 : 36;
  if (layout.unitHeading) sheet.getColumn(2).width = 14;
  for (const column of layout.columns) sheet.getColumn(templateColumnOf(layout, column.key)).width = isText ? 90 : 20;

  sheet.getCell('A1').value = `${layout.name} – ${meta.provinceName} – ${periodLabel(meta.periodCode)}`;
  sheet.getCell('A1').font = { bold: true, size: 13 };
  sheet.getCell('A2').value = isText ? 'Nhập nội dung vào các ô màu vàng.' : 'Nhập số nguyên không âm vào các ô màu vàng. Tiền tính bằng đồng.';
  sheet.getCell('A2').font = { italic: true, color: { argb: 'FF475569' } };

  const heading = sheet.getRow(TEMPLATE_HEADING_ROW);
  heading.getCell(1).value = layout.labelHeading;
  if (layout.unitHeading) heading.getCell(2).value = layout.unitHeading;
  for (const column of layout.columns) heading.getCell(templateColumnOf(layout, column.key)).value = column.heading;
  heading.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADING_FILL;
    cell.border = THIN;
    cell.alignment = { vertical: 'middle', wrapText: true };
  });

  layout.rows.forEach((rowLayout, i) => {
    const row = sheet.getRow(TEMPLATE_HEADING_ROW + 1 + i);
    row.getCell(1).value = rowLayout.label;
    row.getCell(1).border = THIN;
    if (layout.unitHeading) {
      row.getCell(2).value = rowLayout.unit ?? '';
      row.getCell(2).border = THIN;
    }
    for (const [key, path] of Object.entries(rowLayout.paths)) {
      const field = reportField(path);
      const cell = row.getCell(templateColumnOf(layout, key));
      const value = data ? getFieldValue(data, path) : null;
      // Amounts are at most MAX_AMOUNT < 2^53: exact as a number, which Excel can add up.
      cell.value = value === null || value === '' ? null : typeof value === 'bigint' ? Number(value) : value;
      cell.fill = FIGURE_FILL;
      cell.border = THIN;
      if (field.help) cell.note = field.help;
      if (field.kind === 'text') {
        cell.alignment = { wrapText: true, vertical: 'top' };
        row.height = 90;
      } else {
        cell.numFmt = '#,##0';
        const max = field.kind === 'count' ? MAX_COUNT : Number(MAX_AMOUNT);
        cell.dataValidation = {
          type: 'whole',
          operator: 'between',
          allowBlank: true,
          formulae: [0, max],
          showErrorMessage: true,
          errorTitle: 'Số liệu không hợp lệ',
          error: 'Hãy nhập số nguyên không âm.',
        };
      }
    }
  });
}

/**
 * The workbook of one report: a sheet “Thông tin” identifying the province and period (and
 * listing every figure with its cell and meaning), then one sheet per report section with the
 * current figures filled in (or empty cells for a report not started).
 */
export async function buildReportWorkbook(meta: WorkbookMeta, data: ReportData | null, exportedAt = new Date()): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Cổng báo cáo Khuyến học';
  workbook.created = exportedAt;
  infoSheet(workbook, meta, exportedAt);
  for (const layout of REPORT_SHEETS) sectionSheet(workbook, layout, meta, data);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// Reading

export type ParsedReportWorkbook = {
  meta: WorkbookMeta | null;
  /** The figures, when every cell could be read; null when any error stops the reading. */
  data: ReportData | null;
  /** Where each figure was read, for messages about it (rules name figures by path). */
  cells: Map<string, CellRef>;
  errors: WorkbookIssue[];
  /** Readings worth knowing that are not errors: a formula's cached value, a column ignored. */
  notes: WorkbookIssue[];
};

/** Sheets match by name as a person reads it (case, spaces and diacritics' encoding aside). */
export function findSheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  const wanted = normaliseLabel(name);
  return workbook.worksheets.find((s) => normaliseLabel(s.name) === wanted);
}

const SCAN_ROWS = 20;
const SCAN_COLUMNS = 40;

function readMeta(workbook: ExcelJS.Workbook, errors: WorkbookIssue[]): WorkbookMeta | null {
  const sheet = findSheet(workbook, INFO_SHEET);
  if (!sheet) {
    errors.push({
      sheet: INFO_SHEET,
      message: 'thiếu trang này nên không biết tệp là báo cáo của tỉnh nào, kỳ nào. Hãy tải mẫu Excel của báo cáo từ cổng và nhập số liệu vào mẫu đó.',
    });
    return null;
  }
  const found = new Map<string, ExcelJS.Cell>();
  const wanted = new Map(Object.entries(INFO_LABELS).map(([key, label]) => [normaliseLabel(label), key]));
  for (let r = 1; r <= Math.min(sheet.rowCount, SCAN_ROWS); r++) {
    const key = wanted.get(normaliseLabel(cellText(sheet.getRow(r).getCell(1))));
    if (key && !found.has(key)) found.set(key, sheet.getRow(r).getCell(2));
  }
  const provinceCell = found.get('provinceCode');
  const periodCell = found.get('periodCode');
  if (!provinceCell || !periodCell) {
    const missing = [!provinceCell && INFO_LABELS.provinceCode, !periodCell && INFO_LABELS.periodCode].filter(Boolean).join(' và ');
    errors.push({ sheet: sheet.name, message: `không tìm thấy dòng “${missing}” ở cột A.` });
    return null;
  }
  let provinceCode = cellText(provinceCell);
  // A code typed as a number loses its leading zero: 1 is province 01.
  if (/^\d$/.test(provinceCode)) provinceCode = `0${provinceCode}`;
  const versionText = found.get('version') ? cellText(found.get('version')!) : '';
  return {
    provinceCode,
    provinceName: found.get('provinceName') ? cellText(found.get('provinceName')!) : '',
    periodCode: cellText(periodCell).toUpperCase(),
    version: /^\d+$/.test(versionText) ? Number(versionText) : null,
  };
}

type Located = { headingRow: number; labelColumn: number; columns: Map<string, number> };

function locateTable(sheet: ExcelJS.Worksheet, layout: SheetLayout, errors: WorkbookIssue[], notes: WorkbookIssue[]): Located | null {
  const label = normaliseLabel(layout.labelHeading);
  for (let r = 1; r <= Math.min(sheet.rowCount, SCAN_ROWS); r++) {
    const row = sheet.getRow(r);
    const texts = new Map<number, string>();
    for (let c = 1; c <= Math.min(Math.max(sheet.columnCount, row.cellCount), SCAN_COLUMNS); c++) {
      const text = normaliseLabel(cellText(row.getCell(c)));
      if (text) texts.set(c, text);
    }
    const labelColumn = [...texts].find(([, t]) => t === label)?.[0];
    if (labelColumn === undefined) continue;
    const columns = new Map<string, number>();
    const missing: string[] = [];
    for (const column of layout.columns) {
      const matches = [...texts].filter(([, t]) => t === normaliseLabel(column.heading)).map(([c]) => c);
      if (matches.length === 0) missing.push(`“${column.heading}”`);
      else if (matches.length > 1) {
        errors.push({ sheet: sheet.name, message: `cột “${column.heading}” xuất hiện ${matches.length} lần ở dòng ${r} (cột ${matches.map(columnLetters).join(', ')}); hãy giữ một cột.` });
        return null;
      } else columns.set(column.key, matches[0]);
    }
    if (missing.length) {
      errors.push({ sheet: sheet.name, message: `không tìm thấy cột ${missing.join(', ')} ở dòng tiêu đề (dòng ${r}). Hãy giữ nguyên tiêu đề cột như trong mẫu.` });
      return null;
    }
    const known = new Set([labelColumn, ...columns.values()]);
    const unit = layout.unitHeading ? normaliseLabel(layout.unitHeading) : null;
    for (const [c, t] of texts) {
      if (!known.has(c) && t !== unit) notes.push({ sheet: sheet.name, cell: `${columnLetters(c)}${r}`, message: `cột “${cellText(row.getCell(c))}” không có trong mẫu nên được bỏ qua.` });
    }
    return { headingRow: r, labelColumn, columns };
  }
  errors.push({
    sheet: sheet.name,
    message: `không tìm thấy dòng tiêu đề (ô “${layout.labelHeading}” và các cột ${layout.columns.map((c) => `“${c.heading}”`).join(', ')}) trong ${SCAN_ROWS} dòng đầu.`,
  });
  return null;
}

function readSection(
  sheet: ExcelJS.Worksheet,
  layout: SheetLayout,
  flat: Record<string, unknown>,
  cells: Map<string, CellRef>,
  errors: WorkbookIssue[],
  notes: WorkbookIssue[],
): void {
  const located = locateTable(sheet, layout, errors, notes);
  if (!located) return;
  const byLabel = new Map(layout.rows.map((row) => [normaliseLabel(row.label), row]));
  const rowOf = new Map<string, number>();
  for (let r = located.headingRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const text = cellText(row.getCell(located.labelColumn));
    if (!text) continue;
    const rowLayout = byLabel.get(normaliseLabel(text));
    if (!rowLayout) {
      const hasFigures = [...located.columns.values()].some((c) => readFigureCell(row.getCell(c), 'text').kind !== 'empty');
      if (hasFigures) notes.push({ sheet: sheet.name, cell: `${columnLetters(located.labelColumn)}${r}`, message: `dòng “${text}” không có trong mẫu nên được bỏ qua.` });
      continue;
    }
    const earlier = rowOf.get(rowLayout.label);
    if (earlier !== undefined) {
      errors.push({ sheet: sheet.name, cell: `${columnLetters(located.labelColumn)}${r}`, message: `dòng “${rowLayout.label}” đã có ở dòng ${earlier}; mỗi dòng chỉ được có một lần.` });
      continue;
    }
    rowOf.set(rowLayout.label, r);
    for (const [key, path] of Object.entries(rowLayout.paths)) {
      const address = `${columnLetters(located.columns.get(key)!)}${r}`;
      cells.set(path, { sheet: sheet.name, cell: address });
      const field = reportField(path);
      const reading = readFigureCell(row.getCell(located.columns.get(key)!), field.kind);
      if (reading.kind === 'refused') errors.push({ sheet: sheet.name, cell: address, message: `${field.label}: ${reading.reason}.` });
      else if (reading.kind === 'value') {
        flat[path] = reading.value;
        if (reading.note) notes.push({ sheet: sheet.name, cell: address, message: `${field.label}: ${reading.note}.` });
      }
    }
  }
  const missing = layout.rows.filter((row) => !rowOf.has(row.label));
  if (missing.length) {
    errors.push({
      sheet: sheet.name,
      message: `không tìm thấy dòng ${missing.map((row) => `“${row.label}”`).join(', ')} ở cột ${columnLetters(located.labelColumn)}. Hãy giữ nguyên tên dòng như trong mẫu.`,
    });
  }
}

/**
 * Reads an uploaded report workbook. Every cell is checked; every problem is an error with its
 * sheet and cell, so a person can fix them all at once. Figures are parsed by the same schema
 * as the form and the API (ReportDataSchema); an empty cell is an empty figure.
 */
export function parseReportWorkbook(workbook: ExcelJS.Workbook): ParsedReportWorkbook {
  const errors: WorkbookIssue[] = [];
  const notes: WorkbookIssue[] = [];
  const cells = new Map<string, CellRef>();
  const flat: Record<string, unknown> = {};
  const meta = readMeta(workbook, errors);
  for (const layout of REPORT_SHEETS) {
    const sheet = findSheet(workbook, layout.name);
    if (!sheet) {
      errors.push({ sheet: layout.name, message: 'thiếu trang này trong tệp. Hãy dùng mẫu Excel tải từ cổng (đủ các trang) và không xoá hay đổi tên trang.' });
      continue;
    }
    readSection(sheet, layout, flat, cells, errors, notes);
  }
  const expected = new Set([INFO_SHEET, ...REPORT_SHEETS.map((s) => s.name)].map(normaliseLabel));
  for (const sheet of workbook.worksheets) {
    if (!expected.has(normaliseLabel(sheet.name))) notes.push({ sheet: sheet.name, message: 'trang này không có trong mẫu nên được bỏ qua.' });
  }
  const parsed = ReportDataSchema.safeParse(unflattenReportInput(flat));
  if (!parsed.success) {
    for (const [path, message] of Object.entries(fieldErrorsOf(parsed.error))) errors.push({ ...(cells.get(path) ?? {}), message });
  }
  return { meta, data: errors.length === 0 && parsed.success ? parsed.data : null, cells, errors, notes };
}
