import { defineApiRoute } from '@/lib/http/api';
import { listVisibleClusters } from '@/lib/dashboards/visible-clusters';
import { ClusterCreateBody } from '@/lib/reference/admin-schemas';
import { createCluster } from '@/lib/reference/cluster-admin';

/**
 * The clusters the caller may see, with today's members and leader. Province staff get the
 * clusters of their province as basic information (canViewSummary: false).
 */
export const GET = defineApiRoute({
  run: async ({ db, user, now }) => ({
    clusters: (await listVisibleClusters(db, user, now)).map(({ id: _id, ...c }) => c),
  }),
});

/** Creates a cluster (administrators). */
export const POST = defineApiRoute({
  body: ClusterCreateBody,
  run: async ({ db, user, input }) => ({ cluster: await createCluster(db, user, input) }),
});
