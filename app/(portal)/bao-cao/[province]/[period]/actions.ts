'use server';

import { CommentSchema, ConfirmUploadSchema, ReportRefSchema, ReportUploadSchema, SaveReportSchema, reportFormInput } from '@/lib/reports/action-schemas';
import { defineFormAction } from '@/lib/http/action';
import { confirmReportUpload, previewReportUpload, type UploadPreview } from '@/lib/excel/report-upload';
import { approveReport, reopenReport, returnReport, saveAndSubmitReport, saveReportDraft } from '@/lib/reports/store';
import { readUpload, REPORT_FILE_LIMITS } from '@/lib/excel/workbook-file';
import { formatDateTime, formatInteger } from '@/lib/format';
import { entersReports, reviewsReports } from '@/lib/permissions';
import { reportPagePath } from '@/lib/reports/report-outcome';

// Role checks here are the coarse gate; the data layer checks scope (own
// province, own cluster), status and period for every write.
const staff = entersReports;
const reviewer = reviewsReports;
const paths = (i: { provinceCode: string; periodCode: string }) => [reportPagePath(i), '/tinh'];
// A status change removes the form it came from, so it goes back to the report page naming what
// was done, which the page then says (lib/reports/report-outcome.ts).

export const saveReportDraftAction = defineFormAction({
  name: 'report.save',
  schema: SaveReportSchema,
  input: reportFormInput,
  authorize: staff,
  run: async ({ db, user, input }) => {
    const { version, changed } = await saveReportDraft(db, user, input);
    const when = formatDateTime(new Date());
    return { message: changed ? `Đã lưu nháp lúc ${when} (${changed} số liệu thay đổi).` : `Không có thay đổi mới (đã kiểm tra lúc ${when}).`, version };
  },
  revalidate: paths,
});

export const submitReportAction = defineFormAction({
  name: 'report.submit',
  schema: SaveReportSchema,
  input: reportFormInput,
  authorize: staff,
  run: async ({ db, user, input }) => {
    const { version } = await saveAndSubmitReport(db, user, input);
    return { message: 'Đã gửi báo cáo tới cụm trưởng.', version, redirect: reportPagePath(input, 'da-gui') };
  },
  revalidate: paths,
});

export const approveReportAction = defineFormAction({
  name: 'report.approve',
  schema: ReportRefSchema,
  authorize: reviewer,
  run: async ({ db, user, input }) => {
    const { version } = await approveReport(db, user, input);
    return { message: 'Đã duyệt báo cáo.', version, redirect: reportPagePath(input, 'da-duyet') };
  },
  revalidate: paths,
});

export const returnReportAction = defineFormAction({
  name: 'report.return',
  schema: CommentSchema,
  authorize: reviewer,
  run: async ({ db, user, input }) => {
    const { version } = await returnReport(db, user, input);
    return { message: 'Đã trả lại báo cáo cho tỉnh kèm nhận xét.', version, redirect: reportPagePath(input, 'da-tra-lai') };
  },
  revalidate: paths,
});

export const reopenReportAction = defineFormAction({
  name: 'report.reopen',
  schema: CommentSchema,
  authorize: reviewer,
  run: async ({ db, user, input }) => {
    const { version } = await reopenReport(db, user, input);
    return { message: 'Đã mở lại báo cáo để tỉnh chỉnh sửa.', version, redirect: reportPagePath(input, 'da-mo-lai') };
  },
  revalidate: paths,
});

export const previewReportUploadAction = defineFormAction<typeof ReportUploadSchema, UploadPreview>({
  name: 'report.upload.preview',
  schema: ReportUploadSchema,
  authorize: staff,
  run: async ({ db, user, input }) => {
    const preview = await previewReportUpload(db, user, input, await readUpload(input.file, REPORT_FILE_LIMITS));
    const message = preview.errors.length
      ? `Tệp có ${formatInteger(preview.errors.length)} lỗi cần sửa; chưa lưu gì.`
      : preview.changes.length
        ? `${formatInteger(preview.changes.length)} số liệu sẽ thay đổi. Kiểm tra rồi bấm “Lưu các thay đổi”.`
        : 'Số liệu trong tệp giống hệt báo cáo hiện có; không có gì để lưu.';
    return { message, payload: preview };
  },
});

export const confirmReportUploadAction = defineFormAction({
  name: 'report.upload.confirm',
  schema: ConfirmUploadSchema,
  authorize: staff,
  run: async ({ db, user, input }) => {
    const file = await readUpload(input.file, REPORT_FILE_LIMITS);
    const { version, changed } = await confirmReportUpload(db, user, input, file);
    return { message: `Đã lưu ${formatInteger(changed)} số liệu từ tệp “${file.name}” vào bản nháp (phiên bản ${version}).`, version };
  },
  revalidate: paths,
});
