import 'server-only';
import { createHash } from 'node:crypto';
import { headers } from 'next/headers';
import { SIGN_IN_THROTTLE } from './user-schemas';
import type { Db } from '../platform/db';

// Password guessing is slowed down by counting failed attempts in the database
// (so the count survives restarts and is shared by every server process):
// after SIGN_IN_THROTTLE.maxFailuresPerAccount failures for one e-mail, or
// maxFailuresPerIp from one address, within the window, further attempts are
// refused without looking at the password, even the right one, until the
// window has passed. Refused attempts are recorded but not counted, so the
// wait never grows beyond the window.
//
// Every attempt is written *before* its password is checked, as a failure
// until proven right: concurrent guesses then count one another, instead of
// all reading the same count and all going through.

const WINDOW_MS = SIGN_IN_THROTTLE.windowMinutes * 60_000;
/** Attempts older than this are deleted on the next attempt; kept a while for investigating attacks. */
const RETENTION_MS = 24 * 60 * 60_000;

/** The key an address is counted under; the SHA-256 so that mistyped addresses are not kept in clear. */
export function hashSignInEmail(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('hex');
}

type HeaderBag = Record<string, string | string[] | undefined> | Headers | null | undefined;

function header(headers: HeaderBag, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The client's address: the first entry of X-Forwarded-For, else X-Real-IP.
 * Next.js fills X-Forwarded-For with the socket's address when no proxy did;
 * behind a reverse proxy, the proxy must overwrite (not append to) the header,
 * or a client could choose its own address and escape the per-address limit
 * (the per-account limit holds either way).
 */
export function clientIp(headers: HeaderBag): string {
  const forwarded = header(headers, 'x-forwarded-for')?.split(',')[0]?.trim();
  const real = header(headers, 'x-real-ip')?.trim();
  const ip = forwarded || real || 'unknown';
  return ip.slice(0, 64);
}

export type ThrottleState = { accountFailures: number; ipFailures: number; throttled: boolean };

/** Failures counted against an account and an address at `now`, leaving out one attempt (the caller's own). */
async function countFailures(
  db: Db,
  { emailHash, ip, now, excludeId }: { emailHash: string; ip: string | null; now: Date; excludeId?: bigint },
): Promise<ThrottleState> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const base = { success: false, throttled: false, at: { gt: since }, ...(excludeId !== undefined ? { id: { not: excludeId } } : {}) };
  const [accountFailures, ipFailures] = await Promise.all([
    db.signInAttempt.count({ where: { ...base, emailHash } }),
    ip === null ? Promise.resolve(0) : db.signInAttempt.count({ where: { ...base, ip } }),
  ]);
  return {
    accountFailures,
    ipFailures,
    throttled: accountFailures >= SIGN_IN_THROTTLE.maxFailuresPerAccount || ipFailures >= SIGN_IN_THROTTLE.maxFailuresPerIp,
  };
}

/**
 * Opens an attempt: prunes old rows, records this one as a failure until
 * settled, and says whether it must be refused. `settle` records the outcome.
 * Used by sign-in (users.ts signInWithThrottle) and by the current-password
 * check when a user changes their password.
 */
export async function beginAttempt(
  db: Db,
  { email, ip, now }: { email: string; ip: string; now: Date },
): Promise<{ throttled: boolean; settle: (success: boolean) => Promise<void> }> {
  const emailHash = hashSignInEmail(email);
  await db.signInAttempt.deleteMany({ where: { at: { lt: new Date(now.getTime() - RETENTION_MS) } } });
  const attempt = await db.signInAttempt.create({ data: { at: now, emailHash, ip, success: false }, select: { id: true } });
  const state = await countFailures(db, { emailHash, ip, now, excludeId: attempt.id });
  if (state.throttled) {
    await db.signInAttempt.update({ where: { id: attempt.id }, data: { throttled: true } });
  }
  return {
    throttled: state.throttled,
    settle: async (success) => {
      if (success) await db.signInAttempt.update({ where: { id: attempt.id }, data: { success: true } });
    },
  };
}

/** Whether an account or address is throttled at `now`, without recording anything (for tests and support). */
export async function throttleState(db: Db, { email, ip = null, now = new Date() }: { email: string; ip?: string | null; now?: Date }) {
  return countFailures(db, { emailHash: hashSignInEmail(email), ip, now });
}

/** The address of the request being served (a server action's), or "unknown" outside a request. */
export async function requestIp(): Promise<string> {
  try {
    return clientIp(await headers());
  } catch {
    return 'unknown';
  }
}
