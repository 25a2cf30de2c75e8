import type { Metadata } from 'next';
import { ClusterTabs } from '@/components/cluster/cluster-tabs';
import { OverviewTable } from '@/components/cluster/overview-table';
import { PeriodSelect } from '@/components/cluster/period-select';
import { LEARNING_MODEL_LABELS } from '@/lib/domain';
import { formatDate, formatInteger, formatPercent } from '@/lib/format';
import { registrationRate } from '@/lib/metrics';
import { periodLabel } from '@/lib/periods';
import { requireUser } from '@/lib/server/session';
import { loadClusterPeriod } from './load-cluster';

export const metadata: Metadata = { title: 'Tổng quan cụm' };

type Props = {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function ClusterOverviewPage({ params, searchParams }: Props) {
  const [{ code }, query, user] = await Promise.all([params, searchParams, requireUser()]);
  const { cluster, periods, periodCode, overview } = await loadClusterPeriod(user, code, query);

  const reported = overview?.provinces.filter((p) => p.report !== null).length ?? 0;
  const familyRate = overview ? registrationRate(overview.totals.FAMILY) : null;

  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">{cluster.name}</h1>
          {overview ? (
            <p className="mt-1 text-slate-600">
              {periodLabel(overview.period.code)} · hạn nộp {formatDate(overview.period.deadline)}
              {overview.leader ? ` · Cụm trưởng: ${overview.leader.name} (nhiệm kỳ ${overview.leader.termLabel})` : ''}
            </p>
          ) : null}
        </div>
        {periods.length > 0 && periodCode ? (
          <PeriodSelect periods={periods.map((p) => ({ code: p.code, label: periodLabel(p.code) }))} value={periodCode} />
        ) : null}
      </div>

      <ClusterTabs code={cluster.code} periodCode={periodCode} current="overview" />

      {!overview ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">Chưa có kỳ báo cáo nào.</p>
      ) : (
        <>
          <dl className="grid gap-3 sm:grid-cols-3">
            <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <dt className="text-sm text-slate-600">Tỉnh đã có báo cáo</dt>
              <dd className="tabular mt-1 text-2xl font-bold" data-testid="reported-count">
                {reported} / {overview.provinces.length}
              </dd>
            </div>
            <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:col-span-2">
              <dt className="text-sm text-slate-600">Tỷ lệ đăng ký {LEARNING_MODEL_LABELS.FAMILY.toLowerCase()} toàn cụm</dt>
              <dd className="mt-1">
                <span className="tabular text-2xl font-bold" data-testid="cluster-family-rate">
                  {formatPercent(familyRate)}
                </span>
                <span className="tabular ml-2 text-sm text-slate-600">
                  ({formatInteger(overview.totals.FAMILY.registered)} / {formatInteger(overview.totals.FAMILY.total)} hộ)
                </span>
              </dd>
            </div>
          </dl>
          <div>
            <h2 className="mb-2 text-lg font-semibold">Tỷ lệ đăng ký danh hiệu theo tỉnh</h2>
            <OverviewTable
              rows={overview.provinces.map((p) => ({
                code: p.code,
                name: p.name,
                status: p.report?.status ?? null,
                models: p.models,
                href: p.report ? `/bao-cao/${p.code}/${overview.period.code}` : null,
              }))}
              totals={overview.totals}
            />
            <p className="mt-2 text-xs text-slate-500">
              Tỷ lệ đăng ký = số đã đăng ký / tổng số. Tỷ lệ toàn cụm = tổng số đã đăng ký của các tỉnh / tổng số của các tỉnh (không phải trung bình
              cộng các tỷ lệ).
            </p>
          </div>
        </>
      )}
    </section>
  );
}
