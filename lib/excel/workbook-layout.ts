// Where each report figure lives in the Excel report workbook: one sheet per report section,
// a table of rows (a learning model, a fund item, an award group…) by figure columns. Derived
// from the catalogue (report-fields.ts), so a new figure gets its cell without edits here.
//
// The template puts headings on row TEMPLATE_HEADING_ROW and the first figure row below it,
// but the reader (lib/excel/report-workbook.ts) finds headings and rows by their text, so a
// sheet with an inserted column, a title row more or rows in another order still reads right.

import { AWARD_KINDS, LEARNING_MODELS, LEARNING_MODEL_LABELS, LEARNING_MODEL_UNITS, RECIPIENT_GROUPS } from '../domain';
import { MODEL_FIGURE_KEYS, REPORT_FIELDS, REPORT_GROUP_LABELS, SECTION_LABELS, reportField, type ReportSection } from '../reports/fields';

export type LayoutColumn = { key: string; heading: string };
export type LayoutRow = { label: string; unit?: string; paths: Record<string, string> };
export type SheetLayout = {
  section: ReportSection;
  /** The sheet's name (at most 31 characters, Excel's limit). */
  name: string;
  /** Heading of the column that names each row. */
  labelHeading: string;
  /** Heading of the unit column, for sheets that have one (not read back). */
  unitHeading?: string;
  columns: LayoutColumn[];
  rows: LayoutRow[];
};

export const TEMPLATE_HEADING_ROW = 4;
/** The sheet that identifies the province and period, first in the workbook. */
export const INFO_SHEET = 'Thông tin';
export const INFO_LABELS = {
  provinceCode: 'Mã tỉnh',
  provinceName: 'Tỉnh, thành phố',
  periodCode: 'Mã kỳ báo cáo',
  periodName: 'Kỳ báo cáo',
  version: 'Phiên bản khi tải về',
  exportedAt: 'Thời điểm tải về',
} as const;

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}

/** "Quỹ – vận động từ doanh nghiệp" → "Vận động từ doanh nghiệp". */
function withoutPrefix(label: string, prefix: string): string {
  return capitalise(label.startsWith(prefix) ? label.slice(prefix.length) : label);
}

function singleColumnSheet(section: ReportSection, heading: string, label: (path: string) => string): SheetLayout {
  return {
    section,
    name: SECTION_LABELS[section],
    labelHeading: 'Chỉ tiêu',
    columns: [{ key: 'value', heading }],
    rows: REPORT_FIELDS.filter((f) => f.section === section).map((f) => ({ label: label(f.path), paths: { value: f.path } })),
  };
}

function buildLayout(): SheetLayout[] {
  const models: SheetLayout = {
    section: 'models',
    name: SECTION_LABELS.models,
    labelHeading: 'Mô hình',
    unitHeading: 'Đơn vị tính',
    columns: MODEL_FIGURE_KEYS.map((key) => ({ key, heading: reportField(`models.FAMILY.${key}`).shortLabel })),
    rows: LEARNING_MODELS.map((m) => ({
      label: LEARNING_MODEL_LABELS[m],
      unit: LEARNING_MODEL_UNITS[m],
      paths: Object.fromEntries(MODEL_FIGURE_KEYS.map((key) => [key, `models.${m}.${key}`])),
    })),
  };
  const fund = singleColumnSheet('fund', 'Số tiền (đồng)', (p) => withoutPrefix(reportField(p).label, 'Quỹ – '));
  fund.labelHeading = 'Khoản mục';
  const awards: SheetLayout = {
    section: 'awards',
    name: SECTION_LABELS.awards,
    labelHeading: 'Loại, đối tượng',
    columns: (['recipients', 'amount'] as const).map((key) => ({ key, heading: reportField(`awards.SCHOLARSHIP.${RECIPIENT_GROUPS[0]}.${key}`).shortLabel })),
    rows: AWARD_KINDS.flatMap((k) =>
      RECIPIENT_GROUPS.map((g) => ({
        label: REPORT_GROUP_LABELS.get(`awards.${k}.${g}`) ?? `${k}.${g}`,
        paths: { recipients: `awards.${k}.${g}.recipients`, amount: `awards.${k}.${g}.amount` },
      })),
    ),
  };
  return [
    models,
    fund,
    awards,
    singleColumnSheet('membership', 'Số liệu', (p) => reportField(p).label),
    singleColumnSheet('centres', 'Số liệu', (p) => reportField(p).label),
    singleColumnSheet('narrative', 'Nội dung', (p) => reportField(p).label),
  ];
}

/** The report sheets in form order; every catalogue figure is in exactly one cell of one of them. */
export const REPORT_SHEETS: readonly SheetLayout[] = Object.freeze(buildLayout());

/** Column letters of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The label column is A, then the unit column (if any), then the figure columns. */
export function templateColumnOf(sheet: SheetLayout, key: string): number {
  return 2 + (sheet.unitHeading ? 1 : 0) + sheet.columns.findIndex((c) => c.key === key);
}

/** Where the template puts a figure, e.g. models.FAMILY.registered → "Mô hình học tập"!D5. */
export function templateCellOf(path: string): { sheet: string; cell: string } {
  for (const sheet of REPORT_SHEETS) {
    for (const [i, row] of sheet.rows.entries()) {
      for (const [key, p] of Object.entries(row.paths)) {
        if (p === path) return { sheet: sheet.name, cell: `${columnLetters(templateColumnOf(sheet, key))}${TEMPLATE_HEADING_ROW + 1 + i}` };
      }
    }
  }
  throw new RangeError(`No cell for report field ${path}`);
}

/**
 * Headings, labels and sheet names compared the way a person reads them: Unicode NFC (some
 * keyboards type combining diacritics), case, runs of spaces and a trailing colon or asterisk
 * do not matter.
 */
export function normaliseLabel(s: string): string {
  return s
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(/[\s\u00A0]+/g, ' ')
    .replace(/[\s:*]+$/, '')
    .trim();
}

/** A spreadsheet location as people say it: Trang “Mô hình học tập”, ô D5. */
export type CellRef = { sheet?: string; cell?: string };

export type WorkbookIssue = CellRef & { message: string };

/** "Trang “Mô hình học tập”, ô D5: …"; a CSV file has no sheets: "Ô D5: …". */
export function describeIssue(issue: WorkbookIssue): string {
  const parts = [issue.sheet ? `Trang “${issue.sheet}”` : null, issue.cell ? `ô ${issue.cell}` : null].filter(Boolean) as string[];
  if (parts.length === 0) return issue.message;
  const where = parts.join(', ');
  return `${where.charAt(0).toUpperCase()}${where.slice(1)}: ${issue.message}`;
}
