import { listPeriods } from '@/lib/reference/clusters';
import { defineApiRoute } from '@/lib/http/api';
import { periodLabel } from '@/lib/reference/periods';

/** Every reporting period, newest first: the codes the other routes take. Any signed-in account. */
export const GET = defineApiRoute({
  run: async ({ db }) => ({
    periods: (await listPeriods(db)).map((p) => ({
      code: p.code,
      label: periodLabel(p.code),
      start: p.startDate.toISOString().slice(0, 10),
      end: p.endDate.toISOString().slice(0, 10),
      deadline: p.deadline.toISOString(),
      locked: p.locked,
    })),
  }),
});
