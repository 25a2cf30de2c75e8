import { z } from 'zod';
import { isPeriodCode } from '../reference/periods';
import { ReportDataSchema, unflattenReportInput } from './data';

/** Which report: a province code resolved at the period's date (codes are reused after mergers). */
export const ReportRefSchema = z.object({
  provinceCode: z.string({ error: 'Thiếu mã tỉnh.' }).regex(/^\d{2,3}$/, 'Mã tỉnh không hợp lệ.'),
  periodCode: z.string({ error: 'Thiếu kỳ báo cáo.' }).refine(isPeriodCode, 'Kỳ báo cáo không hợp lệ.'),
  version: z.coerce
    .number({ error: 'Thiếu phiên bản báo cáo.' })
    .int('Phiên bản báo cáo không hợp lệ.')
    .min(0, 'Phiên bản báo cáo không hợp lệ.'),
});

const Explanations = z.record(z.string(), z.string().max(2000, 'Giải trình tối đa 2.000 ký tự.'));

export const SaveReportSchema = ReportRefSchema.extend({ data: ReportDataSchema, explanations: Explanations.default({}) });

export const CommentSchema = ReportRefSchema.extend({
  comment: z.string({ error: 'Vui lòng ghi rõ lý do.' }).trim().min(1, 'Vui lòng ghi rõ lý do.').max(2000, 'Nội dung tối đa 2.000 ký tự.'),
});

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
