// The administration API for provinces, clusters, memberships and leader terms (issue 11), through
// the real route handlers: codes and YYYY-MM-DD dates in, the API's error format out, field errors
// named by the body's keys, only administrators writing, and a refused call writing nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { callApi, demo, tokenFor, type ApiCall } from '../helpers/api';
import { useSeededDb } from '../helpers/seeded-db';

const ctx = useSeededDb();
const tokens: Record<string, string> = {};

beforeAll(async () => {
  for (const local of ['admin', 'cum3', 'trunguong', 'hungyen']) tokens[local] = await tokenFor(ctx.db, demo(local));
});

const as = (local: string, call: Omit<ApiCall, 'token'>) => callApi(ctx.db, { ...call, token: tokens[local] });
const admin = (call: Omit<ApiCall, 'token'>) => as('admin', call);

/** Everything these routes may write (a token's lastUsedAt is bookkeeping and left out). */
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

const current = (name: string) => ctx.db.province.findFirstOrThrow({ where: { name, validTo: null } });

describe('GET /api/v1/provinces', () => {
  it('lists the provinces in force today in Vietnam to any signed-in account, with their successor’s code', async () => {
    const today = await as('hungyen', { method: 'GET', path: '/api/v1/provinces' });
    expect(today.status).toBe(200);
    const inForce = await ctx.db.province.count({ where: { validTo: null } });
    expect(today.body.provinces).toHaveLength(inForce);
    expect(today.body.provinces[0]).toEqual({ code: '01', name: 'Hà Nội', validFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), validTo: null, successor: null });
    const codes = today.body.provinces.map((p: { code: string }) => p.code);
    expect(codes).toEqual([...codes].sort());

    const before = await as('hungyen', { method: 'GET', path: '/api/v1/provinces?on=2025-06-30' });
    const vinhPhuc = before.body.provinces.find((p: { name: string }) => p.name === 'Vĩnh Phúc');
    expect(vinhPhuc).toEqual({ code: '26', name: 'Vĩnh Phúc', validFrom: expect.any(String), validTo: '2025-06-30', successor: (await current('Phú Thọ')).code });
    expect(before.body.provinces.some((p: { validFrom: string }) => p.validFrom === '2025-07-01')).toBe(false);
  });

  it('refuses a malformed date and a caller without credentials', async () => {
    const bad = await as('hungyen', { method: 'GET', path: '/api/v1/provinces?on=2025-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({ on: 'Ngày không hợp lệ: không có ngày này trong lịch.' });
    expect((await callApi(ctx.db, { method: 'GET', path: '/api/v1/provinces' })).status).toBe(401);
  });
});

describe('PATCH /api/v1/provinces/{code}', () => {
  it('asks which row when a code names several, and picks it by ?on= or by the body’s validFrom', async () => {
    const before = await referenceState();
    const ambiguous = await admin({ method: 'PATCH', path: '/api/v1/provinces/33', body: { name: 'Hưng Yên' } });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.error.message).toMatch(/^Mã 33 là mã của nhiều tỉnh, thành phố theo thời gian: Hưng Yên \(.* – 30\/06\/2025\); Hưng Yên \(01\/07\/2025 – nay\)\. Thêm \?on=YYYY-MM-DD/);
    expect(Object.keys(ambiguous.body.error.fields)).toEqual(['on']);
    expect(await referenceState()).toEqual(before);

    const byDay = await admin({ method: 'PATCH', path: '/api/v1/provinces/33?on=2026-01-01', body: { name: 'Hưng Yên', reason: 'Không đổi gì' } });
    expect(byDay.status).toBe(200);
    expect(byDay.body).toEqual({ province: { code: '33', name: 'Hưng Yên', validFrom: '2025-07-01', validTo: null, successor: null } });
    expect(await referenceState()).toEqual(before);

    const byStart = await admin({ method: 'PATCH', path: '/api/v1/provinces/33', body: { validFrom: '2025-07-01', name: 'Hưng Yên (mới)' } });
    expect(byStart.body.province).toMatchObject({ name: 'Hưng Yên (mới)', validFrom: '2025-07-01' });
    const [audit] = await ctx.db.auditLog.findMany({ where: { action: 'province.update' } });
    expect(audit).toMatchObject({ field: 'name', oldValue: 'Hưng Yên', newValue: 'Hưng Yên (mới)', entityType: 'Province' });
    await admin({ method: 'PATCH', path: '/api/v1/provinces/33?on=2026-01-01', body: { name: 'Hưng Yên' } });
  });

  it('sets a successor by its code on the day after the province ends, and names the body’s keys in refusals', async () => {
    const thaiBinh = await ctx.db.province.findFirstOrThrow({ where: { name: 'Thái Bình' } });
    const removed = await admin({ method: 'PATCH', path: '/api/v1/provinces/34', body: { successor: null } });
    expect(removed.body.province).toMatchObject({ code: '34', successor: null });
    const restored = await admin({ method: 'PATCH', path: '/api/v1/provinces/34', body: { successor: '33' } });
    expect(restored.body.province).toMatchObject({ successor: '33' });
    expect((await ctx.db.province.findUniqueOrThrow({ where: { id: thaiBinh.id } })).successorId).toBe((await current('Hưng Yên')).id);

    const before = await referenceState();
    const unknown = await admin({ method: 'PATCH', path: '/api/v1/provinces/34', body: { successor: '99' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toEqual({ successor: 'Không có tỉnh, thành phố mã 99 có hiệu lực vào ngày 01/07/2025, ngày sau khi tỉnh này hết hiệu lực.' });
    const clash = await admin({ method: 'PATCH', path: '/api/v1/provinces/25?on=2026-01-01', body: { code: '33' } });
    expect(clash.status).toBe(409);
    expect(clash.body.error.fields.code).toMatch(/^Mã 33 đã là mã của Hưng Yên/);
    const typo = await admin({ method: 'PATCH', path: '/api/v1/provinces/34', body: { successorCode: '33' } });
    expect(typo.status).toBe(400);
    expect(typo.body.error.message).toBe('Trường không được hỗ trợ: successorCode.');
    expect((await admin({ method: 'PATCH', path: '/api/v1/provinces/00', body: { name: 'X' } })).status).toBe(404);
    for (const local of ['cum3', 'trunguong', 'hungyen']) {
      expect((await as(local, { method: 'PATCH', path: '/api/v1/provinces/34', body: { successor: null } })).status, local).toBe(403);
    }
    expect(await referenceState()).toEqual(before);
  });
});

describe('clusters, memberships and leader terms', () => {
  it('creates a cluster for administrators only; a duplicate or invalid one is refused, writing nothing', async () => {
    const body = { code: 'CUM1', name: 'Cụm I – Trung du và miền núi phía Bắc', region: 'Trung du và miền núi phía Bắc' };
    const before = await referenceState();
    for (const local of ['cum3', 'trunguong', 'hungyen']) {
      const refused = await as(local, { method: 'POST', path: '/api/v1/clusters', body });
      expect(refused.status, local).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
    }
    const invalid = await admin({ method: 'POST', path: '/api/v1/clusters', body: { code: 'cụm 1', name: '' } });
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.body.error.fields).sort()).toEqual(['code', 'name']);
    expect(await referenceState()).toEqual(before);

    const created = await admin({ method: 'POST', path: '/api/v1/clusters', body });
    expect(created).toMatchObject({ status: 200, body: { cluster: { ...body, note: null } } });
    const duplicate = await admin({ method: 'POST', path: '/api/v1/clusters', body });
    expect(duplicate).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT', fields: { code: 'Đã có cụm mã CUM1.' } } } });
  });

  it('renames a cluster and clears its region with null; an unknown cluster is 404', async () => {
    const renamed = await admin({ method: 'PATCH', path: '/api/v1/clusters/CUM1', body: { name: 'Cụm I', region: null, note: 'Thử' } });
    expect(renamed.body).toEqual({ cluster: { code: 'CUM1', name: 'Cụm I', region: null, note: 'Thử' } });
    expect((await admin({ method: 'PATCH', path: '/api/v1/clusters/CUM99', body: { name: 'X' } })).status).toBe(404);
  });

  it('adds, corrects and deletes memberships, refusing overlaps and wrong dates by the body’s keys', async () => {
    const added = await admin({ method: 'POST', path: '/api/v1/clusters/CUM1/memberships', body: { province: '17', from: '2021-01-01', to: '2025-06-30' } });
    expect(added.status).toBe(200);
    expect(added.body.membership).toEqual({ id: expect.any(String), cluster: 'CUM1', province: '17', provinceName: 'Hòa Bình', from: '2021-01-01', to: '2025-06-30' });
    const id = added.body.membership.id as string;

    const before = await referenceState();
    const refusals: Array<[Omit<ApiCall, 'token'>, number, Record<string, string>]> = [
      [{ method: 'POST', path: '/api/v1/clusters/CUM1/memberships', body: { province: '26', from: '2024-01-01', to: '2025-06-30' } }, 409, { province: 'Vĩnh Phúc đã là thành viên của Cụm III – Đồng bằng sông Hồng (01/01/2021 – 30/06/2025): một tỉnh chỉ thuộc một cụm tại một thời điểm.' }],
      [{ method: 'POST', path: '/api/v1/clusters/CUM1/memberships', body: { province: '17', from: '2025-07-01' } }, 400, { province: 'Không có tỉnh, thành phố mã 17 có hiệu lực vào ngày 01/07/2025.' }],
      [{ method: 'POST', path: '/api/v1/clusters/CUM1/memberships', body: { province: '17', from: '2025-06-30', to: '2021-01-01' } }, 400, { to: 'Ngày kết thúc phải sau ngày bắt đầu.' }],
      [{ method: 'POST', path: '/api/v1/clusters/CUM1/memberships', body: { province: '17', from: '01/01/2021' } }, 400, { from: 'Ngày không hợp lệ (định dạng năm-tháng-ngày).' }],
      [{ method: 'PATCH', path: `/api/v1/clusters/CUM1/memberships/${id}`, body: { from: '2025-07-01', to: null } }, 400, { from: 'Hòa Bình không còn hiệu lực (hoặc chưa thành lập) vào ngày 01/07/2025: tỉnh có hiệu lực 01/08/2008 – 30/06/2025.' }],
      [{ method: 'DELETE', path: `/api/v1/clusters/CUM1/memberships/${id}`, body: {} }, 400, { reason: 'Vui lòng nhập lý do.' }],
    ];
    for (const [call, status, fields] of refusals) {
      const answer = await admin(call);
      expect([answer.status, answer.body.error.fields], `${call.method} ${call.path} ${JSON.stringify(call.body)}`).toEqual([status, fields]);
    }
    // The membership of another cluster is not found under this one.
    expect((await admin({ method: 'PATCH', path: `/api/v1/clusters/CUM3/memberships/${id}`, body: { to: null } })).status).toBe(404);
    for (const local of ['cum3', 'trunguong']) {
      expect((await as(local, { method: 'DELETE', path: `/api/v1/clusters/CUM1/memberships/${id}`, body: { reason: 'Thử quyền' } })).status).toBe(403);
      expect((await as(local, { method: 'POST', path: '/api/v1/clusters/CUM1/memberships', body: { province: '24', from: '2021-01-01' } })).status).toBe(403);
    }
    expect(await referenceState()).toEqual(before);

    const corrected = await admin({ method: 'PATCH', path: `/api/v1/clusters/CUM1/memberships/${id}`, body: { from: '2022-01-01' } });
    expect(corrected.body.membership).toMatchObject({ id, from: '2022-01-01', to: '2025-06-30' });
    const deleted = await admin({ method: 'DELETE', path: `/api/v1/clusters/CUM1/memberships/${id}`, body: { reason: 'Nhập nhầm cụm' } });
    expect(deleted.body).toEqual({ deleted: { ...corrected.body.membership } });
    expect(await ctx.db.clusterMembership.findUnique({ where: { id } })).toBeNull();
    const audit = await ctx.db.auditLog.findMany({ where: { entityId: id }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['cluster.member.add', 'cluster.member.update', 'cluster.member.delete']);
    expect(audit[2].details).toMatchObject({ reason: 'Nhập nhầm cụm' });
  });

  it('names a leader for the next term, refusing an overlap and a leader not a member; ends and deletes a term', async () => {
    const added = await admin({ method: 'POST', path: '/api/v1/clusters/CUM3/leader-terms', body: { province: '37', term: '2027–2031', from: '2027-01-01' } });
    expect(added.body.leaderTerm).toEqual({ id: expect.any(String), cluster: 'CUM3', province: '37', provinceName: 'Ninh Bình', term: '2027–2031', from: '2027-01-01', to: null });
    const id = added.body.leaderTerm.id as string;

    const before = await referenceState();
    const overlap = await admin({ method: 'POST', path: '/api/v1/clusters/CUM3/leader-terms', body: { province: '01', term: 'Thử', from: '2031-01-01' } });
    expect([overlap.status, Object.keys(overlap.body.error.fields)]).toEqual([409, ['from']]);
    const notMember = await admin({ method: 'POST', path: '/api/v1/clusters/CUM1/leader-terms', body: { province: '01', term: 'Thử', from: '2027-01-01' } });
    expect(notMember.body.error.fields).toEqual({ province: 'Hà Nội không là thành viên của cụm vào ngày 01/01/2027, ngày đầu nhiệm kỳ: tỉnh cụm trưởng phải là thành viên của cụm.' });
    const missing = await admin({ method: 'POST', path: '/api/v1/clusters/CUM3/leader-terms', body: { province: '37', from: '2032-01-01' } });
    expect(missing.body.error.fields).toEqual({ term: 'Vui lòng nhập nhiệm kỳ.' });
    expect((await as('cum3', { method: 'PATCH', path: `/api/v1/clusters/CUM3/leader-terms/${id}`, body: { to: '2031-12-31' } })).status).toBe(403);
    expect(await referenceState()).toEqual(before);

    const ended = await admin({ method: 'PATCH', path: `/api/v1/clusters/CUM3/leader-terms/${id}`, body: { to: '2031-12-31' } });
    expect(ended.body.leaderTerm).toMatchObject({ id, to: '2031-12-31' });
    const record = await as('cum3', { method: 'GET', path: '/api/v1/clusters/CUM3' });
    expect(record.status).toBe(200);
    expect(record.body.leaderTerms[0]).toEqual(ended.body.leaderTerm);
    expect(record.body.cluster).toMatchObject({ code: 'CUM3' });
    expect((await as('hungyen', { method: 'GET', path: '/api/v1/clusters/CUM3' })).status).toBe(403);

    const deleted = await admin({ method: 'DELETE', path: `/api/v1/clusters/CUM3/leader-terms/${id}`, body: { reason: 'Chưa có quyết định' } });
    expect(deleted.body.deleted).toMatchObject({ id, term: '2027–2031' });
    expect(await ctx.db.clusterLeaderTerm.findUnique({ where: { id } })).toBeNull();
  });
});
