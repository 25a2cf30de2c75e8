import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, notFound } from 'next/navigation';
import { OutcomeNote } from '@/components/report/outcome-note';
import { ReportForm } from '@/components/report/report-form';
import { ReportHistory } from '@/components/report/report-history';
import { ReportView } from '@/components/report/report-view';
import { ApproveForm, CommentForm } from '@/components/report/review-actions';
import { WorkbookUpload } from '@/components/report/workbook-upload';
import { StatusBadge } from '@/components/ui/status-badge';
import { UserFacingError } from '@/lib/errors';
import { formatDate, formatDateTime, formatInteger } from '@/lib/format';
import { periodLabel } from '@/lib/reference/periods';
import { flattenReportData, emptyReportData } from '@/lib/reports/data';
import { getDb } from '@/lib/platform/db';
import { getReportView } from '@/lib/reports/store';
import { OUTCOME_PARAM, outcomeMessage } from '@/lib/reports/report-outcome';
import { requireUser } from '@/lib/http/session';
import { canOpenClusterPages, canViewCluster, entersReports } from '@/lib/permissions';
import { ACTION_REASONS } from '@/lib/reports/status';
import { clustersOfProvinceOn } from '@/lib/reference/clusters';
import { getProvince } from '@/lib/reference/provinces';
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

type Props = {
  params: Promise<{ province: string; period: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function ReportPage({ params, searchParams }: Props) {
  const [{ province: provinceCode, period: periodCode }, query, user] = await Promise.all([params, searchParams, requireUser()]);
  const view = await getReportView(getDb(), user, { provinceCode, periodCode }).catch((error: unknown) => {
    if (error instanceof UserFacingError && error.code === 'FORBIDDEN') forbidden();
    if (error instanceof UserFacingError && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  const { report, allowed } = view;
  const ref = { provinceCode: view.province.code, periodCode: view.period.code, version: report?.version ?? 0 };
  const previous = view.previous ? { label: periodLabel(view.previous.periodCode), data: view.previous.data } : null;
  const back = entersReports(user) ? '/tinh' : null;
  const [clusters, merged] = await Promise.all([
    // Reviewers go back to the dashboard of the cluster the province was in that period.
    canOpenClusterPages(user) ? clustersOfProvinceOn(getDb(), view.province.id, view.period.startDate) : [],
    // Staff of a merged province are told into which province, and since when.
    allowed.EDIT.reason === ACTION_REASONS.PROVINCE_MERGED ? getProvince(getDb(), view.province.id) : null,
  ]);
  const cluster = clusters.find((c) => canViewCluster(user, c.id)) ?? null;
  const linkClass = 'text-brand-700 hover:underline';
  // What the action that brought the user here did (sent, approved…), if the report bears it out.
  const outcome = outcomeMessage(query[OUTCOME_PARAM], report);

  return (
    <article className="space-y-5">
      <header className="space-y-2">
        <nav aria-label="Trang liên quan" className="flex flex-wrap gap-x-4 gap-y-1 text-sm print:hidden">
          {back ? (
            <Link href={back} className={linkClass}>
              ← Báo cáo của tỉnh
            </Link>
          ) : null}
          {cluster ? (
            <>
              <Link href={`/cum/${cluster.code}?ky=${view.period.code}`} className={linkClass}>
                ← Tổng quan {cluster.name}
              </Link>
              <Link href={`/cum/${cluster.code}/bao-cao?ky=${view.period.code}`} className={linkClass}>
                Tình hình nộp và duyệt báo cáo
              </Link>
            </>
          ) : null}
          <Link href={`/lich-su/${view.province.code}`} className={linkClass}>
            Lịch sử số liệu của {view.province.name}
          </Link>
        </nav>
        <h1 className="text-2xl font-bold">
          Báo cáo {periodLabel(view.period.code)} – {view.province.name}
        </h1>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-700">
          <span data-testid="report-status">
            <StatusBadge status={report?.status ?? null} />
          </span>
          <span data-testid="report-deadline">
            Hạn nộp: {formatDate(view.deadline)}
            {view.extension ? <span className="text-slate-500"> (gia hạn cho tỉnh; hạn chung {formatDate(view.period.deadline)})</span> : null}
          </span>
          {view.period.locked ? <span className="font-medium text-slate-900">Kỳ đã khoá sổ</span> : null}
          {report?.firstSubmittedAt ? (
            <span data-testid="report-timeliness">
              Gửi lúc {formatDateTime(report.firstSubmittedAt)}{' '}
              {view.timeliness === 'LATE' ? <strong className="text-red-700">(nộp muộn)</strong> : <span className="text-emerald-700">(đúng hạn)</span>}
              {report.submittedAt && report.submittedAt.getTime() !== report.firstSubmittedAt.getTime() ? (
                <span className="text-slate-500"> · gửi lại lúc {formatDateTime(report.submittedAt)}</span>
              ) : null}
            </span>
          ) : null}
          {/* The version number stays in the API (the stale-save check); staff read when it last changed. */}
          {report ? <span className="text-slate-600">Cập nhật lần cuối {formatDateTime(report.updatedAt)}</span> : null}
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

      {outcome ? <OutcomeNote message={outcome} /> : null}

      {view.extension ? (
        <p role="note" className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-900" data-testid="deadline-extension">
          Hạn nộp của tỉnh được gia hạn đến {formatDateTime(view.deadline)}: {view.extension.reason}
        </p>
      ) : null}

      {view.timeliness === 'OVERDUE' && allowed.SUBMIT.allowed ? (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="overdue-note">
          Đã quá hạn nộp ({formatDateTime(view.deadline)}). Báo cáo vẫn nhập và gửi được cho đến khi kỳ khoá sổ, và sẽ được ghi nhận là nộp muộn.
        </p>
      ) : null}

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
          previousClosing={
            view.previousClosing
              ? { label: periodLabel(view.previousClosing.periodCode), amount: formatInteger(view.previousClosing.amount), mergedFrom: view.previousClosing.mergedFrom }
              : null
          }
          userId={user.id}
          explanations={report?.warningExplanations ?? {}}
          thresholds={view.thresholds}
          saveAction={saveReportDraftAction}
          submitAction={submitReportAction}
        />
      ) : (
        <>
          {entersReports(user) && allowed.EDIT.reason ? (
            <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-700" data-testid="edit-refusal">
              {merged?.successor && merged.validTo
                ? `${merged.name} đã hợp nhất vào ${merged.successor.name} từ ngày ${formatDate(new Date(merged.validTo.getTime() + 86_400_000))}: các báo cáo trước hợp nhất chỉ để xem, không sửa hay gửi được nữa.`
                : `Không thể sửa: ${allowed.EDIT.reason}`}
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
