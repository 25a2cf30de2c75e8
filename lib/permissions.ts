// Who may see what. Pure functions over the session user and plain ids, so the
// rules are unit-tested on their own and shared by pages, actions and the API.
import type { Role } from './generated/prisma/enums';

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  provinceId: string | null;
  clusterId: string | null;
};

/** Roles that read cluster dashboards. */
export function canViewCluster(user: SessionUser, clusterId: string): boolean {
  switch (user.role) {
    case 'ADMIN':
    case 'CENTRAL':
      return true;
    case 'CLUSTER_LEADER':
      return user.clusterId !== null && user.clusterId === clusterId;
    case 'PROVINCE_STAFF':
      return false;
  }
}

/**
 * Whether the user may read a province's reports. `provinceScope` is the set of
 * province ids the user's own province covers: itself and, for a province
 * formed by a merger, its predecessors (see lib/reference/provinces.ts).
 * `clusterIdsOfProvince` are the clusters the province belonged to at any time.
 */
export function canViewProvince(
  user: SessionUser,
  provinceId: string,
  ctx: { provinceScope: readonly string[]; clusterIdsOfProvince: readonly string[] },
): boolean {
  switch (user.role) {
    case 'ADMIN':
    case 'CENTRAL':
      return true;
    case 'CLUSTER_LEADER':
      return user.clusterId !== null && ctx.clusterIdsOfProvince.includes(user.clusterId);
    case 'PROVINCE_STAFF':
      return user.provinceId !== null && ctx.provinceScope.includes(provinceId);
  }
}

/** Where each role lands after signing in. */
export function homePathFor(user: Pick<SessionUser, 'role'>): string {
  switch (user.role) {
    case 'PROVINCE_STAFF':
      return '/tinh';
    case 'CLUSTER_LEADER':
      return '/cum';
    case 'CENTRAL':
      return '/trung-uong';
    case 'ADMIN':
      return '/quan-tri';
  }
}
