import { defineApiRoute } from '@/lib/http/api';
import { API_FIELD_NAMES, MembershipCreateBody, withFieldNames } from '@/lib/reference/admin-schemas';
import { addClusterMember } from '@/lib/reference/cluster-admin';

/** Adds a province (its code as of `from`) to the cluster from a day, to a day or open (administrators). */
export const POST = defineApiRoute({
  params: ['code'],
  body: MembershipCreateBody,
  run: async ({ db, user, params, input }) => ({
    membership: await withFieldNames(API_FIELD_NAMES.dated, () =>
      addClusterMember(db, user, { clusterCode: params.code, provinceCode: input.province, validFrom: input.from, validTo: input.to ?? null }),
    ),
  }),
});
