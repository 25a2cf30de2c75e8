import 'server-only';
import type { z } from 'zod';
import type { AddClusterMemberSchema, ClusterNoteSchema, EndClusterMembershipSchema } from './membership-schemas';
import { UserFacingError } from '../errors';
import { writeAudit } from '../platform/audit';
import type { Db } from '../platform/db';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export async function getClustersForAdmin(db: Db) {
  return db.cluster.findMany({
    orderBy: { code: 'asc' },
    select: {
      id: true,
      code: true,
      name: true,
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

export async function listProvincesForAdmin(db: Db) {
  return db.province.findMany({
    orderBy: [{ validTo: { sort: 'desc', nulls: 'first' } }, { name: 'asc' }],
    select: { id: true, code: true, name: true, validFrom: true, validTo: true },
  });
}

/** Adds a province to a cluster from a date; refuses overlaps and provinces not in force then. */
export async function addClusterMember(db: Db, actorId: string, input: z.infer<typeof AddClusterMemberSchema>): Promise<void> {
  await db.$transaction(async (tx) => {
    const [cluster, province] = await Promise.all([
      tx.cluster.findUnique({ where: { id: input.clusterId }, select: { id: true } }),
      tx.province.findUnique({ where: { id: input.provinceId }, select: { id: true, name: true, validFrom: true, validTo: true } }),
    ]);
    if (!cluster) throw new UserFacingError('Không tìm thấy cụm.', { clusterId: ['Không tìm thấy cụm.'] });
    if (!province) throw new UserFacingError('Không tìm thấy tỉnh, thành phố.', { provinceId: ['Không tìm thấy tỉnh, thành phố.'] });
    if (province.validFrom > input.validFrom || (province.validTo !== null && province.validTo < input.validFrom)) {
      const msg = `${province.name} không còn hiệu lực (hoặc chưa thành lập) vào ngày này.`;
      throw new UserFacingError(msg, { validFrom: [msg] });
    }
    const overlapping = await tx.clusterMembership.findFirst({
      where: { clusterId: input.clusterId, provinceId: input.provinceId, OR: [{ validTo: null }, { validTo: { gte: input.validFrom } }] },
      select: { id: true },
    });
    if (overlapping) {
      const msg = `${province.name} đã là thành viên của cụm trong khoảng thời gian này.`;
      throw new UserFacingError(msg, { provinceId: [msg] });
    }
    const created = await tx.clusterMembership.create({
      data: { clusterId: input.clusterId, provinceId: input.provinceId, validFrom: input.validFrom },
      select: { id: true },
    });
    await writeAudit(tx, {
      actorId,
      action: 'cluster.member.add',
      entityType: 'ClusterMembership',
      entityId: created.id,
      newValue: `${province.name} từ ${day(input.validFrom)}`,
      details: { clusterId: input.clusterId, provinceId: input.provinceId, validFrom: day(input.validFrom) },
    });
  });
}

/** Ends a membership on a day (inclusive). */
export async function endClusterMembership(db: Db, actorId: string, input: z.infer<typeof EndClusterMembershipSchema>): Promise<void> {
  await db.$transaction(async (tx) => {
    const m = await tx.clusterMembership.findUnique({ where: { id: input.membershipId }, select: { id: true, validFrom: true, validTo: true } });
    if (!m) throw new UserFacingError('Không tìm thấy tư cách thành viên.');
    if (input.validTo < m.validFrom) {
      const msg = 'Ngày kết thúc phải sau ngày bắt đầu.';
      throw new UserFacingError(msg, { validTo: [msg] });
    }
    await tx.clusterMembership.update({ where: { id: m.id }, data: { validTo: input.validTo } });
    await writeAudit(tx, {
      actorId,
      action: 'cluster.member.end',
      entityType: 'ClusterMembership',
      entityId: m.id,
      field: 'validTo',
      oldValue: day(m.validTo),
      newValue: day(input.validTo),
    });
  });
}

export async function updateClusterNote(db: Db, actorId: string, input: z.infer<typeof ClusterNoteSchema>): Promise<void> {
  await db.$transaction(async (tx) => {
    const c = await tx.cluster.findUnique({ where: { id: input.clusterId }, select: { id: true, note: true } });
    if (!c) throw new UserFacingError('Không tìm thấy cụm.');
    const note = input.note === '' ? null : input.note;
    await tx.cluster.update({ where: { id: c.id }, data: { note } });
    await writeAudit(tx, { actorId, action: 'cluster.note.update', entityType: 'Cluster', entityId: c.id, field: 'note', oldValue: c.note, newValue: note });
  });
}
