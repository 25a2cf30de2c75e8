import { defineApiRoute } from '@/lib/http/api';
import { periodJson, updatePeriod } from '@/lib/reference/period-admin';
import { PeriodPatchBody } from '@/lib/reference/period-schemas';

/** Moves a period's deadline, locks or unlocks it (administrators). */
export const PATCH = defineApiRoute({
  params: ['code'],
  body: PeriodPatchBody,
  run: async ({ db, user, params, input, now }) => ({ period: periodJson(await updatePeriod(db, user, { period: params.code, ...input }, now)) }),
});
