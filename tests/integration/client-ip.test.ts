// The per-address sign-in limit as authorize() applies it, with the address taken
// from the request's headers by clientIp: a client that writes a fresh
// X-Forwarded-For on every attempt, or behind a proxy that appends to the
// header, is still counted as the one address it is.
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { PrismaClient } from '../../lib/generated/prisma/client';
import { clientIp, throttleState } from '../../lib/accounts/sign-in-throttle';
import { SIGN_IN_THROTTLE } from '../../lib/accounts/user-schemas';
import { signInWithThrottle } from '../../lib/accounts/users';
import { PEER_ADDRESS_HEADER } from '../../lib/platform/forwarded';
import { createTestDb, type TestDb } from '../helpers/test-db';

const PASSWORD = 'Dung-mat-khau-7';
const T0 = new Date('2026-11-20T03:00:00Z');
const LIMIT = SIGN_IN_THROTTLE.maxFailuresPerIp;

let t: TestDb;
let db: PrismaClient;
let hash: string;

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  hash = await bcrypt.hash(PASSWORD, 4);
});
afterAll(() => t?.close());

/** Accounts of their own, so that only the per-address limit is reached (each fails once). */
async function accounts(prefix: string, n: number): Promise<string[]> {
  const emails = Array.from({ length: n }, (_, i) => `${prefix}-${i}@tinh.vn`);
  await db.user.createMany({ data: emails.map((email) => ({ email, name: email, passwordHash: hash, role: 'CENTRAL' as const })) });
  return emails;
}

/** One sign-in as authorize() makes it: the address from the request's headers. */
function signIn(email: string, password: string, headers: Record<string, string>, trustedProxies: number, second: number) {
  return signInWithThrottle(db, { email, password }, { ip: clientIp(headers, trustedProxies), now: new Date(T0.getTime() + second * 1000) });
}

describe('the per-address limit, addresses taken from the headers', () => {
  it('is not escaped by writing a new X-Forwarded-For on every attempt (no proxy in front)', async () => {
    const emails = await accounts('xoay-vong', LIMIT + 1);
    const peer = '192.0.2.50';
    for (let i = 0; i < LIMIT; i++) {
      const headers = { 'x-forwarded-for': `203.0.113.${i + 1}`, [PEER_ADDRESS_HEADER]: peer };
      expect(await signIn(emails[i], 'Sai-mat-khau-7', headers, 0, i)).toEqual({ ok: false, reason: 'invalid' });
    }
    // The next attempt, from yet another "address" and with the right password, is refused.
    const last = { 'x-forwarded-for': '198.51.100.200', [PEER_ADDRESS_HEADER]: peer };
    expect(await signIn(emails[LIMIT], PASSWORD, last, 0, LIMIT)).toEqual({ ok: false, reason: 'throttled' });
    expect((await throttleState(db, { email: emails[LIMIT], ip: peer, now: new Date(T0.getTime() + LIMIT * 1000) })).ipFailures).toBe(LIMIT);
  });

  it('counts the address a trusted proxy appended, not what the client put before it', async () => {
    const emails = await accounts('proxy-noi-them', 3);
    const proxy = { [PEER_ADDRESS_HEADER]: '10.0.0.2' };
    // "203.0.113.9, 198.51.100.7": the client wrote the first, the proxy appended the second.
    const chains = ['198.51.100.7', '203.0.113.9, 198.51.100.7', '203.0.113.10, 198.51.100.7'];
    for (const [i, chain] of chains.entries()) {
      expect(await signIn(emails[i], 'Sai-mat-khau-7', { ...proxy, 'x-forwarded-for': chain }, 1, 100 + i)).toEqual({ ok: false, reason: 'invalid' });
    }
    const at = new Date(T0.getTime() + 110_000);
    expect((await throttleState(db, { email: emails[0], ip: '198.51.100.7', now: at })).ipFailures).toBe(3);
    for (const ip of ['203.0.113.9', '203.0.113.10', '10.0.0.2']) {
      expect((await throttleState(db, { email: emails[0], ip, now: at })).ipFailures, ip).toBe(0);
    }
  });
});
