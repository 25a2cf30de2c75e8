import { z } from 'zod';
import { defineApiRoute } from '@/lib/http/api';
import { VersionSchema } from '@/lib/reports/action-schemas';
import { returnReport } from '@/lib/reports/store';

// The comment is required; returnReport refuses a blank one with the same message as the form.
export const POST = defineApiRoute({
  params: ['code', 'period'],
  body: z.object({ version: VersionSchema, comment: z.string({ error: 'Lý do phải là văn bản.' }).optional() }),
  versionFromIfMatch: true,
  run: ({ db, user, params, input, now }) =>
    returnReport(db, user, { provinceCode: params.code, periodCode: params.period, ...input }, now),
  headers: (r) => ({ ETag: `"${r.version}"` }),
});
