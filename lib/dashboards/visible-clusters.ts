import 'server-only';
import type { Prisma } from '../generated/prisma/client';
import { clusterVisibility, type SessionUser } from '../permissions';
import type { DbClient as Db } from '../platform/db';
import { inForceWhere, vietnamDay } from '../reference/validity';
import { byName } from './rows';
import type { ClusterInfo } from './summary-shared';

// The clusters a user may see, with today's leader and members: the cluster list of the read API.

export type VisibleCluster = ClusterInfo & {
  /** The leader province's association for the term in force today. */
  leader: { code: string; name: string; termLabel: string } | null;
  /** Members in force today, by name. */
  provinces: Array<{ code: string; name: string }>;
  /** The user may read the cluster's summaries (leaders of the cluster, central association, administrators). */
  canViewSummary: boolean;
};

/**
 * The clusters the user may see, by code: every cluster for the central association and
 * administrators; their own for a cluster leader; for province staff, the clusters their province
 * belongs to today, as basic information only (`canViewSummary` false): province staff compare
 * nothing but their own figures. Three queries.
 */
export async function listVisibleClusters(
  db: Db,
  user: Pick<SessionUser, 'role' | 'provinceId' | 'clusterId'>,
  now = new Date(),
): Promise<VisibleCluster[]> {
  const today = vietnamDay(now);
  const visibility = clusterVisibility(user);
  const scope = visibility.clusters;
  const where: Prisma.ClusterWhereInput =
    'all' in scope ? {} : 'led' in scope ? { id: scope.led } : { memberships: { some: { provinceId: scope.memberOf, ...inForceWhere(today) } } };
  const [clusters, memberships, leaders] = await Promise.all([
    db.cluster.findMany({ where, orderBy: { code: 'asc' }, select: { id: true, code: true, name: true, region: true } }),
    db.clusterMembership.findMany({ where: { cluster: where, ...inForceWhere(today) }, select: { clusterId: true, province: { select: { code: true, name: true } } } }),
    db.clusterLeaderTerm.findMany({
      where: { cluster: where, ...inForceWhere(today) },
      select: { clusterId: true, termLabel: true, province: { select: { code: true, name: true } } },
    }),
  ]);
  const summaries = visibility.summaries;
  return clusters.map((c) => {
    const leader = leaders.find((l) => l.clusterId === c.id);
    return {
      ...c,
      leader: leader ? { ...leader.province, termLabel: leader.termLabel } : null,
      provinces: memberships
        .filter((m) => m.clusterId === c.id)
        .map((m) => m.province)
        .sort(byName),
      canViewSummary: summaries,
    };
  });
}
