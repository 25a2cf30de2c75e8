import type { Metadata } from 'next';
import Link from 'next/link';
import { ClusterTabs } from '@/components/cluster/cluster-tabs';
import { OverviewTable } from '@/components/cluster/overview-table';
import { DashboardControls } from '@/components/dashboard/dashboard-controls';
import { ExportLinks } from '@/components/dashboard/export-links';
import { AwardsSummary, FundTable } from '@/components/dashboard/money-tables';
import { RateBarChart } from '@/components/dashboard/rate-bar-chart';
import { TargetsPanel } from '@/components/dashboard/targets-panel';
import { TrendChart } from '@/components/dashboard/trend-chart';
import { dashboardSearch } from '@/lib/dashboards/query';
import { DASHBOARD_TABLE_LABELS, type DashboardTableKey } from '@/lib/dashboards/tables';
import { LEARNING_MODELS, LEARNING_MODEL_LABELS, NO_DATA_LABEL } from '@/lib/domain';
import { formatDate, formatInteger, formatPercent, formatVnd } from '@/lib/format';
import { periodShortLabel } from '@/lib/reference/periods';
import { requireUser } from '@/lib/http/session';
import { loadClusterDashboard, loadClusterTrend } from '../../../../lib/dashboards/cluster-dashboard';
import { Card } from '@/components/ui/card';
import { NoteList } from '@/components/ui/note-list';

export const metadata: Metadata = { title: 'Tổng quan cụm' };

type Props = {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function ClusterDashboardPage({ params, searchParams }: Props) {
  const [{ code }, query, user] = await Promise.all([params, searchParams, requireUser()]);
  const d = await loadClusterDashboard(user, code, query);
  const trend = await loadClusterTrend(d);
  const model = d.q.model;
  const search = dashboardSearch(d.q);
  const familyTotal = d.totals.models.FAMILY;
  const c = d.summary?.completeness;
  const clusterTarget = d.summary?.targets.find((t) => t.target.model === model && t.measured) ?? d.span?.targets.find((t) => t.target.model === model && t.measured);

  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{d.cluster.name}</h1>
        <p className="mt-1 text-slate-600">
          {d.label}
          {d.summary ? ` · hạn nộp ${formatDate(d.summary.period.deadline)}` : ''}
          {d.summary?.leader ? ` · Cụm trưởng: ${d.summary.leader.name}, nhiệm kỳ ${d.summary.leader.termLabel}` : ''}
        </p>
      </div>
      <DashboardControls q={d.q} periods={d.periods} years={d.years} />
      <ClusterTabs code={d.cluster.code} periodCode={d.q.periodCode} current="overview" />

      <dl className="grid gap-3 sm:grid-cols-3">
        {c ? (
          <Card>
            <dt className="text-sm text-slate-600">Tỉnh đã gửi báo cáo</dt>
            <dd className="tabular mt-1 text-2xl font-bold" data-testid="reported-count">
              {c.inReview} / {c.expected}
            </dd>
            <dd className="text-xs text-slate-600">
              đã duyệt {c.approved} · đúng hạn {c.onTime} · muộn {c.late}
            </dd>
          </Card>
        ) : null}
        <Card>
          <dt className="text-sm text-slate-600">Tỷ lệ đăng ký gia đình học tập toàn cụm</dt>
          <dd className="tabular mt-1 text-2xl font-bold" data-testid="cluster-family-rate">
            {formatPercent(familyTotal.registrationRate)}
          </dd>
          <dd className="tabular text-xs text-slate-600">
            {familyTotal.total ? `${formatInteger(familyTotal.registered)} / ${formatInteger(familyTotal.total)} hộ` : 'Chưa có báo cáo nào có số hộ gia đình.'}
          </dd>
        </Card>
        <Card>
          <dt className="text-sm text-slate-600">Quỹ khuyến học vận động</dt>
          <dd className="tabular mt-1 text-2xl font-bold" data-testid="cluster-mobilised">
            {d.totals.fund.mobilised === null ? NO_DATA_LABEL : formatVnd(d.totals.fund.mobilised)}
          </dd>
          <dd className="tabular text-xs text-slate-600">
            {d.totals.fund.mobilised === null ? 'Chưa có báo cáo nào có số liệu quỹ.' : `đã chi ${d.totals.fund.spent === null ? NO_DATA_LABEL : formatVnd(d.totals.fund.spent)}`}
          </dd>
        </Card>
      </dl>

      <section aria-labelledby="rates-heading" className="space-y-2">
        <h2 id="rates-heading" className="text-lg font-semibold">
          Tỷ lệ đăng ký danh hiệu theo tỉnh
        </h2>
        <OverviewTable rows={d.rows} totals={d.totals.models} />
        <p className="text-xs text-slate-500">
          Mỗi ô: tỷ lệ đăng ký; số đã đăng ký / tổng số; thay đổi so với {d.previousLabel ?? 'kỳ trước'} (điểm %) và xếp hạng trong cụm.
        </p>
      </section>

      <section aria-labelledby="charts-heading" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="charts-heading" className="text-lg font-semibold">
            Biểu đồ
          </h2>
          <nav aria-label="Chọn mô hình cho biểu đồ" className="flex flex-wrap gap-1 text-sm print:hidden">
            {LEARNING_MODELS.map((m) => (
              <Link
                key={m}
                href={`/cum/${d.cluster.code}${dashboardSearch({ ...d.q, model: m })}`}
                aria-current={m === model ? 'true' : undefined}
                className={`rounded-full px-3 py-1 ring-1 ring-inset ${m === model ? 'bg-brand-700 text-white ring-brand-700' : 'text-slate-700 ring-slate-300 hover:bg-slate-50'}`}
              >
                {LEARNING_MODEL_LABELS[m]}
              </Link>
            ))}
          </nav>
        </div>
        {/* Two charts side by side only where each is wide enough for its text at full size. */}
        <div className="grid gap-4 xl:grid-cols-2">
          <Card padding="sm">
            <RateBarChart
              title={`${LEARNING_MODEL_LABELS[model]}: tỷ lệ ${clusterTarget?.target.metric === 'RECOGNITION' ? 'đạt danh hiệu' : 'đăng ký'} theo tỉnh`}
              bars={[...d.rows, { ...d.totals, name: 'Toàn cụm' }].map((r) => {
                const cell = r.models[model];
                const recognition = clusterTarget?.target.metric === 'RECOGNITION';
                return { label: r.name, rate: recognition ? cell.recognitionRate : cell.registrationRate };
              })}
              target={clusterTarget ? { rate: clusterTarget.targetRate, label: `Mục tiêu ${formatPercent(clusterTarget.targetRate)} (${clusterTarget.target.decision})` } : undefined}
            />
          </Card>
          <Card padding="sm">
            {trend ? (
              <TrendChart
                title="Tỷ lệ đăng ký toàn cụm qua các kỳ"
                periods={trend.points.map((p) => periodShortLabel(p.periodCode))}
                series={LEARNING_MODELS.map((m) => ({ label: LEARNING_MODEL_LABELS[m], points: trend.points.map((p) => p.models[m].registrationRate) }))}
              />
            ) : null}
          </Card>
        </div>
      </section>

      <section aria-labelledby="targets-heading" className="space-y-2">
        <h2 id="targets-heading" className="text-lg font-semibold">
          Tiến độ so với mục tiêu quốc gia
        </h2>
        <TargetsPanel targets={d.summary?.targets ?? d.span?.targets ?? []} />
      </section>

      <section aria-labelledby="fund-heading" className="space-y-2">
        <h2 id="fund-heading" className="text-lg font-semibold">
          Quỹ khuyến học
        </h2>
        <FundTable rows={d.rows} totals={d.totals} />
      </section>

      <section aria-labelledby="awards-heading" className="space-y-2">
        <h2 id="awards-heading" className="text-lg font-semibold">
          Học bổng, hỗ trợ, khen thưởng toàn cụm
        </h2>
        <AwardsSummary totals={d.totals} />
      </section>

      <section aria-labelledby="export-heading" className="space-y-2 print:hidden">
        <h2 id="export-heading" className="text-lg font-semibold">
          Tải về và in
        </h2>
        <ExportLinks
          files={[
            ...(Object.keys(DASHBOARD_TABLE_LABELS) as DashboardTableKey[]).map((t) => ({ label: DASHBOARD_TABLE_LABELS[t], path: `/cum/${d.cluster.code}/xuat/${t}` })),
            { label: 'Mục tiêu quốc gia', path: `/cum/${d.cluster.code}/xuat/muc-tieu` },
          ]}
          search={search}
        >
          <li>
            <Link href={`/cum/${d.cluster.code}/giao-ban${search}`} className="inline-block rounded-md bg-brand-700 px-3 py-1.5 font-semibold text-white hover:bg-brand-800">
              Bản tổng hợp giao ban (in A4)
            </Link>
          </li>
        </ExportLinks>
      </section>

      <NoteList notes={d.rules} />
    </section>
  );
}
