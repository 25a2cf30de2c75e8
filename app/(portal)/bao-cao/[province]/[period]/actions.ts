'use server';

import { CommentSchema, ReportRefSchema, SaveReportSchema, reportFormInput } from '@/lib/report-action-schemas';
import { defineFormAction } from '@/lib/server/action';
import { approveReport, reopenReport, returnReport, saveAndSubmitReport, saveReportDraft } from '@/lib/server/reports';
import { formatDateTime } from '@/lib/format';

// Role checks here are the coarse gate; the data layer checks scope (own
// province, own cluster), status and period for every write.
const staff = (u: { role: string }) => u.role === 'PROVINCE_STAFF';
const reviewer = (u: { role: string }) => u.role === 'CLUSTER_LEADER' || u.role === 'ADMIN';
const paths = (i: { provinceCode: string; periodCode: string }) => [`/bao-cao/${i.provinceCode}/${i.periodCode}`, '/tinh'];

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
    return { message: 'Đã gửi báo cáo tới cụm trưởng.', version };
  },
  revalidate: paths,
});

export const approveReportAction = defineFormAction({
  name: 'report.approve',
  schema: ReportRefSchema,
  authorize: reviewer,
  run: async ({ db, user, input }) => {
    const { version } = await approveReport(db, user, input);
    return { message: 'Đã duyệt báo cáo.', version };
  },
  revalidate: paths,
});

export const returnReportAction = defineFormAction({
  name: 'report.return',
  schema: CommentSchema,
  authorize: reviewer,
  run: async ({ db, user, input }) => {
    const { version } = await returnReport(db, user, input);
    return { message: 'Đã trả lại báo cáo cho tỉnh kèm nhận xét.', version };
  },
  revalidate: paths,
});

export const reopenReportAction = defineFormAction({
  name: 'report.reopen',
  schema: CommentSchema,
  authorize: reviewer,
  run: async ({ db, user, input }) => {
    const { version } = await reopenReport(db, user, input);
    return { message: 'Đã mở lại báo cáo để tỉnh chỉnh sửa.', version };
  },
  revalidate: paths,
});
