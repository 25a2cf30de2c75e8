import type { Metadata } from 'next';
import Link from 'next/link';
import { DashboardControls } from '@/components/dashboard/dashboard-controls';
import { ExportLinks } from '@/components/dashboard/export-links';
import { dashboardSearch, parseDashboardQuery } from '@/lib/dashboards/query';
import { LEARNING_MODELS, LEARNING_MODEL_LABELS } from '@/lib/domain';
import { formatInteger, formatPercent, formatVnd } from '@/lib/format';
import { periodLabel } from '@/lib/reference/periods';
import { listPeriods } from '@/lib/reference/clusters';
import { getDb } from '@/lib/platform/db';
import { ensure, requireUser } from '@/lib/http/session';
import { canReadNational } from '@/lib/permissions';
import { getNationalSummary } from '@/lib/dashboards/summary';
import { notFound } from 'next/navigation';

export const metadata: Metadata = { title: 'Tổng hợp toàn quốc' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The central association's view: every cluster side by side and the national totals, with a drill-down. */
export default async function NationalPage({ searchParams }: Props) {
  const [query, user] = await Promise.all([searchParams, requireUser()]);
  ensure(canReadNational(user));
  const db = getDb();
  const periodRows = await listPeriods(db);
  const parsed = parseDashboardQuery(query);
  // The latest period whose deadline has passed is the one with the fullest picture.
  const now = new Date();
  const periodCode = parsed.periodCode ?? periodRows.find((p) => p.deadline < now)?.code ?? periodRows[0]?.code;
  if (!periodCode) notFound();
  const n = await getNationalSummary(db, { periodCode, approvedOnly: parsed.approvedOnly });
  if (!n) notFound();
  const q = { ...parsed, year: null, periodCode };

  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Tổng hợp toàn quốc</h1>
        <p className="mt-1 text-slate-600">{periodLabel(periodCode)}</p>
      </div>
      <DashboardControls q={q} periods={periodRows.map((p) => ({ code: p.code, label: periodLabel(p.code) }))} years={[]} showView={false} />

      <dl className="grid gap-3 sm:grid-cols-3">
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <dt className="text-sm text-slate-600">Tỉnh đã gửi báo cáo</dt>
          <dd className="tabular mt-1 text-2xl font-bold" data-testid="national-reported">
            {n.totals.completeness.inReview} / {n.totals.completeness.expected}
          </dd>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <dt className="text-sm text-slate-600">Tỷ lệ đăng ký gia đình học tập cả nước</dt>
          <dd className="tabular mt-1 text-2xl font-bold" data-testid="national-family-rate">
            {formatPercent(n.totals.models.FAMILY.registrationRate)}
          </dd>
          <dd className="tabular text-xs text-slate-600">
            {formatInteger(n.totals.models.FAMILY.registered)} / {formatInteger(n.totals.models.FAMILY.total)} hộ
          </dd>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <dt className="text-sm text-slate-600">Quỹ khuyến học vận động</dt>
          <dd className="tabular mt-1 text-2xl font-bold">{formatVnd(n.totals.fund.mobilised)}</dd>
        </div>
      </dl>

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="national-table">
          <caption className="sr-only">Các cụm: tỷ lệ đăng ký Σ/Σ theo mô hình và tình hình nộp báo cáo</caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className="sticky left-0 bg-slate-50 px-3 py-2 text-left font-semibold">Cụm</th>
              <th scope="col" className="px-3 py-2 text-right font-semibold">Đã gửi</th>
              {LEARNING_MODELS.map((m) => (
                <th key={m} scope="col" className="px-3 py-2 text-right font-semibold">
                  {LEARNING_MODEL_LABELS[m]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {n.clusters.length === 0 ? (
              <tr>
                <td colSpan={2 + LEARNING_MODELS.length} className="px-3 py-6 text-center text-slate-500">
                  Chưa có cụm nào.
                </td>
              </tr>
            ) : (
              n.clusters.map((c) => (
                <tr key={c.cluster.code} data-testid={`national-row-${c.cluster.code}`}>
                  <th scope="row" className="sticky left-0 bg-white px-3 py-2 text-left font-medium whitespace-nowrap">
                    <Link href={`/cum/${c.cluster.code}${dashboardSearch(q)}`} className="text-brand-700 hover:underline">
                      {c.cluster.name}
                    </Link>
                  </th>
                  <td className="tabular px-3 py-2 text-right whitespace-nowrap">
                    {c.completeness.inReview} / {c.completeness.expected}
                  </td>
                  {LEARNING_MODELS.map((m) => (
                    <td key={m} className="px-3 py-2 text-right whitespace-nowrap">
                      <span className="tabular block font-semibold">{formatPercent(c.models[m].registrationRate)}</span>
                      <span className="tabular block text-xs text-slate-500">
                        {formatInteger(c.models[m].registered)} / {formatInteger(c.models[m].total)}
                        {c.models[m].rank !== null ? ` · hạng ${c.models[m].rank}` : ''}
                      </span>
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <ExportLinks
        files={[
          { label: 'Các cụm', path: '/trung-uong/xuat/cac-cum' },
          { label: 'Mục tiêu quốc gia', path: '/trung-uong/xuat/muc-tieu' },
        ]}
        search={dashboardSearch(q)}
        label="Tải về"
        className="print:hidden"
      />
      <ul className="list-disc space-y-1 pl-5 text-xs text-slate-600">
        {n.rules.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </section>
  );
}
