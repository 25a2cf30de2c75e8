// POST /api/v1/users: an account created through the API as the users page creates it, with the
// province and cluster named by code and a generated password shown once; administrators only.
import { describe, expect, it } from 'vitest';
import { verifyCredentials } from '../../lib/accounts/users';
import { SCOPE_MESSAGES } from '../../lib/accounts/user-schemas';
import { callApi, demo, tokenFor } from '../helpers/api';
import { useSeededDb } from '../helpers/seeded-db';

const ctx = useSeededDb();

async function userState() {
  const [users, audit] = await Promise.all([ctx.db.user.findMany({ orderBy: { id: 'asc' } }), ctx.db.auditLog.findMany({ where: { entityType: 'User' }, orderBy: { id: 'asc' } })]);
  return { users, audit };
}

const post = async (email: string, body: unknown) => callApi(ctx.db, { method: 'POST', path: '/api/v1/users', token: await tokenFor(ctx.db, email), body });

describe('POST /api/v1/users', () => {
  it('creates a provincial account for the province in force with that code, answering its generated password once', async () => {
    const answer = await post(demo('admin'), { email: 'Can.Bo@HungYen.vn', name: 'Cán bộ Hưng Yên', role: 'PROVINCE_STAFF', province: '33' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      user: { id: expect.any(String), email: 'can.bo@hungyen.vn', name: 'Cán bộ Hưng Yên', role: 'PROVINCE_STAFF', province: '33', cluster: null },
      password: expect.any(String),
    });
    // Code 33 is today's Hưng Yên (formed on 1 July 2025), not the one merged into it.
    const created = await ctx.db.user.findUniqueOrThrow({ where: { email: 'can.bo@hungyen.vn' }, select: { province: { select: { code: true, validTo: true } } } });
    expect(created.province).toEqual({ code: '33', validTo: null });
    expect(await verifyCredentials(ctx.db, { email: 'can.bo@hungyen.vn', password: answer.body.password })).toMatchObject({ role: 'PROVINCE_STAFF' });
    const audit = await ctx.db.auditLog.findFirstOrThrow({ where: { action: 'user.create', entityId: answer.body.user.id } });
    expect(audit.details).toMatchObject({ password: 'generated' });
    expect([audit.oldValue, audit.newValue, JSON.stringify(audit.details)].join(" ")).not.toContain(answer.body.password);
  });

  it('creates a cluster leader by the cluster’s code', async () => {
    const answer = await post(demo('admin'), { email: 'truong.cum@tinh.vn', name: 'Cụm trưởng mới', role: 'CLUSTER_LEADER', cluster: 'CUM3' });
    expect(answer).toMatchObject({ status: 200, body: { user: { role: 'CLUSTER_LEADER', province: null, cluster: 'CUM3' } } });
  });

  it('refuses whole, naming the field, an unknown code, a missing scope, a taken address and a password sent by the caller', async () => {
    const before = await userState();
    expect(await post(demo('admin'), { email: 'a@tinh.vn', name: 'A', role: 'PROVINCE_STAFF', province: '99' })).toMatchObject({
      status: 400,
      body: { error: { code: 'INVALID_INPUT', fields: { province: 'Không có tỉnh, thành phố mã 99 đang có hiệu lực.' } } },
    });
    // Vĩnh Phúc (26) was merged away on 1 July 2025: no account can be tied to it any more.
    expect((await post(demo('admin'), { email: 'a@tinh.vn', name: 'A', role: 'PROVINCE_STAFF', province: '26' })).body.error.fields).toEqual({
      province: 'Không có tỉnh, thành phố mã 26 đang có hiệu lực.',
    });
    expect((await post(demo('admin'), { email: 'a@tinh.vn', name: 'A', role: 'PROVINCE_STAFF' })).body.error.fields).toEqual({ province: SCOPE_MESSAGES.staffNeedsProvince });
    expect((await post(demo('admin'), { email: 'a@tinh.vn', name: 'A', role: 'CENTRAL', cluster: 'CUM3' })).body.error.fields).toEqual({ cluster: SCOPE_MESSAGES.noCluster });
    expect((await post(demo('admin'), { email: 'khong-phai-email', name: '', role: 'KHAC' })).body.error.fields).toMatchObject({
      email: expect.any(String),
      name: 'Vui lòng nhập họ tên.',
      role: 'Vui lòng chọn vai trò.',
    });
    expect((await post(demo('admin'), { email: demo('hungyen'), name: 'A', role: 'CENTRAL' })).body.error.fields).toEqual({ email: 'Email này đã có tài khoản.' });
    expect(await post(demo('admin'), { email: 'a@tinh.vn', name: 'A', role: 'CENTRAL', password: 'MatKhau@2026' })).toMatchObject({
      status: 400,
      body: { error: { message: 'Chỉ nhận các trường email, name, role, province, cluster. Mật khẩu do cổng tạo và chỉ hiện một lần trong câu trả lời.' } },
    });
    const after = await userState();
    expect(after.users).toEqual(before.users);
    expect(after.audit).toEqual(before.audit);
  });

  it('is for administrators only: a cluster leader, the central association and provincial staff are refused, nothing written', async () => {
    const before = await userState();
    for (const email of [demo('cum3'), demo('trunguong'), demo('hungyen')]) {
      const answer = await post(email, { email: 'khong.duoc@tinh.vn', name: 'Không được', role: 'CENTRAL' });
      expect(answer, email).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    }
    const after = await userState();
    expect(after.users).toEqual(before.users);
    expect(after.audit).toEqual(before.audit);
  });
});
