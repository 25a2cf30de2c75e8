import { z } from 'zod';
import { defineApiRoute, VersionSchema } from '@/lib/http/api';
import { submitReport } from '@/lib/reports/store';

export const POST = defineApiRoute({
  params: ['code', 'period'],
  body: z.object({
    version: VersionSchema,
    /** Why each warning is acceptable, keyed by the rule id from `validation.warnings`. */
    explanations: z
      .record(z.string(), z.string({ error: 'Giải trình phải là văn bản.' }).max(2000, 'Giải trình tối đa 2.000 ký tự.'), {
        error: 'Giải trình phải là một đối tượng { "mã quy tắc": "nội dung" }.',
      })
      .optional(),
  }),
  versionFromIfMatch: true,
  run: ({ db, user, params, input, now }) =>
    submitReport(db, user, { provinceCode: params.code, periodCode: params.period, ...input }, now),
  headers: (r) => ({ ETag: `"${r.version}"` }),
});
