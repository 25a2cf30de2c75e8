import { canOpenClusterPages, canViewCluster } from '@/lib/permissions';
import { forbidden, notFound } from '@/lib/errors';
import { periodLabel } from '@/lib/reference/periods';
import { defineApiRoute } from '@/lib/http/api';
import { findClusterByCode } from '@/lib/reference/clusters';
import { getClusterSummary } from '@/lib/dashboards/cluster-summary';
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
    const cluster = await findClusterByCode(db, params.code);
    if (!cluster) throw notFound(`Không có cụm ${params.code}.`);
    if (!canViewCluster(user, cluster.id)) {
      throw forbidden(
        !canOpenClusterPages(user)
          ? 'Số liệu tổng hợp của cụm chỉ dành cho cụm trưởng, Trung ương Hội và quản trị viên.'
          : 'Cụm này nằm ngoài phạm vi tài khoản của bạn.',
      );
    }
    const query = parseQuery(request, SummaryQuerySchema);
    const summary = await getClusterSummary(db, {
      clusterCode: cluster.code,
      periodCode: query.period,
      approvedOnly: query.approvedOnly,
      view: query.view,
      now,
    });
    if (!summary) throw notFound(`Không có kỳ báo cáo ${query.period} (${periodLabel(query.period)}).`);
    return clusterSummaryJson(summary);
  },
});
