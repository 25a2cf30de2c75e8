import 'server-only';
import { canManageReferenceData, canViewCluster, type SessionUser } from '../permissions';
import { conflict, forbidden, notFound, UserFacingError, type ErrorCode } from '../errors';
import { formatDate } from '../format';
import { Prisma } from '../generated/prisma/client';
import { writeAudit, type AuditEntry } from '../platform/audit';
import type { Db } from '../platform/db';
import { firstOverlap, isOrdered } from './overlaps';
import { inForceWhere, isInForce, type Dated } from './validity';

// Administration of clusters, their memberships and their leader terms, for the portal's forms
// (which name rows by id) and the API (which names them by code). Every write checks the actor's
// right itself, so that no caller can skip it, runs in one serializable transaction with its audit
// rows (two administrators adding overlapping rows at once cannot both succeed), and is refused
// whole with a message naming the field. Field errors use the forms' names (validFrom, provinceId);
// the API renames them to its bodies' (admin-schemas.ts withFieldNames).
//
// The rules, on inclusive date ranges with open ends (overlaps.ts):
//   - a membership starts on a day its province is in force, and a province belongs to one cluster
//     at a time: no two memberships of a province overlap, in one cluster or in two;
//   - a leader term's province is a member of the cluster on the term's first day, and a cluster
//     has one leader at a time: its terms do not overlap;
//   - so a membership cannot be shortened or deleted from under a leader term that needs it.

export type Actor = Pick<SessionUser, 'id' | 'role'>;

export function assertReferenceAdmin(actor: Actor): void {
  if (!canManageReferenceData(actor)) throw forbidden();
}

export const fieldError = (field: string, message: string, code: ErrorCode = 'INVALID_INPUT') =>
  new UserFacingError(message, { [field]: [message] }, code);

/** Serializable: the overlap checks read the rows a concurrent write would collide with. */
export const REFERENCE_TX = { maxWait: 10_000, timeout: 20_000, isolationLevel: Prisma.TransactionIsolationLevel.Serializable };

export const isoDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
export const spanText = (r: Dated) => `${formatDate(r.validFrom)} – ${r.validTo ? formatDate(r.validTo) : 'nay'}`;

export const END_BEFORE_START = 'Ngày kết thúc phải sau ngày bắt đầu.';

type Tx = Prisma.TransactionClient;
type ClusterKey = { clusterId: string } | { clusterCode: string };
type ProvinceKey = { provinceId: string } | { provinceCode: string };

export type ClusterView = { code: string; name: string; region: string | null; note: string | null };
export type MembershipView = { id: string; cluster: string; province: string; provinceName: string; from: string; to: string | null };
export type LeaderTermView = MembershipView & { term: string };

// ---------------------------------------------------------------------------------------------
// Reads

export async function getClustersForAdmin(db: Db) {
  return db.cluster.findMany({
    orderBy: { code: 'asc' },
    select: {
      id: true,
      code: true,
      name: true,
      region: true,
      note: true,
      memberships: {
        orderBy: [{ validFrom: 'desc' }, { province: { name: 'asc' } }],
        select: { id: true, validFrom: true, validTo: true, province: { select: { id: true, code: true, name: true } } },
      },
      leaderTerms: {
        orderBy: { validFrom: 'asc' },
        select: { id: true, termLabel: true, validFrom: true, validTo: true, province: { select: { name: true } } },
      },
    },
  });
}

/** Every cluster with its members and leader on `day`, for the list of clusters. Three queries. */
export async function listClustersForAdmin(db: Db, day: Date) {
  const [clusters, memberships, terms] = await Promise.all([
    db.cluster.findMany({ orderBy: { code: 'asc' }, select: CLUSTER_SELECT }),
    db.clusterMembership.findMany({ where: inForceWhere(day), select: { clusterId: true } }),
    db.clusterLeaderTerm.findMany({ where: inForceWhere(day), select: { clusterId: true, termLabel: true, province: { select: { name: true } } } }),
  ]);
  return clusters.map((c) => ({
    ...c,
    members: memberships.filter((m) => m.clusterId === c.id).length,
    leader: terms.find((t) => t.clusterId === c.id) ?? null,
  }));
}

/** One cluster with its whole history, for its administration page; null when the code is unknown. */
export async function getClusterForAdmin(db: Db, code: string) {
  return db.cluster.findUnique({
    where: { code },
    select: {
      id: true,
      code: true,
      name: true,
      region: true,
      note: true,
      memberships: {
        orderBy: [{ validFrom: 'desc' }, { province: { name: 'asc' } }],
        select: { id: true, validFrom: true, validTo: true, province: { select: { id: true, code: true, name: true } } },
      },
      leaderTerms: {
        orderBy: { validFrom: 'desc' },
        select: { id: true, termLabel: true, validFrom: true, validTo: true, province: { select: { id: true, code: true, name: true } } },
      },
    },
  });
}

/** Every province of every generation, those in force first, for the forms' choices. */
export async function listProvincesForAdmin(db: Db) {
  return db.province.findMany({
    orderBy: [{ validTo: { sort: 'desc', nulls: 'first' } }, { name: 'asc' }],
    select: { id: true, code: true, name: true, validFrom: true, validTo: true },
  });
}

/**
 * A cluster with every membership and leader term (ids included, for the API's PATCH and DELETE),
 * for those who may read the cluster: its leader, the central association and administrators.
 */
export async function getClusterRecord(db: Db, user: SessionUser, code: string) {
  const cluster = await getClusterForAdmin(db, code);
  if (!cluster) throw notFound(`Không có cụm ${code}.`);
  if (!canViewCluster(user, cluster.id)) throw forbidden('Bạn không có quyền xem cụm này.');
  return {
    cluster: clusterView(cluster),
    memberships: cluster.memberships.map((m) => membershipView({ ...m, cluster })),
    leaderTerms: cluster.leaderTerms.map((t) => leaderTermView({ ...t, cluster })),
  };
}

// ---------------------------------------------------------------------------------------------
// Views (what a write answers: codes and YYYY-MM-DD days)

const clusterView = (c: ClusterView): ClusterView => ({ code: c.code, name: c.name, region: c.region, note: c.note });

type MembershipRow = Dated & { id: string; cluster: { code: string }; province: { code: string; name: string } };

const membershipView = (m: MembershipRow): MembershipView => ({
  id: m.id,
  cluster: m.cluster.code,
  province: m.province.code,
  provinceName: m.province.name,
  from: isoDay(m.validFrom)!,
  to: isoDay(m.validTo),
});

const leaderTermView = (t: MembershipRow & { termLabel: string }): LeaderTermView => ({ ...membershipView(t), term: t.termLabel });

const MEMBERSHIP_SELECT = {
  id: true,
  clusterId: true,
  provinceId: true,
  validFrom: true,
  validTo: true,
  cluster: { select: { code: true, name: true } },
  province: { select: { id: true, code: true, name: true, validFrom: true, validTo: true } },
} as const;

const TERM_SELECT = { ...MEMBERSHIP_SELECT, termLabel: true } as const;

// ---------------------------------------------------------------------------------------------
// Lookups inside a write

const CLUSTER_SELECT = { id: true, code: true, name: true, region: true, note: true } as const;

async function findCluster(tx: Tx, key: ClusterKey) {
  const cluster =
    'clusterId' in key
      ? await tx.cluster.findUnique({ where: { id: key.clusterId }, select: CLUSTER_SELECT })
      : await tx.cluster.findUnique({ where: { code: key.clusterCode }, select: CLUSTER_SELECT });
  if (!cluster) {
    if ('clusterId' in key) throw new UserFacingError('Không tìm thấy cụm.', { clusterId: ['Không tìm thấy cụm.'] }, 'NOT_FOUND');
    throw notFound(`Không có cụm ${key.clusterCode}.`);
  }
  return cluster;
}

const PROVINCE_SELECT = { id: true, code: true, name: true, validFrom: true, validTo: true } as const;

/** A province by id, or by the code it carried on `day` (a code is reused across generations). */
async function findProvince(tx: Tx, key: ProvinceKey, day: Date) {
  if ('provinceId' in key) {
    const p = await tx.province.findUnique({ where: { id: key.provinceId }, select: PROVINCE_SELECT });
    if (!p) throw fieldError('provinceId', 'Không tìm thấy tỉnh, thành phố.', 'NOT_FOUND');
    return p;
  }
  const p = await tx.province.findFirst({ where: { code: key.provinceCode, ...inForceWhere(day) }, select: PROVINCE_SELECT });
  if (!p) throw fieldError('provinceId', `Không có tỉnh, thành phố mã ${key.provinceCode} có hiệu lực vào ngày ${formatDate(day)}.`);
  return p;
}

/** A membership by id; with the address's cluster code, one of that cluster only. */
async function findMembership(tx: Tx, membershipId: string, clusterCode?: string) {
  const m = await tx.clusterMembership.findUnique({ where: { id: membershipId }, select: MEMBERSHIP_SELECT });
  if (!m || (clusterCode !== undefined && m.cluster.code !== clusterCode)) {
    throw notFound(clusterCode ? `Cụm ${clusterCode} không có tư cách thành viên ${membershipId}.` : 'Không tìm thấy tư cách thành viên.');
  }
  return m;
}

async function findTerm(tx: Tx, termId: string, clusterCode?: string) {
  const t = await tx.clusterLeaderTerm.findUnique({ where: { id: termId }, select: TERM_SELECT });
  if (!t || (clusterCode !== undefined && t.cluster.code !== clusterCode)) {
    throw notFound(clusterCode ? `Cụm ${clusterCode} không có nhiệm kỳ cụm trưởng ${termId}.` : 'Không tìm thấy nhiệm kỳ cụm trưởng.');
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// The rules

type ProvinceRow = Dated & { id: string; name: string };

/**
 * Refuses a membership (new, or `id` after a correction) that starts when its province is not in
 * force, or overlaps another membership of the province in this cluster or another.
 */
async function checkMembership(
  tx: Tx,
  candidate: Dated & { id?: string; clusterId: string; province: ProvinceRow },
  overlapField: 'provinceId' | 'validFrom',
): Promise<void> {
  const { province } = candidate;
  if (!isOrdered(candidate)) throw fieldError('validTo', END_BEFORE_START);
  if (!isInForce(province, candidate.validFrom)) {
    throw fieldError(
      'validFrom',
      `${province.name} không còn hiệu lực (hoặc chưa thành lập) vào ngày ${formatDate(candidate.validFrom)}: tỉnh có hiệu lực ${spanText(province)}.`,
    );
  }
  const others = await tx.clusterMembership.findMany({
    where: { provinceId: province.id },
    orderBy: { validFrom: 'asc' },
    select: { id: true, clusterId: true, validFrom: true, validTo: true, cluster: { select: { name: true } } },
  });
  const clash = firstOverlap(candidate, others);
  if (!clash) return;
  const message =
    clash.clusterId === candidate.clusterId
      ? `${province.name} đã là thành viên của cụm trong khoảng thời gian này (${spanText(clash)}).`
      : `${province.name} đã là thành viên của ${clash.cluster.name} (${spanText(clash)}): một tỉnh chỉ thuộc một cụm tại một thời điểm.`;
  throw fieldError(overlapField, message, 'CONFLICT');
}

/**
 * After a membership of `province` in `clusterId` changed or went: refuses when one of the
 * province's leader terms in the cluster starts on a day it is no longer a member.
 */
async function checkTermsStillCovered(tx: Tx, clusterId: string, province: ProvinceRow, field: 'validFrom' | 'validTo' | null): Promise<void> {
  const [terms, memberships] = await Promise.all([
    tx.clusterLeaderTerm.findMany({ where: { clusterId, provinceId: province.id }, select: { termLabel: true, validFrom: true } }),
    tx.clusterMembership.findMany({ where: { clusterId, provinceId: province.id }, select: { validFrom: true, validTo: true } }),
  ]);
  const orphan = terms.find((t) => !memberships.some((m) => isInForce(m, t.validFrom)));
  if (orphan) {
    const message = `${province.name} là cụm trưởng nhiệm kỳ ${orphan.termLabel} từ ${formatDate(orphan.validFrom)}, nên phải là thành viên của cụm vào ngày đó. Hãy sửa hoặc xoá nhiệm kỳ cụm trưởng trước.`;
    throw field ? fieldError(field, message, 'CONFLICT') : conflict(message);
  }
}

/** Refuses a leader term whose province is not a member on its first day, or that overlaps another term of the cluster. */
async function checkLeaderTerm(tx: Tx, candidate: Dated & { id?: string; clusterId: string; province: ProvinceRow }): Promise<void> {
  const { province } = candidate;
  if (!isOrdered(candidate)) throw fieldError('validTo', END_BEFORE_START);
  const [member, terms] = await Promise.all([
    tx.clusterMembership.findFirst({
      where: { clusterId: candidate.clusterId, provinceId: province.id, ...inForceWhere(candidate.validFrom) },
      select: { id: true },
    }),
    tx.clusterLeaderTerm.findMany({
      where: { clusterId: candidate.clusterId },
      orderBy: { validFrom: 'asc' },
      select: { id: true, termLabel: true, validFrom: true, validTo: true, province: { select: { name: true } } },
    }),
  ]);
  if (!member) {
    throw fieldError(
      'provinceId',
      `${province.name} không là thành viên của cụm vào ngày ${formatDate(candidate.validFrom)}, ngày đầu nhiệm kỳ: tỉnh cụm trưởng phải là thành viên của cụm.`,
    );
  }
  const clash = firstOverlap(candidate, terms);
  if (clash) {
    throw fieldError(
      'validFrom',
      `Nhiệm kỳ này chồng lên nhiệm kỳ ${clash.termLabel} của ${clash.province.name} (${spanText(clash)}): một cụm chỉ có một cụm trưởng tại một thời điểm.`,
      'CONFLICT',
    );
  }
}

const describeMembership = (m: { province: { name: string; code: string } } & Dated) =>
  `${m.province.name} (${m.province.code}) ${spanText(m)}`;

// ---------------------------------------------------------------------------------------------
// Clusters

const CODE_TAKEN = (code: string) => `Đã có cụm mã ${code}.`;

export async function createCluster(
  db: Db,
  actor: Actor,
  input: { code: string; name: string; region?: string | null; note?: string | null },
): Promise<ClusterView> {
  assertReferenceAdmin(actor);
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.cluster.findUnique({ where: { code: input.code }, select: { id: true } })) {
        throw fieldError('code', CODE_TAKEN(input.code), 'CONFLICT');
      }
      const data = { code: input.code, name: input.name, region: input.region || null, note: input.note || null };
      const created = await tx.cluster.create({ data, select: CLUSTER_SELECT });
      await writeAudit(tx, {
        actorId: actor.id,
        action: 'cluster.create',
        entityType: 'Cluster',
        entityId: created.id,
        newValue: `${created.code} · ${created.name}`,
        details: data,
      });
      return clusterView(created);
    }, REFERENCE_TX);
  } catch (error) {
    // The same code created at the same moment by another administrator.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw fieldError('code', CODE_TAKEN(input.code), 'CONFLICT');
    throw error;
  }
}

/** Renames a cluster, sets its region and note (absent: unchanged; null or empty: cleared). One audit row per changed field. */
export async function updateCluster(
  db: Db,
  actor: Actor,
  input: ClusterKey & { name?: string; region?: string | null; note?: string | null },
): Promise<ClusterView> {
  assertReferenceAdmin(actor);
  return db.$transaction(async (tx) => {
    const cluster = await findCluster(tx, input);
    const next = {
      name: input.name ?? cluster.name,
      region: input.region === undefined ? cluster.region : input.region || null,
      note: input.note === undefined ? cluster.note : input.note || null,
    };
    const changed = (['name', 'region', 'note'] as const).filter((f) => next[f] !== cluster[f]);
    if (changed.length === 0) return clusterView(cluster);
    const updated = await tx.cluster.update({ where: { id: cluster.id }, data: next, select: CLUSTER_SELECT });
    await writeAudit(
      tx,
      changed.map((field) => ({
        actorId: actor.id,
        action: `cluster.${field}.update`,
        entityType: 'Cluster',
        entityId: cluster.id,
        field,
        oldValue: cluster[field],
        newValue: next[field],
        details: { cluster: cluster.code },
      })),
    );
    return clusterView(updated);
  }, REFERENCE_TX);
}

/** The note alone: the note form of a cluster's page (/quan-tri/cum/{code}). */
export async function updateClusterNote(db: Db, actor: Actor, input: { clusterId: string; note: string }): Promise<ClusterView> {
  return updateCluster(db, actor, { clusterId: input.clusterId, note: input.note });
}

// ---------------------------------------------------------------------------------------------
// Memberships

/** Adds a province to a cluster from a day (to a day, or open); refuses overlaps and provinces not in force then. */
export async function addClusterMember(
  db: Db,
  actor: Actor,
  input: ClusterKey & ProvinceKey & { validFrom: Date; validTo?: Date | null },
): Promise<MembershipView> {
  assertReferenceAdmin(actor);
  return db.$transaction(async (tx) => {
    const cluster = await findCluster(tx, input);
    const province = await findProvince(tx, input, input.validFrom);
    const range = { validFrom: input.validFrom, validTo: input.validTo ?? null };
    await checkMembership(tx, { ...range, clusterId: cluster.id, province }, 'provinceId');
    const created = await tx.clusterMembership.create({
      data: { clusterId: cluster.id, provinceId: province.id, ...range },
      select: MEMBERSHIP_SELECT,
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'cluster.member.add',
      entityType: 'ClusterMembership',
      entityId: created.id,
      newValue: `${province.name} từ ${isoDay(range.validFrom)}${range.validTo ? ` đến ${isoDay(range.validTo)}` : ''}`,
      details: { cluster: cluster.code, clusterId: cluster.id, province: province.code, provinceId: province.id, validFrom: isoDay(range.validFrom), validTo: isoDay(range.validTo) },
    });
    return membershipView(created);
  }, REFERENCE_TX);
}

type MembershipTarget = { membershipId: string; clusterCode?: string };

async function changeMembership(
  db: Db,
  actor: Actor,
  input: MembershipTarget & { validFrom?: Date; validTo?: Date | null },
  action: 'cluster.member.end' | 'cluster.member.update',
): Promise<MembershipView> {
  assertReferenceAdmin(actor);
  return db.$transaction(async (tx) => {
    const m = await findMembership(tx, input.membershipId, input.clusterCode);
    const next = { validFrom: input.validFrom ?? m.validFrom, validTo: input.validTo === undefined ? m.validTo : input.validTo };
    const changed = (['validFrom', 'validTo'] as const).filter((f) => next[f]?.getTime() !== m[f]?.getTime());
    if (changed.length === 0) return membershipView(m);
    await checkMembership(tx, { id: m.id, ...next, clusterId: m.clusterId, province: m.province }, 'validFrom');
    const updated = await tx.clusterMembership.update({ where: { id: m.id }, data: next, select: MEMBERSHIP_SELECT });
    await checkTermsStillCovered(tx, m.clusterId, m.province, changed.includes('validFrom') ? 'validFrom' : 'validTo');
    await writeAudit(
      tx,
      changed.map(
        (field): AuditEntry => ({
          actorId: actor.id,
          action,
          entityType: 'ClusterMembership',
          entityId: m.id,
          field,
          oldValue: isoDay(m[field]),
          newValue: isoDay(next[field]),
          details: { cluster: m.cluster.code, province: m.province.code, provinceName: m.province.name },
        }),
      ),
    );
    return membershipView(updated);
  }, REFERENCE_TX);
}

/** Ends a membership on a day (inclusive). To take a province out from the day it joined, delete the membership. */
export async function endClusterMembership(db: Db, actor: Actor, input: MembershipTarget & { validTo: Date }): Promise<MembershipView> {
  try {
    return await changeMembership(db, actor, { membershipId: input.membershipId, clusterCode: input.clusterCode, validTo: input.validTo }, 'cluster.member.end');
  } catch (error) {
    if (error instanceof UserFacingError && error.fieldErrors.validTo?.[0] === END_BEFORE_START) {
      const message = `${END_BEFORE_START} Nếu tỉnh không thuộc cụm ngay từ ngày bắt đầu, hãy xoá tư cách thành viên này (kèm lý do) hoặc sửa ngày bắt đầu.`;
      throw fieldError('validTo', message);
    }
    throw error;
  }
}

/** Corrects a membership's dates (absent: unchanged; a null end: still a member). */
export async function updateClusterMembership(
  db: Db,
  actor: Actor,
  input: MembershipTarget & { validFrom?: Date; validTo?: Date | null },
): Promise<MembershipView> {
  return changeMembership(db, actor, input, 'cluster.member.update');
}

/**
 * Deletes a mistaken membership, with the reason in the log: the way to take a province out of a
 * cluster for a period that begins on the membership's first day (ending it the day before it
 * began would be an empty range). Refused while a leader term of the province needs it.
 */
export async function deleteClusterMembership(
  db: Db,
  actor: Actor,
  input: MembershipTarget & { reason: string },
): Promise<MembershipView> {
  assertReferenceAdmin(actor);
  return db.$transaction(async (tx) => {
    const m = await findMembership(tx, input.membershipId, input.clusterCode);
    await tx.clusterMembership.delete({ where: { id: m.id } });
    await checkTermsStillCovered(tx, m.clusterId, m.province, null);
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'cluster.member.delete',
      entityType: 'ClusterMembership',
      entityId: m.id,
      oldValue: describeMembership(m),
      details: {
        reason: input.reason,
        cluster: m.cluster.code,
        province: m.province.code,
        provinceName: m.province.name,
        validFrom: isoDay(m.validFrom),
        validTo: isoDay(m.validTo),
      },
    });
    return membershipView(m);
  }, REFERENCE_TX);
}

// ---------------------------------------------------------------------------------------------
// Leader terms

/** Names a cluster's leader province for a term; its province is resolved (by code) on the term's first day. */
export async function addLeaderTerm(
  db: Db,
  actor: Actor,
  input: ClusterKey & ProvinceKey & { termLabel: string; validFrom: Date; validTo?: Date | null },
): Promise<LeaderTermView> {
  assertReferenceAdmin(actor);
  return db.$transaction(async (tx) => {
    const cluster = await findCluster(tx, input);
    const province = await findProvince(tx, input, input.validFrom);
    const range = { validFrom: input.validFrom, validTo: input.validTo ?? null };
    await checkLeaderTerm(tx, { ...range, clusterId: cluster.id, province });
    const created = await tx.clusterLeaderTerm.create({
      data: { clusterId: cluster.id, provinceId: province.id, termLabel: input.termLabel, ...range },
      select: TERM_SELECT,
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'cluster.leader.add',
      entityType: 'ClusterLeaderTerm',
      entityId: created.id,
      newValue: `${province.name} · nhiệm kỳ ${input.termLabel} · ${spanText(range)}`,
      details: { cluster: cluster.code, province: province.code, termLabel: input.termLabel, validFrom: isoDay(range.validFrom), validTo: isoDay(range.validTo) },
    });
    return leaderTermView(created);
  }, REFERENCE_TX);
}

/** Ends or corrects a leader term (absent fields unchanged); a new province is resolved on the (new) first day. */
export async function updateLeaderTerm(
  db: Db,
  actor: Actor,
  input: { termId: string; clusterCode?: string; termLabel?: string; validFrom?: Date; validTo?: Date | null } & Partial<ProvinceKey>,
): Promise<LeaderTermView> {
  assertReferenceAdmin(actor);
  return db.$transaction(async (tx) => {
    const t = await findTerm(tx, input.termId, input.clusterCode);
    const validFrom = input.validFrom ?? t.validFrom;
    const province =
      'provinceId' in input && input.provinceId !== undefined
        ? await findProvince(tx, { provinceId: input.provinceId }, validFrom)
        : 'provinceCode' in input && input.provinceCode !== undefined
          ? await findProvince(tx, { provinceCode: input.provinceCode }, validFrom)
          : t.province;
    const next = { termLabel: input.termLabel ?? t.termLabel, validFrom, validTo: input.validTo === undefined ? t.validTo : input.validTo };
    const changes: Array<[field: string, oldValue: string | null, newValue: string | null]> = [
      // Two generations of a province may share name and code: the span tells them apart.
      ['province', `${t.province.name} (${t.province.code}, ${spanText(t.province)})`, province.id === t.provinceId ? null : `${province.name} (${province.code}, ${spanText(province)})`],
      ['termLabel', t.termLabel, next.termLabel],
      ['validFrom', isoDay(t.validFrom), isoDay(next.validFrom)],
      ['validTo', isoDay(t.validTo), isoDay(next.validTo)],
    ];
    const changed = changes.filter(([field, oldValue, newValue]) => (field === 'province' ? newValue !== null : oldValue !== newValue));
    if (changed.length === 0) return leaderTermView(t);
    await checkLeaderTerm(tx, { id: t.id, validFrom: next.validFrom, validTo: next.validTo, clusterId: t.clusterId, province });
    const updated = await tx.clusterLeaderTerm.update({ where: { id: t.id }, data: { ...next, provinceId: province.id }, select: TERM_SELECT });
    await writeAudit(
      tx,
      changed.map(([field, oldValue, newValue]) => ({
        actorId: actor.id,
        action: 'cluster.leader.update',
        entityType: 'ClusterLeaderTerm',
        entityId: t.id,
        field,
        oldValue,
        newValue,
        details: { cluster: t.cluster.code },
      })),
    );
    return leaderTermView(updated);
  }, REFERENCE_TX);
}

/** Deletes a mistaken leader term, with the reason in the log. */
export async function deleteLeaderTerm(db: Db, actor: Actor, input: { termId: string; clusterCode?: string; reason: string }): Promise<LeaderTermView> {
  assertReferenceAdmin(actor);
  return db.$transaction(async (tx) => {
    const t = await findTerm(tx, input.termId, input.clusterCode);
    await tx.clusterLeaderTerm.delete({ where: { id: t.id } });
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'cluster.leader.delete',
      entityType: 'ClusterLeaderTerm',
      entityId: t.id,
      oldValue: `${t.province.name} · nhiệm kỳ ${t.termLabel} · ${spanText(t)}`,
      details: { reason: input.reason, cluster: t.cluster.code, province: t.province.code, termLabel: t.termLabel, validFrom: isoDay(t.validFrom), validTo: isoDay(t.validTo) },
    });
    return leaderTermView(t);
  }, REFERENCE_TX);
}
