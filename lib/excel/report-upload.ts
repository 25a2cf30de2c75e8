import 'server-only';
import { createHash } from 'node:crypto';
import { entersReports, type SessionUser } from '../permissions';
import { forbidden, UserFacingError } from '../errors';
import { formatInteger, formatVnd } from '../format';
import { periodLabel } from '../reference/periods';
import { diffReportData, emptyReportData } from '../reports/data';
import { reportField } from '../reports/fields';
import { checkReport, type RuleResult } from '../reports/rules';
import { describeIssue, type CellRef, type WorkbookIssue } from './workbook-layout';
import type { Db } from '../platform/db';
import { buildReportWorkbook, parseReportWorkbook } from './report-workbook';
import { getReportView, saveReportDraft, type ReportRef } from '../reports/store';
import { openWorkbook, REPORT_FILE_LIMITS } from './workbook-file';

// Excel in and out for one report. Download: the report's workbook, for anyone who may read
// the report. Upload: a preview first (nothing saved), then a confirmation that saves the same
// file's figures in one transaction with their audit rows, or nothing.

export type UploadedFile = { name: string; bytes: Buffer };

export type UploadChange = { label: string; where: string; before: string; after: string };

export type UploadPreview = {
  fileName: string;
  sha256: string;
  /** The report's version the preview compared against; the confirmation saves onto it. */
  version: number;
  title: string;
  changes: UploadChange[];
  errors: string[];
  warnings: string[];
  notes: string[];
  /** Required figures the file leaves empty (they are needed before submission). */
  missing: number;
  canConfirm: boolean;
};

/** The report as its .xlsx workbook: the file name and the bytes. Refuses readers out of scope. */
export async function reportWorkbookDownload(db: Db, user: SessionUser, ref: ReportRef, now = new Date()): Promise<{ fileName: string; bytes: Buffer }> {
  const view = await getReportView(db, user, ref, now);
  const bytes = await buildReportWorkbook(
    { provinceCode: view.province.code, provinceName: view.province.name, periodCode: view.period.code, version: view.report?.version ?? 0 },
    view.data,
    now,
  );
  return { fileName: `bao-cao-${view.province.code}-${view.period.code}.xlsx`, bytes };
}

function shown(path: string, value: string | null): string {
  if (value === null) return '(trống)';
  const kind = reportField(path).kind;
  if (kind === 'amount') return formatVnd(BigInt(value));
  if (kind === 'count') return formatInteger(BigInt(value));
  return value.length > 120 ? `${value.slice(0, 119)}…` : value;
}

function where(ref: CellRef | undefined): string {
  return ref?.cell ? `${ref.sheet} – ${ref.cell}` : (ref?.sheet ?? '');
}

function ruleIssue(result: RuleResult, cells: Map<string, CellRef>): WorkbookIssue {
  return { ...(cells.get(result.rule.fields[0]) ?? {}), message: result.message };
}

async function preview(db: Db, user: SessionUser, ref: ReportRef, file: UploadedFile, now: Date) {
  const view = await getReportView(db, user, ref, now);
  if (!view.allowed.EDIT.allowed) {
    const reason = view.allowed.EDIT.reason ?? 'Bạn không có quyền sửa báo cáo này.';
    if (!entersReports(user)) throw forbidden(reason);
    throw new UserFacingError(reason, {}, 'CONFLICT');
  }
  const workbook = await openWorkbook(file.bytes, REPORT_FILE_LIMITS);
  const parsed = parseReportWorkbook(workbook);
  const errors = [...parsed.errors];
  const notes = [...parsed.notes];
  const { meta } = parsed;
  if (meta && (meta.provinceCode !== view.province.code || meta.periodCode !== view.period.code)) {
    const of = meta.provinceName ? `${meta.provinceName} (mã ${meta.provinceCode})` : `tỉnh mã ${meta.provinceCode}`;
    errors.unshift({
      sheet: 'Thông tin',
      message: `tệp là báo cáo của ${of}, kỳ ${meta.periodCode}, không phải của ${view.province.name} (mã ${view.province.code}), ${periodLabel(view.period.code)}. Hãy kiểm tra lại tệp.`,
    });
  }
  const version = view.report?.version ?? 0;
  if (meta?.version !== null && meta?.version !== undefined && meta.version < version && errors.length === 0) {
    notes.unshift({
      sheet: 'Thông tin',
      message: `tệp được tải về từ phiên bản ${meta.version}; báo cáo nay đã ở phiên bản ${version}. Số liệu trong tệp sẽ thay thế số liệu hiện có ở những ô khác nhau (xem danh sách thay đổi).`,
    });
  }
  const warnings: WorkbookIssue[] = [];
  let changes: UploadChange[] = [];
  let missing = 0;
  if (parsed.data && errors.length === 0) {
    const check = checkReport(parsed.data, view.previous?.data ?? null, view.thresholds);
    errors.push(...check.blocking.map((r) => ruleIssue(r, parsed.cells)));
    warnings.push(...check.warnings.map((r) => ruleIssue(r, parsed.cells)));
    missing = check.missing.length;
    changes = diffReportData(view.data ?? emptyReportData(), parsed.data).map((c) => ({
      label: reportField(c.path).label,
      where: where(parsed.cells.get(c.path)),
      before: shown(c.path, c.before),
      after: shown(c.path, c.after),
    }));
  }
  const result: UploadPreview = {
    fileName: file.name,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    version,
    title: `${view.province.name} – ${periodLabel(view.period.code)}`,
    changes,
    errors: errors.map(describeIssue),
    warnings: warnings.map(describeIssue),
    notes: notes.map(describeIssue),
    missing,
    canConfirm: errors.length === 0 && changes.length > 0,
  };
  return { result, data: parsed.data };
}

/**
 * Reads an uploaded workbook for a report and says what saving it would change, with every
 * error and warning by sheet and cell. Saves nothing. Refuses a user who may not edit the
 * report now, and any file that is not a workbook within the limits.
 */
export async function previewReportUpload(db: Db, user: SessionUser, ref: ReportRef, file: UploadedFile, now = new Date()): Promise<UploadPreview> {
  return (await preview(db, user, ref, file, now)).result;
}

/**
 * Saves an uploaded workbook's figures as a draft, after the user saw its preview. The file
 * is read again and must be the one previewed (same SHA-256) with no error; the save is the
 * report's usual one transaction, refused if the report changed since the preview (version).
 */
export async function confirmReportUpload(
  db: Db,
  user: SessionUser,
  input: ReportRef & { version: number; sha256: string },
  file: UploadedFile,
  now = new Date(),
): Promise<{ version: number; changed: number }> {
  const { result, data } = await preview(db, user, input, file, now);
  if (result.sha256 !== input.sha256) {
    throw new UserFacingError('Tệp khác với tệp đã xem trước. Hãy bấm “Xem trước” lại với tệp này.', { file: ['Tệp khác với tệp đã xem trước.'] });
  }
  if (!result.canConfirm || !data) {
    const message = result.errors.length ? `Tệp còn ${formatInteger(result.errors.length)} lỗi; chưa lưu gì.` : 'Tệp không có thay đổi nào so với báo cáo.';
    throw new UserFacingError(message, { file: result.errors.length ? result.errors : [message] });
  }
  return saveReportDraft(db, user, { ...input, data }, now, { source: 'xlsx', fileName: result.fileName.slice(0, 200), sha256: result.sha256 });
}
