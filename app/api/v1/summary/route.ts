import { forbidden, notFound } from '@/lib/errors';
import { canReadNational } from '@/lib/permissions';
import { periodLabel } from '@/lib/reference/periods';
import { defineApiRoute } from '@/lib/http/api';
import { getCachedNationalSummary } from '@/lib/dashboards/summary-cache';
import { nationalSummaryJson } from '@/lib/http/summary-json';
import { parseQuery, SummaryQuerySchema } from '@/lib/http/summary-query';

const NationalQuerySchema = SummaryQuerySchema.omit({ view: true });

/** Every cluster side by side and the national totals: ?period=2022S1[&approvedOnly=true]. Central association and administrators. */
export const GET = defineApiRoute({
  run: async ({ db, user, request, now }) => {
    if (!canReadNational(user)) {
      throw forbidden('Số liệu toàn quốc chỉ dành cho Trung ương Hội và quản trị viên.');
    }
    const query = parseQuery(request, NationalQuerySchema);
    const summary = await getCachedNationalSummary(db, { periodCode: query.period, approvedOnly: query.approvedOnly, now });
    if (!summary) throw notFound(`Không có kỳ báo cáo ${query.period} (${periodLabel(query.period)}).`);
    return nationalSummaryJson(summary);
  },
});
