import 'server-only';
import { notFound } from 'next/navigation';
import { canSeeEveryProvince, canViewCluster, type SessionUser } from '@/lib/permissions';
import type { ModelTotal } from '@/lib/dashboards/aggregation';
import type { DashboardRow } from '@/lib/dashboards/tables';
import type { LearningModel } from '@/lib/domain';
import { parseDashboardQuery, type DashboardQuery } from '@/lib/dashboards/query';
import { periodLabel } from '@/lib/reference/periods';
import { getDb } from '@/lib/platform/db';
import { ensure } from '@/lib/http/session';
import type { ClusterSpanSummary, ClusterSummary } from '@/lib/dashboards/cluster-summary';
import {
  cachedLatestReportedPeriodCode,
  findCachedClusterByCode,
  getCachedClusterSpanSummary,
  getCachedClusterSummary,
  getCachedClusterTrend,
  listCachedPeriods,
  readDataVersion,
  type DataVersion,
} from '@/lib/dashboards/summary-cache';

export type DashboardProvinceRow = DashboardRow & {
  href: string | null;
  submittedAt: Date | null;
  /** The first submission, on which `onTime` is measured. */
  firstSubmittedAt: Date | null;
  /** The province's deadline (the period's, or its extension); null in a year view. */
  deadline: Date | null;
  onTime: boolean | null;
  complete: boolean;
};

export type ClusterDashboard = {
  cluster: { id: string; code: string; name: string };
  periods: { code: string; label: string }[];
  years: number[];
  q: DashboardQuery & { periodCode: string };
  /** "6 tháng đầu năm 2022" or "Năm 2022". */
  label: string;
  previousLabel: string | null;
  rows: DashboardProvinceRow[];
  totals: DashboardRow & { models: Record<LearningModel, ModelTotal> };
  summary: ClusterSummary | null;
  span: ClusterSpanSummary | null;
  rules: string[];
  /** The version of the data the dashboard was read at: its other parts (the trend) are read at the same. */
  version: DataVersion;
};

/**
 * What every cluster page starts with: the cluster (refused outside the
 * user's scope, the same way whether or not it exists), the periods, the
 * user's choices from the URL, and the cluster's figures for them.
 */
export async function loadClusterDashboard(
  user: SessionUser,
  code: string,
  params: Record<string, string | string[] | undefined>,
): Promise<ClusterDashboard> {
  const db = getDb();
  // One reading of the data version for every part of the page (lib/dashboards/summary-cache.ts).
  const version = await readDataVersion(db);
  const cluster = await findCachedClusterByCode(db, code, { version });
  if (!cluster) {
    ensure(canSeeEveryProvince(user));
    notFound();
  }
  ensure(canViewCluster(user, cluster.id));

  const parsed = parseDashboardQuery(params);
  const periodRows = await listCachedPeriods(db, { version });
  const periods = periodRows.map((p) => ({ code: p.code, label: periodLabel(p.code) }));
  const years = [...new Set(periodRows.map((p) => Number(p.code.slice(0, 4))))];
  const periodCode = parsed.periodCode ?? (await cachedLatestReportedPeriodCode(db, cluster.id, { version })) ?? periods[0]?.code;
  if (!periodCode) notFound();
  const q = { ...parsed, periodCode };
  const base = { cluster: { id: cluster.id, code: cluster.code, name: cluster.name }, periods, years, q, version };

  if (q.year !== null) {
    const span = await getCachedClusterSpanSummary(db, { clusterCode: cluster.code, from: `${q.year}S1`, to: `${q.year}S2`, approvedOnly: q.approvedOnly, view: q.view, version });
    if (!span) notFound();
    return {
      ...base,
      label: `Năm ${q.year}`,
      previousLabel: `Năm ${q.year - 1}`,
      rows: span.provinces.map((p) => ({ ...p, status: undefined, href: null, submittedAt: null, firstSubmittedAt: null, deadline: null, onTime: null })),
      totals: { code: '', name: 'Toàn cụm', ...span.totals },
      summary: null,
      span,
      rules: span.rules,
    };
  }

  const summary = await getCachedClusterSummary(db, { clusterCode: cluster.code, periodCode, approvedOnly: q.approvedOnly, view: q.view, version });
  if (!summary) notFound();
  return {
    ...base,
    label: periodLabel(periodCode),
    previousLabel: summary.previousPeriod ? periodLabel(summary.previousPeriod) : null,
    rows: summary.provinces.map((p) => ({
      ...p,
      // A row that adds up several provinces has no single report to open.
      href: p.mergedFrom.length === 0 && p.status !== null ? `/bao-cao/${p.code}/${periodCode}` : null,
    })),
    totals: { code: '', name: 'Toàn cụm', ...summary.totals },
    summary,
    span: null,
    rules: summary.rules,
  };
}

/** The cluster's rates period by period, for the dashboard's trend chart, in the dashboard's choices. */
export function loadClusterTrend(d: Pick<ClusterDashboard, 'cluster' | 'q' | 'version'>) {
  return getCachedClusterTrend(getDb(), { clusterCode: d.cluster.code, approvedOnly: d.q.approvedOnly, version: d.version });
}
