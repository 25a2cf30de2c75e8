import { describe, expect, it } from 'vitest';
import { verifyCredentials } from '../../lib/accounts/users';
import { useSeededDb } from '../helpers/seeded-db';

const ctx = useSeededDb();
const PASSWORD = 'KhuyenHoc@2022';

describe('verifyCredentials', () => {
  it('signs in a demo account with its role and scope, case-insensitively on the e-mail', async () => {
    const user = await verifyCredentials(ctx.db, { email: ' HungYen@demo.khuyenhoc.vn ', password: PASSWORD });
    const hungYen = await ctx.db.province.findFirstOrThrow({ where: { code: '33', validTo: null } });
    expect(user).toMatchObject({ email: 'hungyen@demo.khuyenhoc.vn', role: 'PROVINCE_STAFF', provinceId: hungYen.id, clusterId: null });
    const row = await ctx.db.user.findUniqueOrThrow({ where: { email: 'hungyen@demo.khuyenhoc.vn' } });
    expect(row.lastLoginAt).not.toBeNull();
  });

  it('gives the cluster leader their cluster', async () => {
    const user = await verifyCredentials(ctx.db, { email: 'cum3@demo.khuyenhoc.vn', password: PASSWORD });
    const cum3 = await ctx.db.cluster.findUniqueOrThrow({ where: { code: 'CUM3' } });
    expect(user).toMatchObject({ role: 'CLUSTER_LEADER', clusterId: cum3.id, provinceId: null });
  });

  it('refuses a wrong password, an unknown account and malformed input alike', async () => {
    expect(await verifyCredentials(ctx.db, { email: 'cum3@demo.khuyenhoc.vn', password: 'KhuyenHoc@2023' })).toBeNull();
    expect(await verifyCredentials(ctx.db, { email: 'nobody@demo.khuyenhoc.vn', password: PASSWORD })).toBeNull();
    expect(await verifyCredentials(ctx.db, { email: 'not-an-email', password: PASSWORD })).toBeNull();
    expect(await verifyCredentials(ctx.db, undefined)).toBeNull();
  });

  it('refuses a deactivated account even with the right password', async () => {
    await ctx.db.user.update({ where: { email: 'namdinh@demo.khuyenhoc.vn' }, data: { active: false } });
    expect(await verifyCredentials(ctx.db, { email: 'namdinh@demo.khuyenhoc.vn', password: PASSWORD })).toBeNull();
  });
});
