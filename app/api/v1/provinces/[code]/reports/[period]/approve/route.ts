import { z } from 'zod';
import { defineApiRoute } from '@/lib/http/api';
import { VersionSchema } from '@/lib/reports/action-schemas';
import { approveReport } from '@/lib/reports/store';

export const POST = defineApiRoute({
  params: ['code', 'period'],
  body: z.object({ version: VersionSchema }),
  versionFromIfMatch: true,
  run: ({ db, user, params, input, now }) =>
    approveReport(db, user, { provinceCode: params.code, periodCode: params.period, version: input.version }, now),
  headers: (r) => ({ ETag: `"${r.version}"` }),
});
