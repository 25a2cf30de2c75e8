import { defineApiRoute } from '@/lib/http/api';
import { updateTarget } from '@/lib/reference/target-admin';
import { TargetChangesApiSchema, targetJson } from '@/lib/reference/target-schemas';

/** Changes one target's rate, text, source or dates, or ends it with `validTo` (administrators). */
export const PATCH = defineApiRoute({
  params: ['id'],
  body: TargetChangesApiSchema,
  run: async ({ db, user, params, input, now }) => {
    const { target, changed } = await updateTarget(db, user, params.id, input, now);
    return { target: targetJson(target), changed };
  },
});
