import { UserFacingError } from '@/lib/errors';
import { targetsInForce } from '@/lib/dashboards/targets';
import { defineApiRoute } from '@/lib/http/api';
import { addDecisionTargets, listTargets } from '@/lib/reference/target-admin';
import { DaySchema, NewDecisionApiSchema, targetJson } from '@/lib/reference/target-schemas';

/**
 * The national targets, any signed-in account: every target, or with ?on=YYYY-MM-DD those the
 * dashboards measure against on that day (the latest decision in force for each model).
 */
export const GET = defineApiRoute({
  run: async ({ db, request }) => {
    const on = new URL(request.url).searchParams.get('on');
    const day = on === null ? null : DaySchema.safeParse(on);
    if (day && !day.success) throw new UserFacingError(day.error.issues[0].message, { on: [day.error.issues[0].message] });
    const targets = await listTargets(db);
    return { targets: (day ? targetsInForce(targets, day.data) : targets).map(targetJson) };
  },
});

/** Adds a decision and its targets (administrators). */
export const POST = defineApiRoute({
  body: NewDecisionApiSchema,
  run: async ({ db, user, input, now }) => ({ targets: (await addDecisionTargets(db, user, input, now)).map(targetJson) }),
});
