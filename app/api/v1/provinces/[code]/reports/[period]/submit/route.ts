import { z } from 'zod';
import { defineApiRoute } from '@/lib/http/api';
import { ExplanationsSchema, VersionSchema } from '@/lib/reports/action-schemas';
import { submitReport } from '@/lib/reports/store';

export const POST = defineApiRoute({
  params: ['code', 'period'],
  body: z.object({
    version: VersionSchema,
    /** Why each warning is acceptable, keyed by the rule id from `validation.warnings`. */
    explanations: ExplanationsSchema.optional(),
  }),
  versionFromIfMatch: true,
  run: ({ db, user, params, input, now }) =>
    submitReport(db, user, { provinceCode: params.code, periodCode: params.period, ...input }, now),
  headers: (r) => ({ ETag: `"${r.version}"` }),
});
