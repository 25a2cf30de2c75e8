import { z } from 'zod';
import { defineApiRoute } from '@/lib/http/api';
import { VersionSchema } from '@/lib/reports/action-schemas';
import { reopenReport } from '@/lib/reports/store';

// The comment is required; reopenReport refuses a blank one with the same message as the form.
export const POST = defineApiRoute({
  params: ['code', 'period'],
  body: z.object({ version: VersionSchema, comment: z.string({ error: 'Lý do phải là văn bản.' }).optional() }),
  versionFromIfMatch: true,
  run: ({ db, user, params, input, now }) =>
    reopenReport(db, user, { provinceCode: params.code, periodCode: params.period, ...input }, now),
  headers: (r) => ({ ETag: `"${r.version}"` }),
});
