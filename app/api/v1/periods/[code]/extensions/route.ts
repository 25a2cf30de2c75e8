import { defineApiRoute } from '@/lib/http/api';
import { setDeadlineExtension } from '@/lib/reference/period-admin';
import { ExtensionCreateBody } from '@/lib/reference/period-schemas';

/** Grants a province a later deadline for the period, or changes it, with its reason (administrators). */
export const POST = defineApiRoute({
  params: ['code'],
  body: ExtensionCreateBody,
  run: async ({ db, user, params, input, now }) => {
    const e = await setDeadlineExtension(db, user, { period: params.code, ...input }, now);
    return { extension: { period: e.period, province: { code: e.province.code, name: e.province.name }, deadline: e.deadline.toISOString(), reason: e.reason } };
  },
});
