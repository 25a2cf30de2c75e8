import { canOpenClusterPages, canViewCluster } from '@/lib/permissions';
import { forbidden, notFound } from '@/lib/errors';
import { periodLabel } from '@/lib/reference/periods';
import { defineApiRoute } from '@/lib/http/api';
import { findCachedClusterByCode, getCachedClusterSummary, readDataVersion } from '@/lib/dashboards/summary-cache';
import { clusterSummaryJson } from '@/lib/http/summary-json';
import { parseQuery, SummaryQuerySchema } from '@/lib/http/summary-query';

/**
 * A cluster's figures for one period: ?period=2022S1[&approvedOnly=true][&view=current].
 * Its leaders, the central association and administrators; province staff and leaders of
 * another cluster are refused (403).
 */
export const GET = defineApiRoute({
  params: ['code'],
  run: async ({ db, user, params, request, now }) => {
    // One reading of the data version for both the cluster and its summary.
    const version = await readDataVersion(db, now);
    const cluster = await findCachedClusterByCode(db, params.code, { version });
    if (!cluster) throw notFound(`Không có cụm ${params.code}.`);
    if (!canViewCluster(user, cluster.id)) {
      throw forbidden(
        !canOpenClusterPages(user)
          ? 'Số liệu tổng hợp của cụm chỉ dành cho cụm trưởng, Trung ương Hội và quản trị viên.'
          : 'Cụm này nằm ngoài phạm vi tài khoản của bạn.',
      );
    }
    const query = parseQuery(request, SummaryQuerySchema);
    const summary = await getCachedClusterSummary(db, {
      clusterCode: cluster.code,
      periodCode: query.period,
      approvedOnly: query.approvedOnly,
      view: query.view,
      version,
    });
    if (!summary) throw notFound(`Không có kỳ báo cáo ${query.period} (${periodLabel(query.period)}).`);
    return clusterSummaryJson(summary);
  },
});
