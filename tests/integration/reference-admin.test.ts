// Administration of provinces, clusters, memberships and leader terms (issue 11), through the data
// layer and the server actions: each write with its audit rows, each refusal (dates in the wrong
// order, overlaps, duplicate codes, a link that cannot hold) writing nothing, and only
// administrators allowed. Provinces are found by name and generation, not by code, so that the
// tests read the same whichever codes the reference data gives the provinces formed in 2025.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../lib/permissions';
import {
  addClusterMember,
  addLeaderTerm,
  createCluster,
  deleteClusterMembership,
  deleteLeaderTerm,
  endClusterMembership,
  updateCluster,
  updateClusterMembership,
  updateLeaderTerm,
} from '../../lib/reference/cluster-admin';
import { listProvincesOn, updateProvince } from '../../lib/reference/province-admin';
import { CreateClusterSchema, DeleteClusterMembershipSchema } from '../../lib/reference/admin-schemas';
import { formatDate } from '../../lib/format';
import { getClusterSummary } from '../../lib/dashboards/cluster-summary';
import { listVisibleClusters } from '../../lib/dashboards/visible-clusters';
import { periodRow } from '../../prisma/demo-data';
import { useSeededDb } from '../helpers/seeded-db';
import { refusal } from '../helpers/refusal';

const session = vi.hoisted(() => ({ user: null as SessionUser | null, db: null as unknown }));
vi.mock('../../lib/http/session', () => ({ getCurrentUser: async () => session.user }));
vi.mock('../../lib/platform/db', () => ({ getDb: () => session.db }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
const clusterActions = await import('../../app/(portal)/quan-tri/actions');
const provinceActions = await import('../../app/(portal)/quan-tri/tinh/actions');

const ctx = useSeededDb();

beforeEach(() => {
  session.db = ctx.db;
  session.user = null;
});

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const NOW = new Date('2026-11-20T03:00:00Z');

const sessionUser = (email: string): Promise<SessionUser> =>
  ctx.db.user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true, role: true, provinceId: true, clusterId: true } });
const admin = () => sessionUser('admin@demo.khuyenhoc.vn');
const NOT_ADMINS = ['hanoi@demo.khuyenhoc.vn', 'cum3@demo.khuyenhoc.vn', 'trunguong@demo.khuyenhoc.vn'];

/** A province of today (`current`) or one merged away on 1 July 2025, by name. */
const province = (name: string, current: boolean) =>
  ctx.db.province.findFirstOrThrow({ where: { name, ...(current ? { validTo: null } : { validTo: { not: null } }) } });
const cum3 = () => ctx.db.cluster.findUniqueOrThrow({ where: { code: 'CUM3' } });
const membershipOf = async (clusterCode: string, name: string, current: boolean) =>
  ctx.db.clusterMembership.findFirstOrThrow({ where: { cluster: { code: clusterCode }, provinceId: (await province(name, current)).id }, orderBy: { validFrom: 'desc' } });

/** Everything these writes may touch. */
async function referenceState() {
  const [provinces, clusters, memberships, terms, audit] = await Promise.all([
    ctx.db.province.findMany({ orderBy: { id: 'asc' } }),
    ctx.db.cluster.findMany({ orderBy: { id: 'asc' } }),
    ctx.db.clusterMembership.findMany({ orderBy: { id: 'asc' } }),
    ctx.db.clusterLeaderTerm.findMany({ orderBy: { id: 'asc' } }),
    ctx.db.auditLog.findMany({ orderBy: { id: 'asc' } }),
  ]);
  return { provinces, clusters, memberships, terms, audit };
}

const lastAudit = (where: { action?: string; entityId?: string }) => ctx.db.auditLog.findMany({ where, orderBy: { id: 'asc' } });

function form(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

describe('who may administer reference data', () => {
  it('refuses every write to a province, a cluster leader and the central association, writing nothing', async () => {
    const cluster = await cum3();
    const hanoi = await province('Hà Nội', true);
    const membership = await membershipOf('CUM3', 'Ninh Bình', true);
    const term = await ctx.db.clusterLeaderTerm.findFirstOrThrow({ where: { clusterId: cluster.id, validTo: day('2026-12-31') } });
    const before = await referenceState();
    for (const email of NOT_ADMINS) {
      const actor = await sessionUser(email);
      const calls: Promise<unknown>[] = [
        createCluster(ctx.db, actor, { code: 'CUM9', name: 'Cụm IX' }),
        updateCluster(ctx.db, actor, { clusterId: cluster.id, name: 'Cụm khác' }),
        addClusterMember(ctx.db, actor, { clusterCode: 'CUM3', provinceCode: '01', validFrom: day('2030-01-01') }),
        endClusterMembership(ctx.db, actor, { membershipId: membership.id, validTo: day('2030-12-31') }),
        updateClusterMembership(ctx.db, actor, { membershipId: membership.id, validFrom: day('2026-01-01') }),
        deleteClusterMembership(ctx.db, actor, { membershipId: membership.id, reason: 'Thử quyền' }),
        addLeaderTerm(ctx.db, actor, { clusterId: cluster.id, provinceId: hanoi.id, termLabel: '2027–2031', validFrom: day('2027-01-01') }),
        updateLeaderTerm(ctx.db, actor, { termId: term.id, validTo: day('2027-12-31') }),
        deleteLeaderTerm(ctx.db, actor, { termId: term.id, reason: 'Thử quyền' }),
        updateProvince(ctx.db, actor, { provinceId: hanoi.id }, { name: 'Thủ đô' }),
      ];
      for (const call of calls) expect((await refusal(call)).code, email).toBe('FORBIDDEN');
    }
    expect(await referenceState()).toEqual(before);
  });

  it('refuses the server actions to others and to a missing session, writing nothing', async () => {
    const cluster = await cum3();
    const hanoi = await province('Hà Nội', true);
    const membership = await membershipOf('CUM3', 'Ninh Bình', true);
    const before = await referenceState();
    const requests = [
      () => clusterActions.createClusterAction(null, form({ code: 'CUM9', name: 'Cụm IX' })),
      () => clusterActions.updateClusterAction(null, form({ clusterId: cluster.id, name: 'Cụm khác', region: '' })),
      () => clusterActions.updateClusterNoteAction(null, form({ clusterId: cluster.id, note: 'Không được lưu' })),
      () => clusterActions.addClusterMemberAction(null, form({ clusterId: cluster.id, provinceId: hanoi.id, validFrom: '2030-01-01' })),
      () => clusterActions.endClusterMembershipAction(null, form({ membershipId: membership.id, validTo: '2030-12-31' })),
      () => clusterActions.updateClusterMembershipAction(null, form({ membershipId: membership.id, validFrom: '2026-01-01', validTo: '' })),
      () => clusterActions.deleteClusterMembershipAction(null, form({ membershipId: membership.id, reason: 'Thử quyền' })),
      () => clusterActions.addLeaderTermAction(null, form({ clusterId: cluster.id, provinceId: hanoi.id, termLabel: '2027', validFrom: '2027-01-01', validTo: '' })),
      () => provinceActions.updateProvinceAction(null, form({ provinceId: hanoi.id, code: '01', name: 'Thủ đô', validFrom: '2008-08-01', validTo: '', successorId: '' })),
    ];
    for (const request of requests) expect((await request())?.message).toBe('Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.');
    for (const email of NOT_ADMINS) {
      session.user = await sessionUser(email);
      for (const request of requests) expect(await request(), email).toEqual({ ok: false, message: 'Bạn không có quyền thực hiện thao tác này.', fieldErrors: {} });
    }
    expect(await referenceState()).toEqual(before);
  });
});

describe('clusters', () => {
  it('creates a cluster with its audit row, the code in capitals; refuses a code already taken, writing nothing', async () => {
    session.user = await admin();
    const state = await clusterActions.createClusterAction(null, form({ code: ' cum1 ', name: 'Cụm I – Trung du và miền núi phía Bắc', region: 'Trung du và miền núi phía Bắc', note: '' }));
    expect(state).toEqual({ ok: true, message: 'Đã tạo cụm CUM1.' });
    const created = await ctx.db.cluster.findUniqueOrThrow({ where: { code: 'CUM1' } });
    expect(created).toMatchObject({ name: 'Cụm I – Trung du và miền núi phía Bắc', region: 'Trung du và miền núi phía Bắc', note: null });
    expect(await lastAudit({ action: 'cluster.create', entityId: created.id })).toMatchObject([{ actorId: session.user.id, entityType: 'Cluster', newValue: 'CUM1 · Cụm I – Trung du và miền núi phía Bắc' }]);

    const before = await referenceState();
    const again = await clusterActions.createClusterAction(null, form({ code: 'CUM1', name: 'Cụm trùng mã' }));
    expect(again).toEqual({ ok: false, message: 'Đã có cụm mã CUM1.', fieldErrors: { code: ['Đã có cụm mã CUM1.'] } });
    const invalid = CreateClusterSchema.safeParse({ code: 'cụm 1', name: '' });
    expect(invalid.error?.flatten().fieldErrors).toEqual({
      code: ['Mã cụm gồm chữ cái không dấu, chữ số và dấu gạch ngang, tối đa 20 ký tự, ví dụ CUM3.'],
      name: ['Vui lòng nhập tên cụm.'],
    });
    expect(await referenceState()).toEqual(before);
  });

  it('renames a cluster and clears its region, one audit row per changed field with old and new values', async () => {
    const actor = await admin();
    const cluster = await ctx.db.cluster.findUniqueOrThrow({ where: { code: 'CUM1' } });
    const saved = await updateCluster(ctx.db, actor, { clusterCode: 'CUM1', name: 'Cụm I – Miền núi phía Bắc', region: null });
    expect(saved).toEqual({ code: 'CUM1', name: 'Cụm I – Miền núi phía Bắc', region: null, note: null });
    const audit = await lastAudit({ entityId: cluster.id });
    expect(audit.slice(1).map((a) => [a.action, a.field, a.oldValue, a.newValue])).toEqual([
      ['cluster.name.update', 'name', 'Cụm I – Trung du và miền núi phía Bắc', 'Cụm I – Miền núi phía Bắc'],
      ['cluster.region.update', 'region', 'Trung du và miền núi phía Bắc', null],
    ]);
    // Saving what is already there writes nothing.
    const before = await referenceState();
    await updateCluster(ctx.db, actor, { clusterCode: 'CUM1', name: 'Cụm I – Miền núi phía Bắc', region: '' });
    expect(await referenceState()).toEqual(before);
  });
});

describe('memberships', () => {
  it('refuses a province in two clusters at once, whichever cluster it is added to, writing nothing', async () => {
    const actor = await admin();
    const vinhPhuc = await province('Vĩnh Phúc', false);
    const before = await referenceState();
    const e = await refusal(addClusterMember(ctx.db, actor, { clusterCode: 'CUM1', provinceId: vinhPhuc.id, validFrom: day('2024-01-01'), validTo: day('2025-06-30') }));
    expect(e.code).toBe('CONFLICT');
    expect(e.fieldErrors.provinceId?.[0]).toBe(
      'Vĩnh Phúc đã là thành viên của Cụm III – Đồng bằng sông Hồng (01/01/2021 – 30/06/2025): một tỉnh chỉ thuộc một cụm tại một thời điểm.',
    );
    // Today's Phú Thọ is in Cụm III with no end: a membership starting years later still overlaps.
    const phuTho = await province('Phú Thọ', true);
    expect((await refusal(addClusterMember(ctx.db, actor, { clusterCode: 'CUM1', provinceId: phuTho.id, validFrom: day('2030-01-01') }))).code).toBe('CONFLICT');
    expect(await referenceState()).toEqual(before);
  });

  it('refuses two overlapping rows of one province in one cluster, and accepts a row in a gap before the first', async () => {
    const actor = await admin();
    const hanoi = await province('Hà Nội', true);
    const before = await referenceState();
    // Hà Nội has two rows in Cụm III: 2021-01-01 – 2025-06-30 and 2025-07-01 – open.
    const overlapping = await refusal(addClusterMember(ctx.db, actor, { clusterCode: 'CUM3', provinceId: hanoi.id, validFrom: day('2020-01-01'), validTo: day('2021-01-01') }));
    expect(overlapping.fieldErrors.provinceId?.[0]).toBe('Hà Nội đã là thành viên của cụm trong khoảng thời gian này (01/01/2021 – 30/06/2025).');
    expect(await referenceState()).toEqual(before);

    const gap = await addClusterMember(ctx.db, actor, { clusterCode: 'CUM3', provinceId: hanoi.id, validFrom: day('2019-01-01'), validTo: day('2020-12-31') });
    expect(gap).toMatchObject({ cluster: 'CUM3', province: '01', provinceName: 'Hà Nội', from: '2019-01-01', to: '2020-12-31' });
    const audit = await lastAudit({ action: 'cluster.member.add', entityId: gap.id });
    expect(audit).toMatchObject([{ entityType: 'ClusterMembership', newValue: 'Hà Nội từ 2019-01-01 đến 2020-12-31' }]);
    await deleteClusterMembership(ctx.db, actor, { membershipId: gap.id, reason: 'Chỉ để thử' });
  });

  it('refuses an end before the start, naming the field, writing nothing', async () => {
    const actor = await admin();
    const bacGiang = await province('Bắc Giang', false);
    const before = await referenceState();
    const e = await refusal(addClusterMember(ctx.db, actor, { clusterCode: 'CUM1', provinceId: bacGiang.id, validFrom: day('2025-06-30'), validTo: day('2021-01-01') }));
    expect(e.fieldErrors).toEqual({ validTo: ['Ngày kết thúc phải sau ngày bắt đầu.'] });
    expect(await referenceState()).toEqual(before);
  });

  it('moves a province between clusters at a term: an end on one day, a start the next (both ends inclusive)', async () => {
    const actor = await admin();
    const ninhBinh = await membershipOf('CUM3', 'Ninh Bình', true);
    await endClusterMembership(ctx.db, actor, { membershipId: ninhBinh.id, validTo: day('2029-12-31') });
    const onTheLastDay = await refusal(addClusterMember(ctx.db, actor, { clusterCode: 'CUM1', provinceId: ninhBinh.provinceId, validFrom: day('2029-12-31') }));
    expect(onTheLastDay.code).toBe('CONFLICT');
    const moved = await addClusterMember(ctx.db, actor, { clusterCode: 'CUM1', provinceId: ninhBinh.provinceId, validFrom: day('2030-01-01') });
    expect(moved).toMatchObject({ cluster: 'CUM1', from: '2030-01-01', to: null });
    const end = await lastAudit({ action: 'cluster.member.end', entityId: ninhBinh.id });
    expect(end.map((a) => [a.field, a.oldValue, a.newValue])).toEqual([['validTo', null, '2029-12-31']]);
    // Put back as the demo had it, for the tests below.
    await deleteClusterMembership(ctx.db, actor, { membershipId: moved.id, reason: 'Trả lại như dữ liệu mẫu' });
    await updateClusterMembership(ctx.db, actor, { membershipId: ninhBinh.id, validTo: null });
  });

  it('a membership starting on a period’s first day is taken out of that period by correcting its start', async () => {
    const actor = await admin();
    const phuTho = await membershipOf('CUM3', 'Phú Thọ', true);
    const members = async (period: string) =>
      (await getClusterSummary(ctx.db, { clusterCode: 'CUM3', periodCode: period, now: NOW }))!.provinces.map((p) => p.name);
    expect(await members('2025S2')).toContain('Phú Thọ');

    // Ending it the day before it began would be an empty range: refused, with the way out.
    const e = await refusal(endClusterMembership(ctx.db, actor, { membershipId: phuTho.id, validTo: day('2025-06-30') }));
    expect(e.fieldErrors.validTo?.[0]).toBe(
      'Ngày kết thúc phải sau ngày bắt đầu. Nếu tỉnh không thuộc cụm ngay từ ngày bắt đầu, hãy xoá tư cách thành viên này (kèm lý do) hoặc sửa ngày bắt đầu.',
    );

    const state = await (async () => {
      session.user = actor;
      return clusterActions.updateClusterMembershipAction(null, form({ membershipId: phuTho.id, validFrom: '2026-01-01', validTo: '' }));
    })();
    expect(state).toEqual({ ok: true, message: 'Đã sửa ngày của tư cách thành viên.' });
    expect(await members('2025S2')).not.toContain('Phú Thọ');
    expect(await members('2026S1')).toContain('Phú Thọ');
    const audit = await lastAudit({ action: 'cluster.member.update', entityId: phuTho.id });
    expect(audit.map((a) => [a.field, a.oldValue, a.newValue, a.actorId])).toEqual([['validFrom', '2025-07-01', '2026-01-01', actor.id]]);

    await updateClusterMembership(ctx.db, actor, { membershipId: phuTho.id, validFrom: day('2025-07-01') });
    expect(await members('2025S2')).toContain('Phú Thọ');
  });

  it('deletes a mistaken membership with its reason in the log; a reason is required', async () => {
    const actor = await admin();
    const bacGiang = await province('Bắc Giang', false);
    const row = await addClusterMember(ctx.db, actor, { clusterCode: 'CUM1', provinceId: bacGiang.id, validFrom: day('2021-01-01'), validTo: day('2025-06-30') });

    expect(DeleteClusterMembershipSchema.safeParse({ membershipId: row.id, reason: ' ' }).error?.flatten().fieldErrors).toEqual({
      reason: ['Vui lòng nhập lý do (ít nhất 3 ký tự).'],
    });
    session.user = actor;
    const state = await clusterActions.deleteClusterMembershipAction(null, form({ membershipId: row.id, reason: 'Nhập nhầm cụm' }));
    expect(state).toEqual({ ok: true, message: 'Đã xoá Bắc Giang khỏi cụm (tư cách thành viên nhập nhầm).' });
    expect(await ctx.db.clusterMembership.findUnique({ where: { id: row.id } })).toBeNull();
    const [audit] = await lastAudit({ action: 'cluster.member.delete', entityId: row.id });
    expect(audit).toMatchObject({ actorId: actor.id, entityType: 'ClusterMembership', newValue: null });
    expect(audit.oldValue).toMatch(/^Bắc Giang \(\d{2}\) 01\/01\/2021 – 30\/06\/2025$/);
    expect(audit.details).toMatchObject({ reason: 'Nhập nhầm cụm', cluster: 'CUM1', validFrom: '2021-01-01', validTo: '2025-06-30' });
  });

  it('refuses to delete or shorten the membership a leader term needs, writing nothing', async () => {
    const actor = await admin();
    const hungYen = await membershipOf('CUM3', 'Hưng Yên', true);
    const before = await referenceState();
    const deleted = await refusal(deleteClusterMembership(ctx.db, actor, { membershipId: hungYen.id, reason: 'Thử xoá' }));
    expect(deleted.code).toBe('CONFLICT');
    expect(deleted.message).toBe(
      'Hưng Yên là cụm trưởng nhiệm kỳ 2021–2026 (kế thừa Thái Bình) từ 01/07/2025, nên phải là thành viên của cụm vào ngày đó. Hãy sửa hoặc xoá nhiệm kỳ cụm trưởng trước.',
    );
    const moved = await refusal(updateClusterMembership(ctx.db, actor, { membershipId: hungYen.id, validFrom: day('2026-01-01') }));
    expect(moved.fieldErrors.validFrom?.[0]).toMatch(/^Hưng Yên là cụm trưởng nhiệm kỳ/);
    expect(await referenceState()).toEqual(before);
  });
});

describe('leader terms', () => {
  it('names the next leader from the day after the term ends; the dashboard and the cluster list show it', async () => {
    const actor = await admin();
    const ninhBinh = await province('Ninh Bình', true);
    session.user = actor;
    const cluster = await cum3();
    const state = await clusterActions.addLeaderTermAction(
      null,
      form({ clusterId: cluster.id, provinceId: ninhBinh.id, termLabel: '2027–2031', validFrom: '2027-01-01', validTo: '' }),
    );
    expect(state).toEqual({ ok: true, message: 'Đã thêm nhiệm kỳ cụm trưởng.' });
    const term = await ctx.db.clusterLeaderTerm.findFirstOrThrow({ where: { clusterId: cluster.id, validFrom: day('2027-01-01') } });
    expect(await lastAudit({ action: 'cluster.leader.add', entityId: term.id })).toMatchObject([{ actorId: actor.id, newValue: 'Ninh Bình · nhiệm kỳ 2027–2031 · 01/01/2027 – nay' }]);

    await ctx.db.period.create({ data: periodRow('2027S1', false) });
    const summary = (period: string) => getClusterSummary(ctx.db, { clusterCode: 'CUM3', periodCode: period, now: NOW });
    expect((await summary('2027S1'))?.leader).toMatchObject({ name: 'Ninh Bình', termLabel: '2027–2031' });
    expect((await summary('2026S2'))?.leader).toMatchObject({ name: 'Hưng Yên', termLabel: '2021–2026 (kế thừa Thái Bình)' });
    const listed = (await listVisibleClusters(ctx.db, actor, new Date('2027-01-01T03:00:00Z'))).find((c) => c.code === 'CUM3');
    expect(listed?.leader).toMatchObject({ name: 'Ninh Bình', termLabel: '2027–2031' });
  });

  it('refuses a term overlapping another, a leader not a member on the first day, and dates in the wrong order, writing nothing', async () => {
    const actor = await admin();
    const [bacNinh, oldPhuTho] = await Promise.all([province('Bắc Ninh', true), province('Phú Thọ', false)]);
    const before = await referenceState();
    const overlap = await refusal(addLeaderTerm(ctx.db, actor, { clusterCode: 'CUM3', provinceId: bacNinh.id, termLabel: 'Thử', validFrom: day('2026-07-01') }));
    expect(overlap.code).toBe('CONFLICT');
    expect(overlap.fieldErrors.validFrom?.[0]).toBe(
      'Nhiệm kỳ này chồng lên nhiệm kỳ 2021–2026 (kế thừa Thái Bình) của Hưng Yên (01/07/2025 – 31/12/2026): một cụm chỉ có một cụm trưởng tại một thời điểm.',
    );
    const notMember = await refusal(addLeaderTerm(ctx.db, actor, { clusterCode: 'CUM3', provinceId: oldPhuTho.id, termLabel: '2016–2020', validFrom: day('2016-01-01'), validTo: day('2020-12-31') }));
    expect(notMember.fieldErrors.provinceId?.[0]).toBe(
      'Phú Thọ không là thành viên của cụm vào ngày 01/01/2016, ngày đầu nhiệm kỳ: tỉnh cụm trưởng phải là thành viên của cụm.',
    );
    const reversed = await refusal(addLeaderTerm(ctx.db, actor, { clusterCode: 'CUM3', provinceId: bacNinh.id, termLabel: 'Thử', validFrom: day('2032-01-01'), validTo: day('2031-12-31') }));
    expect(reversed.fieldErrors).toEqual({ validTo: ['Ngày kết thúc phải sau ngày bắt đầu.'] });
    expect(await referenceState()).toEqual(before);
  });

  it('ends and corrects a term, one audit row per field, and deletes a mistaken one with its reason', async () => {
    const actor = await admin();
    const cluster = await cum3();
    const term = await ctx.db.clusterLeaderTerm.findFirstOrThrow({ where: { clusterId: cluster.id, validFrom: day('2027-01-01') } });
    const bacNinh = await province('Bắc Ninh', true);
    const saved = await updateLeaderTerm(ctx.db, actor, { termId: term.id, provinceId: bacNinh.id, termLabel: '2027–2031 (Bắc Ninh)', validTo: day('2031-12-31') });
    expect(saved).toMatchObject({ provinceName: 'Bắc Ninh', term: '2027–2031 (Bắc Ninh)', from: '2027-01-01', to: '2031-12-31' });
    const audit = await lastAudit({ action: 'cluster.leader.update', entityId: term.id });
    expect(audit.map((a) => a.field)).toEqual(['province', 'termLabel', 'validTo']);
    expect(audit[0].oldValue).toMatch(/^Ninh Bình \(\d{2}, 01\/07\/2025 – nay\)$/);
    expect(audit[0].newValue).toMatch(/^Bắc Ninh \(\d{2}, 01\/07\/2025 – nay\)$/);
    expect([audit[2].oldValue, audit[2].newValue]).toEqual([null, '2031-12-31']);

    await deleteLeaderTerm(ctx.db, actor, { termId: term.id, reason: 'Chưa có quyết định công nhận' });
    expect(await ctx.db.clusterLeaderTerm.findUnique({ where: { id: term.id } })).toBeNull();
    const [deleted] = await lastAudit({ action: 'cluster.leader.delete', entityId: term.id });
    expect(deleted.details).toMatchObject({ reason: 'Chưa có quyết định công nhận', cluster: 'CUM3', termLabel: '2027–2031 (Bắc Ninh)' });
  });
});

describe('provinces', () => {
  it('lists the provinces in force on a day, filtered by the start of a code or a part of a name in any case', async () => {
    const names = async (iso: string, query?: string) => (await listProvincesOn(ctx.db, day(iso), query)).map((p) => p.name);
    expect(await names('2026-11-20', 'ninh')).toEqual(expect.arrayContaining(['Bắc Ninh', 'Ninh Bình']));
    expect(await names('2026-11-20', 'Thái Bình')).toEqual([]);
    expect(await names('2025-06-30', 'Thái Bình')).toEqual(['Thái Bình']);
    expect(await names('2026-11-20', '01')).toEqual(['Hà Nội']);
  });

  it('corrects a name and a date through the form, the log keeping the old values and the reason', async () => {
    const actor = await admin();
    session.user = actor;
    const vinhPhuc = await province('Vĩnh Phúc', false);
    const fields = { provinceId: vinhPhuc.id, code: vinhPhuc.code, validTo: '2025-06-30', successorId: vinhPhuc.successorId ?? '' };
    const state = await provinceActions.updateProvinceAction(
      null,
      form({ ...fields, name: 'Vĩnh Phúc', validFrom: '1997-01-01', reason: 'Tái lập tỉnh từ 1/1/1997 (chia tỉnh Vĩnh Phú)' }),
    );
    expect(state).toEqual({ ok: true, message: `Đã lưu Vĩnh Phúc (${vinhPhuc.code}).` });
    expect((await ctx.db.province.findUniqueOrThrow({ where: { id: vinhPhuc.id } })).validFrom).toEqual(day('1997-01-01'));
    const audit = await lastAudit({ action: 'province.update', entityId: vinhPhuc.id });
    expect(audit.map((a) => [a.field, a.oldValue, a.newValue])).toEqual([['validFrom', vinhPhuc.validFrom.toISOString().slice(0, 10), '1997-01-01']]);
    expect(audit[0]).toMatchObject({ actorId: actor.id, entityType: 'Province', details: { reason: 'Tái lập tỉnh từ 1/1/1997 (chia tỉnh Vĩnh Phú)' } });
  });

  it('keeps a code unique in time: refuses the code of a province in force at the same time, accepts a code free then', async () => {
    const actor = await admin();
    const [phuTho, hungYen, oldBacGiang] = await Promise.all([province('Phú Thọ', true), province('Hưng Yên', true), province('Bắc Giang', false)]);
    const before = await referenceState();
    const clash = await refusal(updateProvince(ctx.db, actor, { provinceId: phuTho.id }, { code: hungYen.code }));
    expect(clash.code).toBe('CONFLICT');
    expect(clash.fieldErrors.code?.[0]).toBe(`Mã ${hungYen.code} đã là mã của Hưng Yên (01/07/2025 – nay): một mã chỉ thuộc một tỉnh, thành phố tại một thời điểm.`);
    // A code of a province merged away is free from the day after: here, old Bắc Giang's.
    const old = await refusal(updateProvince(ctx.db, actor, { provinceId: oldBacGiang.id }, { validTo: day('2025-07-01') }));
    expect(old.code).toBe('CONFLICT');
    expect(await referenceState()).toEqual(before);

    const saved = await updateProvince(ctx.db, actor, { provinceId: phuTho.id }, { code: '98', reason: 'Thử một mã chưa dùng' });
    expect(saved).toMatchObject({ code: '98', name: 'Phú Thọ', validFrom: '2025-07-01', validTo: null, successor: null });
    const [audit] = await lastAudit({ action: 'province.update', entityId: phuTho.id });
    expect([audit.field, audit.oldValue, audit.newValue]).toEqual(['code', phuTho.code, '98']);
    await updateProvince(ctx.db, actor, { provinceId: phuTho.id }, { code: phuTho.code });
  });

  it('refuses dates in the wrong order and dates that would leave a membership, a report or a merged province outside, writing nothing', async () => {
    const actor = await admin();
    const [hanoi, phuTho, thaiBinh] = await Promise.all([province('Hà Nội', true), province('Phú Thọ', true), province('Thái Bình', false)]);
    const before = await referenceState();
    expect((await refusal(updateProvince(ctx.db, actor, { provinceId: hanoi.id }, { validTo: day('2000-01-01') }))).fieldErrors).toEqual({
      validTo: ['Ngày kết thúc phải sau ngày bắt đầu.'],
    });
    const member = await refusal(updateProvince(ctx.db, actor, { provinceId: hanoi.id }, { validFrom: day('2022-01-01') }));
    expect(member.fieldErrors.validFrom?.[0]).toBe(
      'Tỉnh là thành viên của Cụm III – Đồng bằng sông Hồng từ ngày 01/01/2021, ngoài thời gian hiệu lực mới: hãy sửa tư cách thành viên trước.',
    );
    const merged = await refusal(updateProvince(ctx.db, actor, { provinceId: phuTho.id }, { validFrom: day('2025-08-01') }));
    expect(merged.fieldErrors.validFrom?.[0]).toMatch(/hợp nhất vào tỉnh này từ ngày 01\/07\/2025, nên tỉnh phải có hiệu lực vào ngày đó\.$/);
    const report = await refusal(updateProvince(ctx.db, actor, { provinceId: thaiBinh.id }, { validTo: day('2024-12-31'), successor: null }));
    expect(report.fieldErrors.validTo?.[0]).toBe('Tỉnh có báo cáo 6 tháng đầu năm 2025, kỳ nằm ngoài thời gian hiệu lực mới.');
    expect(await referenceState()).toEqual(before);
  });

  it('refuses a successor link that cannot hold, naming the field, writing nothing', async () => {
    const actor = await admin();
    const [hanoi, hungYen, oldHungYen, thaiBinh] = await Promise.all([
      province('Hà Nội', true),
      province('Hưng Yên', true),
      province('Hưng Yên', false),
      province('Thái Bình', false),
    ]);
    const before = await referenceState();
    const stillInForce = await refusal(updateProvince(ctx.db, actor, { provinceId: hanoi.id }, { successor: { id: hungYen.id } }));
    expect(stillInForce.fieldErrors).toEqual({ validTo: ['Tỉnh còn hiệu lực (chưa có ngày hết hiệu lực) thì chưa có tỉnh kế thừa: hãy nhập ngày hết hiệu lực.'] });
    const notAfter = await refusal(updateProvince(ctx.db, actor, { provinceId: thaiBinh.id }, { successor: { id: oldHungYen.id } }));
    expect(notAfter.fieldErrors.successorId?.[0]).toBe(
      `Hưng Yên (${formatDate(oldHungYen.validFrom)} – 30/06/2025) không có hiệu lực vào ngày 01/07/2025, ngày sau khi tỉnh này hết hiệu lực.`,
    );
    expect((await refusal(updateProvince(ctx.db, actor, { provinceId: thaiBinh.id }, { successor: { id: thaiBinh.id } }))).fieldErrors).toEqual({
      successorId: ['Một tỉnh không thể kế thừa chính nó.'],
    });
    expect(await referenceState()).toEqual(before);
  });
});
