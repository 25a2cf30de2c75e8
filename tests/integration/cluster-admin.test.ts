import { describe, expect, it } from 'vitest';
import { AddClusterMemberSchema, EndClusterMembershipSchema } from '../../lib/reference/admin-schemas';
import { UserFacingError } from '../../lib/errors';
import { addClusterMember, endClusterMembership, updateClusterNote } from '../../lib/reference/cluster-admin';
import { provinceId, useSeededDb } from '../helpers/seeded-db';

const ctx = useSeededDb();

async function setup() {
  const cluster = await ctx.db.cluster.findUniqueOrThrow({ where: { code: 'CUM3' } });
  const admin = await ctx.db.user.findUniqueOrThrow({ where: { email: 'admin@demo.khuyenhoc.vn' } });
  return { clusterId: cluster.id, adminId: admin.id, admin };
}

async function snapshot() {
  const [memberships, audit] = await Promise.all([
    ctx.db.clusterMembership.findMany({ orderBy: { id: 'asc' } }),
    ctx.db.auditLog.count(),
  ]);
  return { memberships, audit };
}

describe('cluster membership administration', () => {
  it('adds a province from a date, with an audit row in the same transaction', async () => {
    const { clusterId, adminId, admin } = await setup();
    const bacGiang = await provinceId(ctx.db, '24', false);
    const before = await snapshot();
    const input = AddClusterMemberSchema.parse({ clusterId, provinceId: bacGiang, validFrom: '2024-01-01' });
    await addClusterMember(ctx.db, admin, input);
    const after = await snapshot();
    expect(after.memberships).toHaveLength(before.memberships.length + 1);
    expect(after.audit).toBe(before.audit + 1);
    const audit = await ctx.db.auditLog.findFirstOrThrow({ where: { action: 'cluster.member.add' } });
    expect(audit.actorId).toBe(adminId);
  });

  it('refuses an overlapping membership and a province not in force, writing nothing', async () => {
    const { clusterId, admin } = await setup();
    const hungYen = await provinceId(ctx.db, '33', true);
    const vinhPhuc = await provinceId(ctx.db, '26', false);
    const before = await snapshot();
    await expect(
      addClusterMember(ctx.db, admin, AddClusterMemberSchema.parse({ clusterId, provinceId: hungYen, validFrom: '2026-01-01' })),
    ).rejects.toThrow(/đã là thành viên/);
    const error = await addClusterMember(
      ctx.db,
      admin,
      AddClusterMemberSchema.parse({ clusterId, provinceId: vinhPhuc, validFrom: '2025-07-01' }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).fieldErrors.validFrom?.[0]).toMatch(/không còn hiệu lực/);
    expect(await snapshot()).toEqual(before);
  });

  it('ends a membership, refusing an end before its start', async () => {
    const { admin } = await setup();
    const hanoi = await provinceId(ctx.db, '01', true);
    const current = await ctx.db.clusterMembership.findFirstOrThrow({ where: { provinceId: hanoi, validTo: null } });
    await expect(
      endClusterMembership(ctx.db, admin, EndClusterMembershipSchema.parse({ membershipId: current.id, validTo: '2020-01-01' })),
    ).rejects.toThrow('Ngày kết thúc phải sau ngày bắt đầu.');
    expect((await ctx.db.clusterMembership.findUniqueOrThrow({ where: { id: current.id } })).validTo).toBeNull();

    await endClusterMembership(ctx.db, admin, EndClusterMembershipSchema.parse({ membershipId: current.id, validTo: '2026-12-31' }));
    const ended = await ctx.db.clusterMembership.findUniqueOrThrow({ where: { id: current.id } });
    expect(ended.validTo?.toISOString().slice(0, 10)).toBe('2026-12-31');
    const audit = await ctx.db.auditLog.findFirstOrThrow({ where: { action: 'cluster.member.end', entityId: current.id } });
    expect({ old: audit.oldValue, new: audit.newValue }).toEqual({ old: null, new: '2026-12-31' });
  });

  it('keeps the note with its audit trail', async () => {
    const { clusterId, admin } = await setup();
    await updateClusterNote(ctx.db, admin, { clusterId, note: 'Thành phần đã được Trung ương Hội xác nhận.' });
    expect((await ctx.db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).note).toBe('Thành phần đã được Trung ương Hội xác nhận.');
    expect(await ctx.db.auditLog.count({ where: { action: 'cluster.note.update' } })).toBe(1);
  });

  it('validates dates with Vietnamese messages', () => {
    const result = AddClusterMemberSchema.safeParse({ clusterId: 'x', provinceId: '', validFrom: '01/07/2025' });
    expect(result.success).toBe(false);
    const errors = result.error!.flatten().fieldErrors;
    expect(errors.provinceId?.[0]).toBe('Vui lòng chọn tỉnh, thành phố.');
    expect(errors.validFrom?.[0]).toBe('Ngày không hợp lệ (định dạng năm-tháng-ngày).');
  });
});
