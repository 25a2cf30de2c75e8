import 'server-only';
import { createHash } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { Prisma } from '../generated/prisma/client';
import { canImportHistory, type SessionUser } from '../permissions';
import { conflict, forbidden, UserFacingError } from '../errors';
import { formatInteger } from '../format';
import { isPeriodCode, periodLabel } from '../reference/periods';
import { isInForce } from '../reference/validity';
import { diffReportData, emptyReportData, fieldErrorsOf, getFieldValue, ReportDataSchema, unflattenReportInput, type ReportData } from '../reports/data';
import { REPORT_FIELDS, type ReportField } from '../reports/fields';
import { HISTORY_FILE_LIMITS } from './upload-limits';
import { checkReport } from '../reports/rules';
import { readValidationThresholds } from '../reference/settings-store';
import { columnLetters, describeIssue, normaliseLabel, type CellRef, type WorkbookIssue } from './workbook-layout';
import type { Db } from '../platform/db';
import { REPORT_FIGURES_SELECT, rowsToReportData } from '../reports/mapping';
import { writeReportFigures } from '../reports/report-writes';
import { findSheet } from './report-workbook';
import { cellText, readFigureCell, type CellReading } from './workbook-cells';
import { cleanText } from '../text-hygiene';
import { detectFileKind, notAWorkbook, openWorkbook, refuseIfTooLarge } from './workbook-file';

// Bulk history: many provinces and periods in one workbook or CSV file, one row per report
// (the figures associations already hold from before the portal). The file is read and
// checked in full before anything is written; then every report is created or updated in one
// transaction, or none is. A figure column the file does not have leaves that figure as it
// is; an empty cell in a column it has empties the figure. Loading the same file again
// changes nothing (every report is “unchanged”), and writes nothing.

export const HISTORY_SHEET = 'Số liệu';
export const HISTORY_COLUMNS = { provinceCode: 'Mã tỉnh', provinceName: 'Tỉnh, thành phố', periodCode: 'Mã kỳ báo cáo' } as const;

export type HistoryImportSummary = {
  fileName: string;
  sha256: string;
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Validation warnings of the imported figures (they are imported; worth a look). */
  warnings: string[];
  notes: string[];
};

/** A refused file: every problem found, by sheet and cell; nothing was written. */
export class HistoryImportError extends UserFacingError {
  constructor(readonly issues: string[]) {
    super(`Tệp có ${formatInteger(issues.length)} lỗi; chưa nhập báo cáo nào.`, { file: issues.slice(0, 200) }, 'INVALID_INPUT');
  }
}

type SourceTable = {
  sheet?: string;
  rowCount: number;
  columnCount: number;
  text: (row: number, column: number) => string;
  read: (row: number, column: number, field: ReportField) => CellReading;
};

/**
 * The separator of a CSV file, from its heading line: Excel writes “,” or, under Vietnamese
 * regional settings, “;” (and tab for “Unicode text”). One separator for the whole file: a
 * comma inside an unquoted “;” file (“Tỉnh, thành phố”) is text, not a column break.
 */
function csvDelimiter(bytes: Buffer): string {
  const end = bytes.indexOf(10);
  const heading = bytes.toString('utf8', 0, end < 0 ? Math.min(bytes.length, 65_536) : end);
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (const ch of heading) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return [...counts].reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

function csvTable(bytes: Buffer): SourceTable {
  let lines = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) lines++;
  if (lines > HISTORY_FILE_LIMITS.maxRows + 1) {
    throw new HistoryImportError([`Tệp có ${formatInteger(lines)} dòng, vượt giới hạn ${formatInteger(HISTORY_FILE_LIMITS.maxRows)} dòng.`]);
  }
  const delimiter = csvDelimiter(bytes);
  let records: string[][];
  try {
    records = parseCsv(bytes, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    throw new HistoryImportError([`Không đọc được tệp CSV: ${(error as Error).message}`]);
  }
  // A row longer than the heading has a separator inside an unquoted value: refuse it rather
  // than shift or cut its figures.
  const width = records[0]?.length ?? 0;
  const long = records.map((r, i) => [r.length, i + 1] as const).filter(([length]) => length > width);
  if (long.length) {
    throw new HistoryImportError(
      long.slice(0, 20).map(
        ([length, line]) =>
          `Dòng ${line} có ${length} cột, nhiều hơn dòng tiêu đề (${width} cột): có thể một ô chứa dấu “${delimiter === '\t' ? 'tab' : delimiter}” mà không được đặt trong ngoặc kép. Hãy lưu lại tệp bằng Excel hoặc dùng mẫu .xlsx.`,
      ),
    );
  }
  // Each value cleaned as a workbook's cells are (lib/text-hygiene.ts): a NUL past the start of
  // the file (only its first 4 KB are checked for binary content) or a bidirectional control.
  const value = (r: number, c: number) => cleanText(records[r - 1]?.[c - 1] ?? '');
  return {
    rowCount: records.length,
    columnCount: Math.max(0, ...records.map((r) => r.length)),
    text: (r, c) => value(r, c).trim(),
    read: (r, c) => {
      const v = value(r, c);
      return v.trim() === '' ? { kind: 'empty' } : { kind: 'value', value: v };
    },
  };
}

async function xlsxTable(bytes: Buffer): Promise<SourceTable> {
  const workbook = await openWorkbook(bytes, HISTORY_FILE_LIMITS);
  const sheet = findSheet(workbook, HISTORY_SHEET) ?? workbook.worksheets[0];
  return {
    sheet: sheet.name,
    rowCount: sheet.rowCount,
    columnCount: sheet.columnCount,
    text: (r, c) => cellText(sheet.getRow(r).getCell(c)),
    read: (r, c, field) => readFigureCell(sheet.getRow(r).getCell(c), field.kind),
  };
}

type Columns = { province: number; period: number; fields: Map<number, ReportField> };

const FIELD_BY_HEADING = new Map<string, ReportField>(
  REPORT_FIELDS.flatMap((f): Array<[string, ReportField]> => [
    [normaliseLabel(f.label), f],
    [f.path.toLowerCase(), f],
  ]),
);

function locateColumns(table: SourceTable, errors: WorkbookIssue[], notes: WorkbookIssue[]): { headingRow: number; columns: Columns } | null {
  const provinceHeading = normaliseLabel(HISTORY_COLUMNS.provinceCode);
  for (let r = 1; r <= Math.min(table.rowCount, 20); r++) {
    const texts: Array<[number, string]> = [];
    for (let c = 1; c <= table.columnCount; c++) texts.push([c, table.text(r, c)]);
    if (!texts.some(([, t]) => normaliseLabel(t) === provinceHeading)) continue;
    let province = 0;
    let period = 0;
    const fields = new Map<number, ReportField>();
    const seen = new Map<string, number>();
    for (const [c, raw] of texts) {
      const t = normaliseLabel(raw);
      if (!t) continue;
      const at = { sheet: table.sheet, cell: `${columnLetters(c)}${r}` };
      if (t === provinceHeading) province = c;
      else if (t === normaliseLabel(HISTORY_COLUMNS.periodCode) || t === 'kỳ báo cáo' || t === 'kỳ') period = c;
      else if (t === normaliseLabel(HISTORY_COLUMNS.provinceName)) continue;
      else {
        const field = FIELD_BY_HEADING.get(t) ?? FIELD_BY_HEADING.get(raw.trim().toLowerCase());
        if (!field) notes.push({ ...at, message: `cột “${raw}” không phải số liệu của báo cáo nên được bỏ qua.` });
        else if (seen.has(field.path)) errors.push({ ...at, message: `cột “${field.label}” đã có ở cột ${columnLetters(seen.get(field.path)!)}.` });
        else {
          seen.set(field.path, c);
          fields.set(c, field);
        }
      }
    }
    if (!period) errors.push({ sheet: table.sheet, message: `không tìm thấy cột “${HISTORY_COLUMNS.periodCode}” ở dòng tiêu đề (dòng ${r}).` });
    if (fields.size === 0) errors.push({ sheet: table.sheet, message: `dòng tiêu đề (dòng ${r}) không có cột số liệu nào; tiêu đề cột phải là tên số liệu như trong mẫu.` });
    return period && fields.size ? { headingRow: r, columns: { province, period, fields } } : null;
  }
  errors.push({ sheet: table.sheet, message: `không tìm thấy dòng tiêu đề có cột “${HISTORY_COLUMNS.provinceCode}” trong 20 dòng đầu. Hãy dùng mẫu nhập lịch sử tải từ cổng.` });
  return null;
}

type FileRow = { row: number; provinceCode: string; periodCode: string; input: Record<string, unknown>; cells: Map<string, CellRef> };

function readRows(table: SourceTable, headingRow: number, columns: Columns, errors: WorkbookIssue[], notes: WorkbookIssue[]): FileRow[] {
  const rows: FileRow[] = [];
  const firstOf = new Map<string, number>();
  for (let r = headingRow + 1; r <= table.rowCount; r++) {
    const provinceText = table.text(r, columns.province);
    const periodText = table.text(r, columns.period).toUpperCase();
    const cells = new Map<string, CellRef>();
    const input: Record<string, unknown> = {};
    let filled = 0;
    for (const [c, field] of columns.fields) {
      const at = { sheet: table.sheet, cell: `${columnLetters(c)}${r}` };
      cells.set(field.path, at);
      const reading = table.read(r, c, field);
      if (reading.kind === 'refused') errors.push({ ...at, message: `${field.label}: ${reading.reason}.` });
      else if (reading.kind === 'value') {
        input[field.path] = reading.value;
        filled++;
      } else input[field.path] = null;
    }
    if (!provinceText && !periodText) {
      if (filled) errors.push({ sheet: table.sheet, cell: `${columnLetters(columns.province)}${r}`, message: 'dòng có số liệu nhưng thiếu mã tỉnh và mã kỳ.' });
      continue;
    }
    const provinceCode = /^\d$/.test(provinceText) ? `0${provinceText}` : provinceText;
    if (!/^\d{2,3}$/.test(provinceCode)) {
      errors.push({ sheet: table.sheet, cell: `${columnLetters(columns.province)}${r}`, message: `mã tỉnh “${provinceText}” không hợp lệ (2 chữ số, ví dụ 26).` });
      continue;
    }
    if (!isPeriodCode(periodText)) {
      errors.push({ sheet: table.sheet, cell: `${columnLetters(columns.period)}${r}`, message: `mã kỳ “${periodText}” không hợp lệ (ví dụ 2022S1 cho 6 tháng đầu năm 2022, 2022S2 cho 6 tháng cuối năm).` });
      continue;
    }
    const key = `${provinceCode}/${periodText}`;
    if (firstOf.has(key)) {
      errors.push({ sheet: table.sheet, cell: `${columnLetters(columns.province)}${r}`, message: `tỉnh ${provinceCode}, kỳ ${periodText} đã có ở dòng ${firstOf.get(key)}; mỗi báo cáo chỉ được có một dòng.` });
      continue;
    }
    firstOf.set(key, r);
    if (filled === 0) {
      notes.push({ sheet: table.sheet, cell: `A${r}`, message: `dòng ${r} (tỉnh ${provinceCode}, kỳ ${periodText}) không có số liệu nào nên được bỏ qua.` });
      continue;
    }
    rows.push({ row: r, provinceCode, periodCode: periodText, input, cells });
  }
  return rows;
}

async function readTable(file: { name: string; bytes: Buffer }): Promise<SourceTable> {
  refuseIfTooLarge(file.bytes.length, HISTORY_FILE_LIMITS);
  const kind = detectFileKind(file.bytes);
  if (kind === 'zip') return xlsxTable(file.bytes);
  if (kind === 'text') return csvTable(file.bytes);
  throw notAWorkbook(kind, true);
}

function valuesOf(d: ReportData): Record<string, unknown> {
  return Object.fromEntries(REPORT_FIELDS.map((f) => [f.path, getFieldValue(d, f.path)]));
}

// The import's one transaction holds only its writes (importHistory). Its timeout bounds the
// writes of the largest file on the slower database (PGlite); a lock it meets on PostgreSQL
// gives up after the connection's lock_timeout instead (lib/platform/prisma-factory.ts).
const IMPORT_TX = { maxWait: 10_000, timeout: 300_000, isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted };

/**
 * Imports a history file (.xlsx or .csv). Administrators and the central association only
 * (`actor` null: the command line, run by whoever operates the server). Refuses the whole file,
 * writing nothing, on any error; `dryRun` checks and counts without writing.
 */
export async function importHistory(
  db: Db,
  actor: SessionUser | null,
  file: { name: string; bytes: Buffer },
  options: { dryRun?: boolean; now?: Date; source?: 'portal' | 'cli' } = {},
): Promise<HistoryImportSummary> {
  if (actor && !canImportHistory(actor)) throw forbidden('Chỉ quản trị viên và Trung ương Hội được nhập số liệu lịch sử.');
  const now = options.now ?? new Date();
  const errors: WorkbookIssue[] = [];
  const notes: WorkbookIssue[] = [];
  const table = await readTable(file);
  const located = locateColumns(table, errors, notes);
  const rows = located ? readRows(table, located.headingRow, located.columns, errors, notes) : [];
  if (located && rows.length === 0 && errors.length === 0) errors.push({ sheet: table.sheet, message: 'tệp không có dòng số liệu nào.' });
  if (errors.length) throw new HistoryImportError(errors.map(describeIssue));

  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const origin = { source: options.source ?? 'portal', fileName: file.name.slice(0, 200), sha256 };

  // Read, check and diff before any transaction: on PostgreSQL nothing here takes a lock, and on
  // PGlite, where an open transaction makes every other query wait, the file's checks do not.
  const periods = new Map(
    (await db.period.findMany({ where: { code: { in: [...new Set(rows.map((r) => r.periodCode))] } }, select: { id: true, code: true, startDate: true, deadline: true, locked: true } })).map((p) => [p.code, p]),
  );
  const provinceVersions = await db.province.findMany({
    where: { code: { in: [...new Set(rows.map((r) => r.provinceCode))] } },
    select: { id: true, code: true, name: true, validFrom: true, validTo: true },
  });
  const existing = await db.report.findMany({
    where: { provinceId: { in: provinceVersions.map((p) => p.id) }, periodId: { in: [...periods.values()].map((p) => p.id) } },
    select: { id: true, provinceId: true, periodId: true, status: true, version: true, ...REPORT_FIGURES_SELECT },
  });
  const reportOf = new Map(existing.map((r) => [`${r.provinceId}/${r.periodId}`, r]));
  const thresholds = await readValidationThresholds(db);

  type Planned = { row: FileRow; provinceId: string; periodId: string; data: ReportData; before: ReportData; report: (typeof existing)[number] | null; label: string };
  const creates: Planned[] = [];
  const updates: Planned[] = [];
  let unchanged = 0;
  const warnings: WorkbookIssue[] = [];
  for (const row of rows) {
    const at = row.cells.values().next().value ?? { sheet: table.sheet };
    const where = { sheet: table.sheet, cell: `A${row.row}` };
    const period = periods.get(row.periodCode);
    if (!period) {
      errors.push({ ...where, message: `cổng chưa có kỳ báo cáo ${row.periodCode}.` });
      continue;
    }
    const province = provinceVersions.find((p) => p.code === row.provinceCode && isInForce(p, period.startDate));
    if (!province) {
      errors.push({ ...where, message: `không có tỉnh mã ${row.provinceCode} trong ${periodLabel(row.periodCode)}.` });
      continue;
    }
    const label = `${province.name} – ${periodLabel(row.periodCode)}`;
    const report = reportOf.get(`${province.id}/${period.id}`) ?? null;
    const before = report ? rowsToReportData(report) : emptyReportData();
    const parsed = ReportDataSchema.safeParse(unflattenReportInput({ ...valuesOf(before), ...row.input }));
    if (!parsed.success) {
      for (const [path, message] of Object.entries(fieldErrorsOf(parsed.error))) errors.push({ ...(row.cells.get(path) ?? at), message });
      continue;
    }
    const check = checkReport(parsed.data, null, thresholds);
    for (const r of check.blocking) errors.push({ ...(row.cells.get(r.rule.fields[0]) ?? where), message: `${label}: ${r.message}` });
    for (const r of check.warnings) warnings.push({ ...(row.cells.get(r.rule.fields[0]) ?? where), message: `${label}: ${r.message}` });
    if (check.blocking.length) continue;
    const changes = diffReportData(before, parsed.data);
    const planned = { row, provinceId: province.id, periodId: period.id, data: parsed.data, before, report, label };
    if (!report) {
      if (!period.locked && now <= period.deadline) {
        errors.push({ ...where, message: `${periodLabel(row.periodCode)} đang mở để các tỉnh nhập báo cáo; chỉ nhập lịch sử cho các kỳ đã hết hạn.` });
      } else creates.push(planned);
    } else if (changes.length === 0) unchanged++;
    else if (report.status !== 'APPROVED') {
      errors.push({ ...where, message: `báo cáo ${label} đang ở bước xử lý của tỉnh và cụm (chưa duyệt); nhập lịch sử không ghi đè báo cáo chưa duyệt.` });
    } else updates.push(planned);
  }
  if (errors.length) throw new HistoryImportError(errors.map(describeIssue));

  const summary: HistoryImportSummary = {
    fileName: file.name,
    sha256,
    dryRun: Boolean(options.dryRun),
    rows: rows.length,
    created: creates.length,
    updated: updates.length,
    unchanged,
    warnings: warnings.slice(0, 200).map(describeIssue),
    notes: notes.slice(0, 200).map(describeIssue),
  };
  if (options.dryRun || (creates.length === 0 && updates.length === 0)) return summary;

  // New reports are created approved; stored ones (approved, checked above) keep their status.
  const labelOf = new Map(updates.map((p) => [p.report!.id, p.label]));
  const writes = [
    ...creates.map((p) => ({
      report: {
        provinceId: p.provinceId,
        periodId: p.periodId,
        provinceCode: p.row.provinceCode,
        periodCode: p.row.periodCode,
        status: 'APPROVED' as const,
        recordedAs: 'IMPORT' as const,
        comment: `Nhập lịch sử từ tệp “${origin.fileName}”.`,
      },
      data: p.data,
      previousData: null,
    })),
    ...updates.map((p) => ({ report: { id: p.report!.id, expectedVersion: p.report!.version }, data: p.data, previousData: p.before })),
  ];
  // Only the writes run in the transaction, so its locks last as long as the writes do. A report
  // another writer changed or created since the reads above is caught by writeReportFigures's
  // version compare-and-swap or the unique key, and the whole file is refused.
  await db.$transaction(
    (tx) =>
      writeReportFigures(tx, writes, {
        actorId: actor?.id ?? null,
        now,
        origin,
        staleVersion: (reportId) => conflict(`Báo cáo ${labelOf.get(reportId)} vừa được người khác cập nhật; chưa nhập báo cáo nào. Hãy nhập lại tệp.`),
        alreadyCreated: () => conflict('Một báo cáo trong tệp vừa được người khác tạo; chưa nhập báo cáo nào. Hãy nhập lại tệp.'),
      }),
    IMPORT_TX,
  );
  return summary;
}

/** The headings of a history file, in the template's order. */
export function historyHeadings(): string[] {
  return [HISTORY_COLUMNS.provinceCode, HISTORY_COLUMNS.provinceName, HISTORY_COLUMNS.periodCode, ...REPORT_FIELDS.map((f) => f.label)];
}

/**
 * The empty history template: the sheet “Số liệu” with one heading per column (frozen, so it
 * stays visible over hundreds of rows) and a sheet “Hướng dẫn” explaining each column.
 */
export async function historyTemplateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Cổng báo cáo Khuyến học';
  const sheet = workbook.addWorksheet(HISTORY_SHEET, { views: [{ state: 'frozen', xSplit: 3, ySplit: 1 }] });
  sheet.columns = historyHeadings().map((header, i) => ({ header, width: i < 3 ? 16 : 24 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).alignment = { wrapText: true, vertical: 'top' };
  for (const [i, field] of REPORT_FIELDS.entries()) if (field.kind !== 'text') sheet.getColumn(4 + i).numFmt = '#,##0';
  const guide = workbook.addWorksheet('Hướng dẫn');
  guide.columns = [{ width: 40 }, { width: 90 }];
  const lines: Array<[string, string]> = [
    ['Mỗi dòng', 'Một báo cáo: một tỉnh trong một kỳ. Mỗi tỉnh, mỗi kỳ chỉ một dòng.'],
    [HISTORY_COLUMNS.provinceCode, 'Mã tỉnh, thành phố như trong Danh mục (ví dụ 26 là Vĩnh Phúc trước ngày 1/7/2025). Mã được hiểu theo thời điểm của kỳ.'],
    [HISTORY_COLUMNS.provinceName, 'Không bắt buộc, để người đọc dễ theo dõi; cổng không đọc cột này.'],
    [HISTORY_COLUMNS.periodCode, 'Ví dụ 2022S1 là 6 tháng đầu năm 2022, 2022S2 là 6 tháng cuối năm 2022.'],
    ['Các cột số liệu', 'Số nguyên không âm, tiền tính bằng đồng. Được bỏ bớt cột: số liệu của cột không có trong tệp giữ nguyên. Ô trống trong một cột có trong tệp nghĩa là không có số liệu.'],
    ['Khi nhập', 'Toàn bộ tệp được kiểm tra trước; có một lỗi thì không báo cáo nào được nhập. Nhập lại cùng một tệp không thay đổi gì.'],
    ['Báo cáo đã có', 'Chỉ báo cáo đã duyệt được cập nhật; báo cáo mới được tạo ở trạng thái đã duyệt. Không nhập cho kỳ đang mở.'],
    ['', ''],
    ['Cột', 'Ý nghĩa'],
    ...REPORT_FIELDS.map((f): [string, string] => [f.label, f.help ?? '']),
  ];
  lines.forEach(([a, b], i) => {
    guide.getRow(i + 1).values = [a, b];
    if (i === 8) guide.getRow(i + 1).font = { bold: true };
  });
  guide.getColumn(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
