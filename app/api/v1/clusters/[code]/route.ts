import { defineApiRoute } from '@/lib/http/api';
import { ClusterPatchBody } from '@/lib/reference/admin-schemas';
import { getClusterRecord, updateCluster } from '@/lib/reference/cluster-admin';

/** A cluster with its whole history of memberships and leader terms, ids included (for PATCH and DELETE). */
export const GET = defineApiRoute({
  params: ['code'],
  run: ({ db, user, params }) => getClusterRecord(db, user, params.code),
});

/** Renames a cluster, sets its region and note (administrators); null clears region or note. */
export const PATCH = defineApiRoute({
  params: ['code'],
  body: ClusterPatchBody,
  run: async ({ db, user, params, input }) => ({ cluster: await updateCluster(db, user, { clusterCode: params.code, ...input }) }),
});
