// Who may do what: the one home of the portal's permission rules. Pure functions over the
// session user and plain facts, so that pages, server actions, downloads, the API and the data
// layer ask the same named question and get the same answer. Role names appear here (and in
// the schema, the demo data and tests) and nowhere else: a new role or rule is one edit here.
import type { Role } from './generated/prisma/enums';
import { isInForce } from './reference/validity';

export type { Role } from './generated/prisma/enums';

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  provinceId: string | null;
  clusterId: string | null;
};

type WithRole = Pick<SessionUser, 'role'>;

// ---------------------------------------------------------------------------------------------
// Roles

/** The portal's roles, in the order forms list them; checked against the database enum. */
export const ROLES = ['PROVINCE_STAFF', 'CLUSTER_LEADER', 'CENTRAL', 'ADMIN'] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, string> = {
  PROVINCE_STAFF: 'Cán bộ tỉnh',
  CLUSTER_LEADER: 'Cụm trưởng',
  CENTRAL: 'Trung ương Hội',
  ADMIN: 'Quản trị viên',
};

/** The role of the first account, created on the server with `npm run admin:create`. */
export const ADMINISTRATOR_ROLE: Role = 'ADMIN';

/** What an account of this role is tied to: staff to a province, leaders to a cluster, others to nothing. */
export function scopeOfRole(role: Role): 'province' | 'cluster' | 'none' {
  switch (role) {
    case 'PROVINCE_STAFF':
      return 'province';
    case 'CLUSTER_LEADER':
      return 'cluster';
    case 'CENTRAL':
    case 'ADMIN':
      return 'none';
  }
}

// ---------------------------------------------------------------------------------------------
// What a role may do, whatever the object

/** The national summary, every cluster side by side, and the national downloads. */
export function canReadNational(user: WithRole): boolean {
  return user.role === 'ADMIN' || user.role === 'CENTRAL';
}

/** Whether the user learns that a province code does not exist (others are told only "not yours"). */
export const canSeeEveryProvince = canReadNational;

/** Loading years of figures from a history file. */
export function canImportHistory(user: WithRole): boolean {
  return user.role === 'ADMIN' || user.role === 'CENTRAL';
}

/** Creating accounts, changing roles and scopes, resetting passwords. */
export function canManageUsers(user: WithRole): boolean {
  return user.role === 'ADMIN';
}

/** Provinces, clusters, memberships, leader terms, periods and targets. */
export function canManageReferenceData(user: WithRole): boolean {
  return user.role === 'ADMIN';
}

/** Entering and submitting a province's reports (in the province's own scope). */
export function entersReports(user: WithRole): boolean {
  return user.role === 'PROVINCE_STAFF';
}

/** Approving, returning and reopening reports (in the clusters led, or everywhere for administrators). */
export function reviewsReports(user: WithRole): boolean {
  return user.role === 'CLUSTER_LEADER' || user.role === 'ADMIN';
}

/** Reads every report and changes none. */
export function readsOnly(user: WithRole): boolean {
  return user.role === 'CENTRAL';
}

/** Reviews the reports of every province, not only of a cluster led. */
export function reviewsEveryProvince(user: WithRole): boolean {
  return user.role === 'ADMIN';
}

/** May reopen a report in a locked period, and a reopening lifts the period's deadline and lock for that report. */
export function overridesPeriodLocks(user: WithRole): boolean {
  return user.role === 'ADMIN';
}

/**
 * May approve again, as it stands, a returned report its province can no longer send (a province
 * merged away, a locked period): the repair of a reopening (lib/reports/status.ts reviewDecision).
 */
export function approvesStrandedReports(user: WithRole): boolean {
  return user.role === 'ADMIN';
}

/** The cluster pages (overview list, dashboards of the clusters in scope). */
export function canOpenClusterPages(user: WithRole): boolean {
  return user.role !== 'PROVINCE_STAFF';
}

/** Staff of a province: the province home page and its scope. */
export function ownProvinceId(user: SessionUser): string | null {
  return user.role === 'PROVINCE_STAFF' ? user.provinceId : null;
}

/** A cluster leader's own cluster, where the cluster list sends them straight on. */
export function ledClusterId(user: SessionUser): string | null {
  return user.role === 'CLUSTER_LEADER' ? user.clusterId : null;
}

/**
 * Which clusters a user may see listed: all of them, the one they lead, or those their province
 * belongs to, and whether they may read those clusters' summaries (province staff compare nothing
 * but their own figures).
 */
export function clusterVisibility(
  user: Pick<SessionUser, 'role' | 'provinceId' | 'clusterId'>,
): { clusters: { all: true } | { led: string } | { memberOf: string }; summaries: boolean } {
  switch (user.role) {
    case 'ADMIN':
    case 'CENTRAL':
      return { clusters: { all: true }, summaries: true };
    case 'CLUSTER_LEADER':
      return { clusters: { led: user.clusterId ?? '' }, summaries: true };
    case 'PROVINCE_STAFF':
      return { clusters: { memberOf: user.provinceId ?? '' }, summaries: false };
  }
}

// ---------------------------------------------------------------------------------------------
// What a user may see of a cluster or a province

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

// ---------------------------------------------------------------------------------------------
// The user's relation to one report

/** What the report's status machine needs to know of the user (lib/reports/status.ts). */
export type ActorRelation = {
  role: Role;
  /** Staff whose own province is the report's province, and that province is still in force. */
  ownsProvince: boolean;
  /** Leader of a cluster the province belonged to at the period's start. */
  leadsCluster: boolean;
};

type DatedMembership = { clusterId: string; validFrom: Date; validTo: Date | null };

/** A province whose staff may still enter its reports: not merged away (validTo not passed). */
export function provinceStillInForce(province: { validTo: Date | null }, now: Date): boolean {
  return province.validTo === null || province.validTo >= now;
}

/**
 * The user's relation to a province's report for a period: the one computation behind the
 * buttons a page shows and the answer the server gives.
 */
export function relationTo(
  user: SessionUser,
  province: { id: string; validTo: Date | null; memberships: readonly DatedMembership[] },
  period: { startDate: Date },
  now: Date,
): ActorRelation {
  const stillInForce = provinceStillInForce(province, now);
  return {
    role: user.role,
    ownsProvince: user.role === 'PROVINCE_STAFF' && user.provinceId === province.id && stillInForce,
    leadsCluster:
      user.role === 'CLUSTER_LEADER' &&
      user.clusterId !== null &&
      province.memberships.some((m) => m.clusterId === user.clusterId && isInForce(m, period.startDate)),
  };
}

/**
 * Whether the user's role and scope could ever take this action on this report (whatever its
 * status or period): a refusal is 403 when not, 409 when only the report's state forbids it now.
 */
export function couldEverAct(relation: ActorRelation, action: 'EDIT' | 'SUBMIT' | 'APPROVE' | 'RETURN' | 'REOPEN'): boolean {
  if (action === 'EDIT' || action === 'SUBMIT') return relation.ownsProvince;
  return reviewsEveryProvince(relation) || relation.leadsCluster;
}

// ---------------------------------------------------------------------------------------------
// Where a user goes

/** Where each role lands after signing in. */
export function homePathFor(user: WithRole): string {
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

export type NavItem = { href: string; label: string };

/**
 * Whether the account page leads with the API tokens, and the menu names them: for those who pull
 * national figures into other systems. Everyone may create a token; for the others (a province's
 * staff, a cluster's leader) the API section is folded away under the password and notifications.
 */
export function showsApiUpFront(user: WithRole): boolean {
  return canReadNational(user);
}

/** The header's menu: the sections the user may open, then their account. */
export function navigationFor(user: WithRole): NavItem[] {
  const items: NavItem[] = [];
  if (entersReports(user)) items.push({ href: '/tinh', label: 'Báo cáo của tỉnh' });
  if (canReadNational(user)) items.push({ href: '/trung-uong', label: 'Toàn quốc' });
  if (canOpenClusterPages(user)) items.push({ href: '/cum', label: canReadNational(user) ? 'Các cụm' : 'Tổng quan cụm' });
  if (canManageReferenceData(user)) items.push({ href: '/quan-tri', label: 'Quản trị' });
  if (canManageUsers(user)) items.push({ href: '/quan-tri/nguoi-dung', label: 'Người dùng' });
  if (canImportHistory(user)) items.push({ href: '/nhap-lich-su', label: 'Nhập lịch sử' });
  items.push({ href: '/tai-khoan', label: showsApiUpFront(user) ? 'Tài khoản và API' : 'Tài khoản' });
  return items;
}
