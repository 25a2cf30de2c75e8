import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { ReportForm } from '@/components/report/report-form';
import { ReportHistory } from '@/components/report/report-history';
import { ReportView } from '@/components/report/report-view';
import { ApproveForm, CommentForm } from '@/components/report/review-actions';
import { WorkbookUpload } from '@/components/report/workbook-upload';
import { StatusBadge } from '@/components/ui/status-badge';
import { UserFacingError } from '@/lib/errors';
import { formatDate, formatDateTime } from '@/lib/format';
import { periodLabel } from '@/lib/reference/periods';
import { flattenReportData, emptyReportData } from '@/lib/reports/data';
import { isLate } from '@/lib/reports/status';
import { getDb } from '@/lib/platform/db';
import { getReportView } from '@/lib/reports/store';
import { requireUser } from '@/lib/http/session';
import { entersReports } from '@/lib/permissions';
import {
  approveReportAction,
  confirmReportUploadAction,
  previewReportUploadAction,
  reopenReportAction,
  returnReportAction,
  saveReportDraftAction,
  submitReportAction,
} from './actions';
import { EmptyState } from '@/components/ui/card';

export const metadata: Metadata = { title: 'Báo cáo' };

type Props = { params: Promise<{ province: string; period: string }> };

export default async function ReportPage({ params }: Props) {
  const [{ province: provinceCode, period: periodCode }, user] = await Promise.all([params, requireUser()]);
  const view = await getReportView(getDb(), user, { provinceCode, periodCode }).catch((error: unknown) => {
    if (error instanceof UserFacingError && error.code === 'FORBIDDEN') forbidden();
    if (error instanceof UserFacingError && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  const { report, allowed } = view;
  const ref = { provinceCode: view.province.code, periodCode: view.period.code, version: report?.version ?? 0 };
  const previous = view.previous ? { label: periodLabel(view.previous.periodCode), data: view.previous.data } : null;
  const late = report?.submittedAt ? isLate(report.submittedAt, view.period.deadline) : false;
  const back = entersReports(user) ? '/tinh' : null;

  return (
    <article className="space-y-5">
      <header className="space-y-2">
        {back ? (
          <Link href={back} className="text-sm text-brand-700 hover:underline">
            ← Báo cáo của tỉnh
          </Link>
        ) : null}
        <h1 className="text-2xl font-bold">
          Báo cáo {periodLabel(view.period.code)} – {view.province.name}
        </h1>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-700">
          <span data-testid="report-status">
            <StatusBadge status={report?.status ?? null} />
          </span>
          <span>Hạn nộp: {formatDate(view.period.deadline)}</span>
          {view.period.locked ? <span className="font-medium text-slate-900">Kỳ đã khoá sổ</span> : null}
          {report?.submittedAt ? (
            <span>
              Gửi lúc {formatDateTime(report.submittedAt)} {late ? <strong className="text-red-700">(nộp muộn)</strong> : <span className="text-emerald-700">(đúng hạn)</span>}
            </span>
          ) : null}
          {report ? <span className="text-slate-500">Phiên bản {report.version}</span> : null}
        </div>
        <p>
          <a
            href={`/bao-cao/${view.province.code}/${view.period.code}/excel`}
            download
            className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline"
            data-testid="download-workbook"
          >
            Tải báo cáo dạng Excel{allowed.EDIT.allowed ? ' (mẫu để nhập số liệu)' : ''}
          </a>
        </p>
      </header>

      {view.returnComment ? (
        <div role="note" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900" data-testid="return-comment">
          <strong>Cụm trưởng đã trả lại báo cáo:</strong> {view.returnComment}
        </div>
      ) : null}

      {allowed.EDIT.allowed ? (
        <WorkbookUpload
          provinceCode={ref.provinceCode}
          periodCode={ref.periodCode}
          previewAction={previewReportUploadAction}
          confirmAction={confirmReportUploadAction}
        />
      ) : null}

      {allowed.EDIT.allowed ? (
        <ReportForm
          provinceCode={ref.provinceCode}
          periodCode={ref.periodCode}
          version={ref.version}
          initial={flattenReportData(view.data ?? emptyReportData())}
          previous={previous ? { label: previous.label, values: flattenReportData(previous.data) } : null}
          explanations={report?.warningExplanations ?? {}}
          saveAction={saveReportDraftAction}
          submitAction={submitReportAction}
        />
      ) : (
        <>
          {entersReports(user) && allowed.EDIT.reason ? (
            <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-700" data-testid="edit-refusal">
              Không thể sửa: {allowed.EDIT.reason}
            </p>
          ) : null}
          {(allowed.APPROVE.allowed || allowed.RETURN.allowed || allowed.REOPEN.allowed) && report ? (
            <section aria-labelledby="review" className="grid gap-4 rounded-lg border border-brand-100 bg-brand-50 p-4 sm:grid-cols-2">
              <h2 id="review" className="text-lg font-semibold sm:col-span-2">
                Xem xét báo cáo
              </h2>
              {allowed.APPROVE.allowed ? <ApproveForm action={approveReportAction} r={ref} /> : null}
              {allowed.RETURN.allowed ? <CommentForm action={returnReportAction} r={ref} kind="return" /> : null}
              {allowed.REOPEN.allowed ? <CommentForm action={reopenReportAction} r={ref} kind="reopen" /> : null}
            </section>
          ) : null}
          {view.data ? (
            <ReportView data={view.data} previous={previous} check={view.check} explanations={report?.warningExplanations ?? {}} />
          ) : (
            <EmptyState>Tỉnh chưa bắt đầu báo cáo kỳ này.</EmptyState>
          )}
        </>
      )}

      <section aria-labelledby="history" className="space-y-2">
        <h2 id="history" className="text-lg font-semibold">
          Lịch sử báo cáo
        </h2>
        <ReportHistory entries={view.history} />
      </section>
    </article>
  );
}
