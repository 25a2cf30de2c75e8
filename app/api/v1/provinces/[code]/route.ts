import { defineApiRoute } from '@/lib/http/api';
import { parseQuery } from '@/lib/http/summary-query';
import { API_FIELD_NAMES, OnQuerySchema, ProvincePatchBody, withFieldNames } from '@/lib/reference/admin-schemas';
import { updateProvince } from '@/lib/reference/province-admin';

/**
 * Corrects a province (administrators). A code reused across generations names several rows:
 * `?on=YYYY-MM-DD` picks the one in force that day, or else the body's validFrom the one starting then.
 */
export const PATCH = defineApiRoute({
  params: ['code'],
  body: ProvincePatchBody,
  run: async ({ db, user, params, input, request }) => {
    const { on } = parseQuery(request, OnQuerySchema);
    const { successor, ...changes } = input;
    const province = await withFieldNames(API_FIELD_NAMES.province, () =>
      updateProvince(db, user, { code: params.code, on, validFrom: input.validFrom }, {
        ...changes,
        successor: successor === undefined || successor === null ? successor : { code: successor },
      }),
    );
    return { province };
  },
});
