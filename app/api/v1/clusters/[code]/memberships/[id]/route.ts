import { defineApiRoute } from '@/lib/http/api';
import { API_FIELD_NAMES, DeletionBody, MembershipPatchBody, withFieldNames } from '@/lib/reference/admin-schemas';
import { deleteClusterMembership, updateClusterMembership } from '@/lib/reference/cluster-admin';

/** Ends a membership or corrects its dates (administrators); `"to": null` makes it open again. */
export const PATCH = defineApiRoute({
  params: ['code', 'id'],
  body: MembershipPatchBody,
  run: async ({ db, user, params, input }) => ({
    membership: await withFieldNames(API_FIELD_NAMES.dated, () =>
      updateClusterMembership(db, user, { membershipId: params.id, clusterCode: params.code, validFrom: input.from, validTo: input.to }),
    ),
  }),
});

/** Deletes a mistaken membership, with its reason (administrators). */
export const DELETE = defineApiRoute({
  params: ['code', 'id'],
  body: DeletionBody,
  run: async ({ db, user, params, input }) => ({
    deleted: await withFieldNames(API_FIELD_NAMES.dated, () =>
      deleteClusterMembership(db, user, { membershipId: params.id, clusterCode: params.code, reason: input.reason }),
    ),
  }),
});
