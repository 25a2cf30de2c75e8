// Personal API tokens: shown once, stored as a hash, usable until revoked, audited.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../lib/errors';
import { authenticateApiToken, createApiToken, listApiTokens, MAX_ACTIVE_TOKENS, revokeApiToken } from '../../lib/accounts/api-tokens';
import { callApi, demo, reportState, TEST_NOW } from '../helpers/api';
import { useSeededDb } from '../helpers/seeded-db';

const ctx = useSeededDb();

const userId = async (email: string) => (await ctx.db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
const me = (token: string) => callApi(ctx.db, { method: 'GET', path: '/api/v1/me', token });

describe('personal API tokens', () => {
  it('shows the secret once and stores only its SHA-256; creation is audited without the secret', async () => {
    const id = await userId(demo('hungyen'));
    const { id: tokenId, token } = await createApiToken(ctx.db, id, '  Đồng bộ Excel  ');
    expect(token).toMatch(/^khp_[A-Za-z0-9_-]{43}$/);
    const row = await ctx.db.apiToken.findUniqueOrThrow({ where: { id: tokenId } });
    expect(row).toMatchObject({ userId: id, name: 'Đồng bộ Excel', lastUsedAt: null, revokedAt: null });
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token.slice(4));
    const audit = await ctx.db.auditLog.findFirstOrThrow({ where: { action: 'apiToken.create', entityId: tokenId } });
    expect(audit).toMatchObject({ actorId: id, entityType: 'ApiToken', newValue: 'Đồng bộ Excel' });
    expect(JSON.stringify(audit, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain(token.slice(4));
    // Two tokens never share a secret.
    expect((await createApiToken(ctx.db, id, 'Thứ hai')).token).not.toBe(token);
  });

  it('authenticates as its user and records when it was last used', async () => {
    const id = await userId(demo('hungyen'));
    const { id: tokenId, token } = await createApiToken(ctx.db, id, 'Máy chủ tỉnh');
    const r = await me(token);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body).toEqual({
      id,
      email: demo('hungyen'),
      name: expect.any(String),
      role: 'PROVINCE_STAFF',
      scope: { province: { code: '33', name: 'Hưng Yên' }, cluster: null },
    });
    expect((await ctx.db.apiToken.findUniqueOrThrow({ where: { id: tokenId } })).lastUsedAt).toEqual(TEST_NOW);
    const leader = await createApiToken(ctx.db, await userId(demo('cum3')), 'Cụm');
    expect((await me(leader.token)).body).toMatchObject({ role: 'CLUSTER_LEADER', scope: { province: null, cluster: { code: 'CUM3' } } });
  });

  it('refreshes “last used” at most once a minute, so a busy script does not write on every call', async () => {
    const { id: tokenId, token } = await createApiToken(ctx.db, await userId(demo('trunguong')), 'Đồng bộ mỗi giây');
    const lastUsed = async () => (await ctx.db.apiToken.findUniqueOrThrow({ where: { id: tokenId } })).lastUsedAt;
    let writes = 0;
    const db = ctx.db.$extends({
      query: {
        apiToken: {
          async updateMany({ args, query }) {
            writes++;
            return query(args);
          },
        },
      },
    }) as unknown as typeof ctx.db;
    const t0 = new Date('2026-11-20T03:00:00Z');
    expect((await authenticateApiToken(db, token, t0))?.email).toBe(demo('trunguong'));
    expect([await lastUsed(), writes]).toEqual([t0, 1]);
    expect(await authenticateApiToken(db, token, new Date(t0.getTime() + 59_000))).not.toBeNull();
    expect([await lastUsed(), writes]).toEqual([t0, 1]);
    const later = new Date(t0.getTime() + 61_000);
    expect(await authenticateApiToken(db, token, later)).not.toBeNull();
    expect([await lastUsed(), writes]).toEqual([later, 2]);
  });

  it('refuses unknown, malformed and missing tokens with 401', async () => {
    for (const token of ['khp_' + 'A'.repeat(43), 'khp_short', 'not-a-token', '']) {
      const r = await me(token);
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('UNAUTHENTICATED');
    }
    const anonymous = await callApi(ctx.db, { method: 'GET', path: '/api/v1/me' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.message).toMatch(/Authorization: Bearer/);
  });

  it('revokes only the owner’s token; a revoked token is refused at once', async () => {
    const owner = await userId(demo('hungyen'));
    const other = await userId(demo('hanoi'));
    const { id: tokenId, token } = await createApiToken(ctx.db, owner, 'Sẽ thu hồi');

    const before = await ctx.db.apiToken.findUniqueOrThrow({ where: { id: tokenId } });
    const error = await revokeApiToken(ctx.db, other, tokenId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).code).toBe('NOT_FOUND');
    expect(await ctx.db.apiToken.findUniqueOrThrow({ where: { id: tokenId } })).toEqual(before);
    expect(await ctx.db.auditLog.count({ where: { action: 'apiToken.revoke', entityId: tokenId } })).toBe(0);

    const revoked = await revokeApiToken(ctx.db, owner, tokenId, TEST_NOW);
    expect(revoked.revokedAt).toEqual(TEST_NOW);
    const audit = await ctx.db.auditLog.findFirstOrThrow({ where: { action: 'apiToken.revoke', entityId: tokenId } });
    expect(audit).toMatchObject({ actorId: owner, oldValue: 'Sẽ thu hồi' });

    const stateBefore = await reportState(ctx.db);
    const r = await callApi(ctx.db, { method: 'PUT', path: '/api/v1/provinces/33/reports/2026S2', token, body: { version: 0, data: {} } });
    expect(r.status).toBe(401);
    expect(r.body.error).toEqual({ code: 'UNAUTHENTICATED', message: 'Mã truy cập không hợp lệ, đã bị thu hồi, hoặc tài khoản đã bị khoá.' });
    expect(await reportState(ctx.db)).toEqual(stateBefore);
    expect(await authenticateApiToken(ctx.db, token)).toBeNull();

    // Revoking again changes nothing and writes no second audit row.
    await revokeApiToken(ctx.db, owner, tokenId);
    expect(await ctx.db.auditLog.count({ where: { action: 'apiToken.revoke', entityId: tokenId } })).toBe(1);
  });

  it('stops working when its user is deactivated', async () => {
    const id = await userId(demo('ninhbinh'));
    const { token } = await createApiToken(ctx.db, id, 'Ninh Bình');
    expect((await me(token)).status).toBe(200);
    await ctx.db.user.update({ where: { id }, data: { active: false } });
    expect((await me(token)).status).toBe(401);
  });

  it('lists the user’s own tokens, newest first, without secrets', async () => {
    const id = await userId(demo('phutho'));
    await createApiToken(ctx.db, id, 'Một');
    await createApiToken(ctx.db, id, 'Hai');
    const list = await listApiTokens(ctx.db, id);
    expect(list.map((t) => t.name)).toEqual(['Hai', 'Một']);
    expect(Object.keys(list[0]).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name', 'revokedAt']);
    expect(await listApiTokens(ctx.db, await userId(demo('bacninh')))).toEqual([]);
  });

  it('requires a name and caps the active tokens per user', async () => {
    const id = await userId(demo('bacninh'));
    const blank = await createApiToken(ctx.db, id, '   ').catch((e: unknown) => e);
    expect((blank as UserFacingError).fieldErrors).toEqual({ name: ['Vui lòng đặt tên cho mã truy cập.'] });
    for (let i = 0; i < MAX_ACTIVE_TOKENS; i++) await createApiToken(ctx.db, id, `Mã ${i + 1}`);
    const count = await ctx.db.apiToken.count({ where: { userId: id } });
    await expect(createApiToken(ctx.db, id, 'Quá nhiều')).rejects.toThrow(/tối đa 20 mã/);
    expect(await ctx.db.apiToken.count({ where: { userId: id } })).toBe(count);
  });
});
