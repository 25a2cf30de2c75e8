// Sign-in throttling as authorize() runs it: signInWithThrottle with the
// client's address and an injected clock.
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../lib/generated/prisma/client';
import { hashSignInEmail, throttleState } from '../../lib/accounts/sign-in-throttle';
import { signInWithThrottle } from '../../lib/accounts/users';
import { SIGN_IN_THROTTLE } from '../../lib/accounts/user-schemas';
import { createTestDb, type TestDb } from '../helpers/test-db';

const PASSWORD = 'Dung-mat-khau-7';
const WRONG = 'Sai-mat-khau-7';
const T0 = new Date('2026-11-20T03:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const WINDOW_S = SIGN_IN_THROTTLE.windowMinutes * 60;

let t: TestDb;
let db: PrismaClient;
let hash: string;

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  hash = await bcrypt.hash(PASSWORD, 4);
});
afterAll(() => t?.close());

/** A fresh account per test, so that tests do not share counts. */
async function account(local: string): Promise<string> {
  const email = `${local}@tinh.vn`;
  await db.user.create({ data: { email, name: local, passwordHash: hash, role: 'CENTRAL' } });
  return email;
}

// Each account signs in from its own address unless a test says otherwise, so
// that the per-address limit of one test does not spill into the next.
const addresses = new Map<string, string>();
const addressOf = (email: string) => {
  const key = email.trim().toLowerCase();
  if (!addresses.has(key)) addresses.set(key, `203.0.113.${addresses.size + 1}`);
  return addresses.get(key)!;
};

const attempt = (email: string, password: string, now: Date, ip = addressOf(email)) => signInWithThrottle(db, { email, password }, { ip, now });

async function fail(email: string, times: number, from: number, ip?: string) {
  for (let i = 0; i < times; i++) expect(await attempt(email, WRONG, at(from + i), ip)).toEqual({ ok: false, reason: 'invalid' });
}

describe('sign-in throttling per account', () => {
  it(`refuses the ${SIGN_IN_THROTTLE.maxFailuresPerAccount + 1}th attempt even with the right password, without signing in`, async () => {
    const email = await account('theo-tai-khoan');
    await fail(email, SIGN_IN_THROTTLE.maxFailuresPerAccount, 0);
    const refused = await attempt(email, PASSWORD, at(10));
    expect(refused).toEqual({ ok: false, reason: 'throttled' });
    // Not signed in: no last sign-in recorded.
    expect((await db.user.findUniqueOrThrow({ where: { email } })).lastLoginAt).toBeNull();
    // From another address too: the limit is the account's.
    expect(await attempt(email, PASSWORD, at(11), '198.51.100.7')).toEqual({ ok: false, reason: 'throttled' });
  });

  it('lets the right password in once the window has passed since the first of the failures', async () => {
    const email = await account('het-thoi-gian');
    await fail(email, SIGN_IN_THROTTLE.maxFailuresPerAccount, 0);
    // Refused attempts during the wait are not counted, so they do not extend it.
    expect(await attempt(email, PASSWORD, at(60))).toEqual({ ok: false, reason: 'throttled' });
    expect(await attempt(email, PASSWORD, at(WINDOW_S - 1))).toEqual({ ok: false, reason: 'throttled' });
    const later = await attempt(email, PASSWORD, at(WINDOW_S));
    expect(later.ok).toBe(true);
    expect((await db.user.findUniqueOrThrow({ where: { email } })).lastLoginAt).toEqual(at(WINDOW_S));
  });

  it('does not let a success wipe out earlier failures', async () => {
    const email = await account('thanh-cong-xen-ke');
    await fail(email, SIGN_IN_THROTTLE.maxFailuresPerAccount - 1, 0);
    expect((await attempt(email, PASSWORD, at(10))).ok).toBe(true);
    await fail(email, 1, 20);
    // Five failures in the window, a success among them: still throttled.
    expect(await attempt(email, PASSWORD, at(30))).toEqual({ ok: false, reason: 'throttled' });
    expect((await throttleState(db, { email, now: at(30) })).accountFailures).toBe(SIGN_IN_THROTTLE.maxFailuresPerAccount);
  });

  it('throttles an unknown e-mail exactly like an existing one, revealing nothing', async () => {
    const email = 'khong-ton-tai@tinh.vn';
    await fail(email, SIGN_IN_THROTTLE.maxFailuresPerAccount, 0);
    expect(await attempt(email, PASSWORD, at(10))).toEqual({ ok: false, reason: 'throttled' });
  });

  it('counts the e-mail case-insensitively and keeps only its hash', async () => {
    const email = await account('chu-hoa');
    await fail(email.toUpperCase(), SIGN_IN_THROTTLE.maxFailuresPerAccount, 0);
    expect(await attempt(` ${email} `, PASSWORD, at(10))).toEqual({ ok: false, reason: 'throttled' });
    const rows = await db.signInAttempt.findMany({ where: { emailHash: hashSignInEmail(email) } });
    expect(rows).toHaveLength(SIGN_IN_THROTTLE.maxFailuresPerAccount + 1);
    expect(JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain('chu-hoa');
  });

  it('lets concurrent guesses check no more passwords than the limit', async () => {
    const email = await account('dong-thoi');
    // Each attempt is recorded before its count, so a burst sees itself: some (or all) of it is refused unchecked.
    const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(email, WRONG, at(i % 3))));
    let checked = burst.filter((r) => !r.ok && r.reason === 'invalid').length;
    expect(checked).toBeLessThanOrEqual(SIGN_IN_THROTTLE.maxFailuresPerAccount);
    // Then one by one until refused: five passwords checked in all, never more.
    for (let i = 0; i < SIGN_IN_THROTTLE.maxFailuresPerAccount + 1; i++) {
      const r = await attempt(email, WRONG, at(10 + i));
      if (!r.ok && r.reason === 'throttled') break;
      checked++;
    }
    expect(checked).toBe(SIGN_IN_THROTTLE.maxFailuresPerAccount);
    expect(await attempt(email, PASSWORD, at(30))).toEqual({ ok: false, reason: 'throttled' });
  });

  it('records nothing for malformed input, which checks no password', async () => {
    const before = await db.signInAttempt.count();
    expect(await signInWithThrottle(db, { email: 'khong-phai-email', password: 'x' }, { ip: '203.0.113.9', now: T0 })).toEqual({ ok: false, reason: 'invalid' });
    expect(await signInWithThrottle(db, undefined, { ip: '203.0.113.9', now: T0 })).toEqual({ ok: false, reason: 'invalid' });
    expect(await db.signInAttempt.count()).toBe(before);
  });
});

describe('sign-in throttling per address', () => {
  it(`refuses an address after ${SIGN_IN_THROTTLE.maxFailuresPerIp} failures over any accounts, and only that address`, async () => {
    const ip = '192.0.2.44';
    const email = await account('theo-dia-chi');
    for (let i = 0; i < SIGN_IN_THROTTLE.maxFailuresPerIp; i++) {
      // A different (unknown) account each time: no account reaches its own limit.
      expect((await attempt(`doan-${i}@tinh.vn`, WRONG, at(i), ip)).ok).toBe(false);
    }
    expect(await attempt(email, PASSWORD, at(30), ip)).toEqual({ ok: false, reason: 'throttled' });
    expect((await attempt(email, PASSWORD, at(31), '192.0.2.45')).ok).toBe(true);
    // After the window, the address is let in again.
    expect((await attempt(email, PASSWORD, at(WINDOW_S + SIGN_IN_THROTTLE.maxFailuresPerIp), ip)).ok).toBe(true);
  });
});

describe('housekeeping', () => {
  it('prunes attempts older than a day on the next attempt', async () => {
    await db.signInAttempt.create({ data: { at: new Date(T0.getTime() - 25 * 3600_000), emailHash: 'cu', ip: '192.0.2.1' } });
    await db.signInAttempt.create({ data: { at: new Date(T0.getTime() - 23 * 3600_000), emailHash: 'con-giu', ip: '192.0.2.1' } });
    await attempt('ai-do@tinh.vn', WRONG, T0, '192.0.2.99');
    expect(await db.signInAttempt.count({ where: { emailHash: 'cu' } })).toBe(0);
    expect(await db.signInAttempt.count({ where: { emailHash: 'con-giu' } })).toBe(1);
  });
});
