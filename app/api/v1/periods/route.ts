import { listPeriods } from '@/lib/reference/clusters';
import { defineApiRoute } from '@/lib/http/api';
import { canManageReferenceData } from '@/lib/permissions';
import { createPeriodsOfYear, listPeriodsForAdmin, periodJson } from '@/lib/reference/period-admin';
import { PeriodsCreateBody } from '@/lib/reference/period-schemas';
import { periodLabel } from '@/lib/reference/periods';

/**
 * Every reporting period, newest first: the codes the other routes take. Any signed-in account;
 * administrators also see each period's extensions of its deadline, by province.
 */
export const GET = defineApiRoute({
  run: async ({ db, user, now }) => {
    if (canManageReferenceData(user)) return { periods: (await listPeriodsForAdmin(db, user, now)).periods.map(periodJson) };
    return {
      periods: (await listPeriods(db)).map((p) => ({
        code: p.code,
        label: periodLabel(p.code),
        start: p.startDate.toISOString().slice(0, 10),
        end: p.endDate.toISOString().slice(0, 10),
        deadline: p.deadline.toISOString(),
        locked: p.locked,
      })),
    };
  },
});

/** Creates a year's two periods with their default dates and deadlines (administrators). */
export const POST = defineApiRoute({
  body: PeriodsCreateBody,
  run: async ({ db, user, input, now }) => ({ periods: (await createPeriodsOfYear(db, user, input, now)).map(periodJson) }),
});
