// Sign-in, sessions and tokens under an outside tester's attempts: parallel correct sign-ins,
// timing that would reveal accounts, a database failure at sign-in, tokens and sessions that
// outlive a password change, a lock or a sign-out.
import { Writable } from 'node:stream';

import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { PrismaClient } from '../../lib/generated/prisma/client';
import type { SessionUser } from '../../lib/permissions';
import { createLogger, setLogger, type Logger } from '../../lib/platform/logger';
import { SIGN_IN_UNAVAILABLE_ERROR, SIGN_IN_UNAVAILABLE_MESSAGE, signInErrorMessage } from '../../lib/accounts/user-schemas';
import { authenticateApiToken, createApiToken, listApiTokens } from '../../lib/accounts/api-tokens';
import { changeOwnPassword, endSession, loadSessionUser, signInWithThrottle, verifyCredentials } from '../../lib/accounts/users';
import { resetUserPassword, setUserActive } from '../../lib/accounts/user-admin';
import { createTestDb, type TestDb } from '../helpers/test-db';

const live = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('../../lib/platform/db', () => ({ getDb: () => live.db }));
const { authOptions } = await import('../../lib/accounts/auth-options');

const PASSWORD = 'Dung-mat-khau-2026';
let t: TestDb;
let db: PrismaClient;
let lowCostHash: string;
let admin: SessionUser;

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  live.db = db;
  // Cost 4, like the demo's cost 10: cheaper than the portal's 12.
  lowCostHash = await bcrypt.hash(PASSWORD, 4);
  const row = await db.user.create({ data: { email: 'quantri@hoi.vn', name: 'Quản trị', passwordHash: lowCostHash, role: 'ADMIN' } });
  admin = { id: row.id, email: row.email, name: row.name, role: 'ADMIN', provinceId: null, clusterId: null };
});
afterAll(() => t?.close());

async function account(local: string): Promise<SessionUser> {
  const row = await db.user.create({ data: { email: `${local}@tinh.vn`, name: local, passwordHash: lowCostHash, role: 'CENTRAL' } });
  return { id: row.id, email: row.email, name: row.name, role: 'CENTRAL', provinceId: null, clusterId: null };
}

describe('parallel sign-ins', () => {
  it('lets 30 correct sign-ins on one account in at once', async () => {
    const user = await account('song-song');
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, () => signInWithThrottle(db, { email: user.email, password: PASSWORD }, { ip: '198.51.100.10' })),
    );
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
  });

  it('lets 36 correct sign-ins from one office address in at once', async () => {
    const users = await Promise.all(Array.from({ length: 12 }, (_, i) => account(`van-phong-${i}`)));
    const outcomes = await Promise.all(
      Array.from({ length: 36 }, (_, i) => signInWithThrottle(db, { email: users[i % 12].email, password: PASSWORD }, { ip: '198.51.100.20' })),
    );
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
  });

  it('still lets 30 parallel wrong guesses check no more than 5 passwords', async () => {
    const user = await account('doan-mo');
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, () => signInWithThrottle(db, { email: user.email, password: 'Sai-mat-khau-1' }, { ip: '198.51.100.30' })),
    );
    expect(outcomes.filter((o) => !o.ok && o.reason === 'invalid')).toHaveLength(5);
    expect(outcomes.filter((o) => !o.ok && o.reason === 'throttled')).toHaveLength(25);
  });
});

describe('timing', () => {
  const timed = async (email: string) => {
    const started = performance.now();
    await verifyCredentials(db, { email, password: 'Sai-mat-khau-2' });
    return performance.now() - started;
  };

  it('takes as long for a wrong password on a cheaper hash as for an e-mail with no account', async () => {
    const user = await account('do-thoi-gian');
    // Warm up both paths, then take the median of a few runs of each.
    await timed('khong-co-ai@tinh.vn');
    await timed(user.email);
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 5; i++) {
      unknown.push(await timed(`khong-co-${i}@tinh.vn`));
      wrong.push(await timed(user.email));
    }
    // Before: a cost-4 comparison took a few milliseconds against ~250 for the dummy.
    expect(median(wrong)).toBeGreaterThan(0.8 * median(unknown));
  });
});

describe('a database failure at sign-in', () => {
  let captured: string[] = [];
  let previous: Logger | undefined;

  it('tells the visitor the service is unavailable and logs the details, revealing nothing', async () => {
    previous = setLogger(
      createLogger({
        level: 'info',
        destination: new Writable({
          write(chunk, _encoding, done) {
            captured.push(String(chunk));
            done();
          },
        }),
      }),
    );
    const broken = new Proxy({}, { get: () => new Proxy({}, { get: () => async () => { throw new Error('Database khuyenhoc_x does not exist'); } }) });
    live.db = broken;
    try {
      const provider = authOptions.providers[0] as unknown as { options: { authorize: (c: unknown, r: unknown) => Promise<unknown> } };
      const attempt = provider.options.authorize({ email: 'ai@tinh.vn', password: PASSWORD }, { headers: {} });
      await expect(attempt).rejects.toThrow(SIGN_IN_UNAVAILABLE_ERROR);
      await attempt.catch((e: Error) => expect(e.message).not.toMatch(/Database|does not exist/));
      expect(signInErrorMessage(SIGN_IN_UNAVAILABLE_ERROR)).toBe(SIGN_IN_UNAVAILABLE_MESSAGE);
      expect(captured.join('\n')).toMatch(/does not exist/);
    } finally {
      live.db = db;
      setLogger(previous);
      captured = [];
    }
  });
});

describe('tokens and sessions that must not outlive a change', () => {
  it('a password change revokes the API tokens, names them, and a token made before stops working', async () => {
    const user = await account('doi-mat-khau');
    const { token } = await createApiToken(db, user.id, 'Bảng tính tổng hợp');
    expect(await authenticateApiToken(db, token)).toMatchObject({ id: user.id });
    const result = await changeOwnPassword(
      db,
      user,
      { currentPassword: PASSWORD, newPassword: 'Mat-khau-moi-2026!', newPasswordConfirm: 'Mat-khau-moi-2026!' } as never,
      { ip: '198.51.100.40' },
    );
    expect(result.revokedTokens).toEqual(['Bảng tính tổng hợp']);
    expect(await authenticateApiToken(db, token)).toBeNull();
    expect((await listApiTokens(db, user.id))[0].revokedAt).not.toBeNull();
  });

  it('an administrator reset revokes the tokens too', async () => {
    const user = await account('dat-lai');
    const { token } = await createApiToken(db, user.id, 'Kịch bản nộp báo cáo');
    const result = await resetUserPassword(db, admin, { userId: user.id });
    expect(result.revokedTokens).toEqual(['Kịch bản nộp báo cáo']);
    expect(await authenticateApiToken(db, token)).toBeNull();
  });

  it('reactivating an account revives neither its old sessions nor its old tokens', async () => {
    const user = await account('khoa-mo');
    const { token } = await createApiToken(db, user.id, 'Cũ');
    const before = { uid: user.id, sid: 'phien-cu', signedInAt: Date.now() - 1000 };
    expect(await loadSessionUser(db, before)).not.toBeNull();
    await setUserActive(db, admin, { userId: user.id, active: false });
    await setUserActive(db, admin, { userId: user.id, active: true });
    expect(await loadSessionUser(db, before)).toBeNull();
    expect(await authenticateApiToken(db, token)).toBeNull();
    // What is made after the reactivation works.
    const fresh = await createApiToken(db, user.id, 'Mới');
    expect(await authenticateApiToken(db, fresh.token)).toMatchObject({ id: user.id });
    expect(await loadSessionUser(db, { uid: user.id, sid: 'phien-moi', signedInAt: Date.now() + 1 })).not.toBeNull();
  });

  it('signing out ends that session everywhere, and only that one', async () => {
    const user = await account('dang-xuat');
    const signedInAt = Date.now();
    const phone = { uid: user.id, sid: 'dien-thoai', signedInAt };
    const laptop = { uid: user.id, sid: 'may-tinh', signedInAt };
    await authOptions.events!.signOut!({ token: { uid: user.id, sid: phone.sid, signedInAt }, session: null } as never);
    expect(await loadSessionUser(db, phone)).toBeNull();
    expect(await loadSessionUser(db, laptop)).toMatchObject({ id: user.id });
    // A cookie from before session ids were recorded is refused.
    expect(await loadSessionUser(db, { uid: user.id, sid: undefined, signedInAt })).toBeNull();
    // Signing out twice, or an expired record pruned meanwhile, changes nothing.
    await endSession(db, { sid: phone.sid, uid: user.id, signedInAt });
    expect(await db.endedSession.count({ where: { userId: user.id } })).toBe(1);
  });
});
