import { z } from 'zod';
import { reportDataToJson, ReportDataSchema } from '@/lib/reports/data';
import { REPORT_ACTIONS } from '@/lib/reports/status';
import { defineApiRoute } from '@/lib/http/api';
import { VersionSchema } from '@/lib/reports/action-schemas';
import { getReportView, saveReportDraft, type ReportView } from '@/lib/reports/store';
import type { RuleResult } from '@/lib/reports/rules';

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const ruleJson = (r: RuleResult) => ({ rule: r.rule.id, message: r.message, fields: r.rule.fields });

/** The report as the API shows it: figures as JSON numbers, flags and checks computed by the server. */
function viewJson(view: ReportView) {
  return {
    province: { code: view.province.code, name: view.province.name },
    period: {
      code: view.period.code,
      start: isoDate(view.period.startDate),
      end: isoDate(view.period.endDate),
      deadline: view.period.deadline.toISOString(),
      locked: view.period.locked,
    },
    report:
      view.report && view.data
        ? {
            status: view.report.status,
            version: view.report.version,
            submittedAt: view.report.submittedAt?.toISOString() ?? null,
            approvedAt: view.report.approvedAt?.toISOString() ?? null,
            updatedAt: view.report.updatedAt.toISOString(),
            returnComment: view.returnComment,
            explanations: view.report.warningExplanations,
            data: reportDataToJson(view.data),
          }
        : null,
    allowedActions: Object.fromEntries(REPORT_ACTIONS.map((a) => [a, view.allowed[a].allowed])),
    validation: view.check && {
      missing: view.check.missing,
      blocking: view.check.blocking.map(ruleJson),
      warnings: view.check.warnings.map(ruleJson),
    },
  };
}

export const GET = defineApiRoute({
  params: ['code', 'period'],
  run: async ({ db, user, params, now }) =>
    viewJson(await getReportView(db, user, { provinceCode: params.code, periodCode: params.period }, now)),
  headers: (view): Record<string, string> => (view.report ? { ETag: `"${view.report.version}"` } : {}),
});

export const PUT = defineApiRoute({
  params: ['code', 'period'],
  body: z.object({ version: VersionSchema, data: ReportDataSchema }),
  versionFromIfMatch: true,
  // Figures are named by their catalogue path ("models.FAMILY.total"), as in the
  // submission's rule errors, not by their place in this body ("data.models…").
  fieldPath: (path) => (path[0] === 'data' && path.length > 1 ? path.slice(1) : path).map(String).join('.'),
  run: ({ db, user, params, input, now }) =>
    saveReportDraft(db, user, { provinceCode: params.code, periodCode: params.period, version: input.version, data: input.data }, now),
  headers: (saved) => ({ ETag: `"${saved.version}"` }),
});
