import { z } from 'zod';
import { formatInteger } from '../format';
import { isPeriodCode } from '../reference/periods';
import { ReportDataSchema, unflattenReportInput } from './data';

// The report's input schemas. The fields the form and the API share (version, comment,
// explanations) are defined once here; the form's schemas follow, and the API routes under
// app/api/v1/provinces take the shared fields from here.

/** The longest reviewer's comment or warning explanation. */
export const COMMENT_MAX_LENGTH = 2000;

/** The version of the report the writer read: 0 when it does not exist yet. */
export const VersionSchema = z
  .number({ error: (issue) => (issue.input === undefined ? 'Thiếu phiên bản (version) của báo cáo.' : 'Phiên bản phải là một số nguyên.') })
  .int('Phiên bản phải là một số nguyên.')
  .min(0, 'Phiên bản không được âm.')
  .max(2_147_483_647, 'Phiên bản không hợp lệ.'); // the column is a 32-bit integer

/** The version as a form posts it: the digits of a hidden field (JSON sends a number). */
const FormVersionSchema = z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), VersionSchema);

const REASON_REQUIRED = 'Vui lòng ghi rõ lý do.';

/** Why a reviewer returns or reopens a report: required, trimmed. */
export const ReviewCommentSchema = z
  .string({ error: REASON_REQUIRED })
  .trim()
  .min(1, REASON_REQUIRED)
  .max(COMMENT_MAX_LENGTH, `Nội dung tối đa ${formatInteger(COMMENT_MAX_LENGTH)} ký tự.`);

/** Why each warning is acceptable, keyed by the rule id. */
export const ExplanationsSchema = z.record(
  z.string(),
  z.string({ error: 'Giải trình phải là văn bản.' }).max(COMMENT_MAX_LENGTH, `Giải trình tối đa ${formatInteger(COMMENT_MAX_LENGTH)} ký tự.`),
  { error: 'Giải trình phải là một đối tượng { "mã quy tắc": "nội dung" }.' },
);

/** Which report: a province code resolved at the period's date (codes are reused after mergers). */
export const ReportRefSchema = z.object({
  provinceCode: z.string({ error: 'Thiếu mã tỉnh.' }).regex(/^\d{2,3}$/, 'Mã tỉnh không hợp lệ.'),
  periodCode: z.string({ error: 'Thiếu kỳ báo cáo.' }).refine(isPeriodCode, 'Kỳ báo cáo không hợp lệ.'),
  version: FormVersionSchema,
});

export const SaveReportSchema = ReportRefSchema.extend({ data: ReportDataSchema, explanations: ExplanationsSchema.default({}) });

export const CommentSchema = ReportRefSchema.extend({ comment: ReviewCommentSchema });

/**
 * The report form posts every figure under its catalogue path
 * ("models.FAMILY.total"), warning explanations as "explanations.<ruleId>",
 * and the report reference as plain fields.
 */
export function reportFormInput(formData: FormData) {
  const flat = Object.fromEntries(formData);
  const explanations: Record<string, string> = {};
  for (const [key, value] of Object.entries(flat)) {
    if (key.startsWith('explanations.') && typeof value === 'string') explanations[key.slice('explanations.'.length)] = value;
  }
  return {
    provinceCode: flat.provinceCode,
    periodCode: flat.periodCode,
    version: flat.version,
    data: unflattenReportInput(flat),
    explanations,
  };
}

const UploadedFileSchema = z.file({ error: 'Hãy chọn tệp Excel (.xlsx) để tải lên.' });

/** An uploaded report workbook, for its preview. */
export const ReportUploadSchema = ReportRefSchema.pick({ provinceCode: true, periodCode: true }).extend({ file: UploadedFileSchema });

/** The confirmation of a previewed upload: the same file, the version and SHA-256 the preview saw. */
export const ConfirmUploadSchema = ReportRefSchema.extend({
  file: UploadedFileSchema,
  sha256: z.string({ error: 'Thiếu mã kiểm tra của tệp đã xem trước.' }).regex(/^[0-9a-f]{64}$/, 'Mã kiểm tra của tệp không hợp lệ.'),
});

/** A history file (.xlsx or .csv) to check (`mode` "check", nothing written) or import. */
export const HistoryImportSchema = z.object({
  file: z.file({ error: 'Hãy chọn tệp Excel (.xlsx) hoặc CSV để nhập.' }),
  mode: z.enum(['check', 'import'], { error: 'Thao tác không hợp lệ.' }),
});
