import 'server-only';
import { canViewProvince, ledClusterId, ownProvinceId, type SessionUser } from '../permissions';
import type { DbClient } from '../platform/db';
import { inForceWhere } from '../reference/validity';
import type { Recipient } from './outbox';

// Who is told about a province: its staff, and the leaders of the clusters it belonged to on the
// period's first day (the leaders who review its report, lib/permissions.ts relationTo). Each
// candidate is checked with canViewProvince, the rule that decides who may read the province's
// report, so that a message about a province reaches nobody who may not open it. Active
// accounts only: a locked account hears only of its own locking (./events.ts).

const USER_SELECT = { id: true, email: true, name: true, role: true, provinceId: true, clusterId: true } as const;

const asRecipient = (u: SessionUser): Recipient => ({ id: u.id, email: u.email, name: u.name });

/** The staff of each province, by province id. One query. */
export async function staffOfProvinces(db: DbClient, provinceIds: readonly string[]): Promise<Map<string, Recipient[]>> {
  const out = new Map<string, Recipient[]>(provinceIds.map((id) => [id, []]));
  if (provinceIds.length === 0) return out;
  const users = await db.user.findMany({ where: { provinceId: { in: [...provinceIds] }, active: true }, orderBy: { email: 'asc' }, select: USER_SELECT });
  for (const user of users) {
    const own = ownProvinceId(user);
    // A staff account's scope always includes its own province.
    if (own && canViewProvince(user, own, { provinceScope: [own], clusterIdsOfProvince: [] })) out.get(own)?.push(asRecipient(user));
  }
  return out;
}

export type ClusterLeader = Recipient & { clusterCode: string };

/**
 * The leaders of the clusters each province belonged to on `day` (a period's first day), by
 * province id. Two queries.
 */
export async function clusterLeadersOf(db: DbClient, provinceIds: readonly string[], day: Date): Promise<Map<string, ClusterLeader[]>> {
  const out = new Map<string, ClusterLeader[]>(provinceIds.map((id) => [id, []]));
  if (provinceIds.length === 0) return out;
  const memberships = await db.clusterMembership.findMany({
    where: { provinceId: { in: [...provinceIds] }, ...inForceWhere(day) },
    select: { provinceId: true, cluster: { select: { id: true, code: true } } },
  });
  if (memberships.length === 0) return out;
  const clusterCodes = new Map(memberships.map((m) => [m.cluster.id, m.cluster.code]));
  const users = await db.user.findMany({ where: { clusterId: { in: [...clusterCodes.keys()] }, active: true }, orderBy: { email: 'asc' }, select: USER_SELECT });
  for (const m of memberships) {
    const clustersOfProvince = memberships.filter((x) => x.provinceId === m.provinceId).map((x) => x.cluster.id);
    for (const user of users) {
      if (ledClusterId(user) !== m.cluster.id) continue;
      if (!canViewProvince(user, m.provinceId, { provinceScope: [], clusterIdsOfProvince: clustersOfProvince })) continue;
      out.get(m.provinceId)?.push({ ...asRecipient(user), clusterCode: m.cluster.code });
    }
  }
  return out;
}
