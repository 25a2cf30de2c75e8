import { defineApiRoute } from '@/lib/http/api';
import { API_FIELD_NAMES, LeaderTermCreateBody, withFieldNames } from '@/lib/reference/admin-schemas';
import { addLeaderTerm } from '@/lib/reference/cluster-admin';

/** Names the cluster's leader province (its code as of `from`) for a term (administrators). */
export const POST = defineApiRoute({
  params: ['code'],
  body: LeaderTermCreateBody,
  run: async ({ db, user, params, input }) => ({
    leaderTerm: await withFieldNames(API_FIELD_NAMES.dated, () =>
      addLeaderTerm(db, user, { clusterCode: params.code, provinceCode: input.province, termLabel: input.term, validFrom: input.from, validTo: input.to ?? null }),
    ),
  }),
});
