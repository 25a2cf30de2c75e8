import { defineApiRoute } from '@/lib/http/api';
import { API_FIELD_NAMES, DeletionBody, LeaderTermPatchBody, withFieldNames } from '@/lib/reference/admin-schemas';
import { deleteLeaderTerm, updateLeaderTerm } from '@/lib/reference/cluster-admin';

/** Ends or corrects a leader term (administrators). */
export const PATCH = defineApiRoute({
  params: ['code', 'id'],
  body: LeaderTermPatchBody,
  run: async ({ db, user, params, input }) => ({
    leaderTerm: await withFieldNames(API_FIELD_NAMES.dated, () =>
      updateLeaderTerm(db, user, {
        termId: params.id,
        clusterCode: params.code,
        provinceCode: input.province,
        termLabel: input.term,
        validFrom: input.from,
        validTo: input.to,
      }),
    ),
  }),
});

/** Deletes a mistaken leader term, with its reason (administrators). */
export const DELETE = defineApiRoute({
  params: ['code', 'id'],
  body: DeletionBody,
  run: async ({ db, user, params, input }) => ({
    deleted: await withFieldNames(API_FIELD_NAMES.dated, () =>
      deleteLeaderTerm(db, user, { termId: params.id, clusterCode: params.code, reason: input.reason }),
    ),
  }),
});
