import 'server-only';
import { createHash } from 'node:crypto';
import { headers } from 'next/headers';
import { SIGN_IN_THROTTLE } from './user-schemas';
import type { Db } from '../platform/db';
import { trustedProxyCountFromEnv } from '../platform/env';
import { clientAddress, PEER_ADDRESS_HEADER } from '../platform/forwarded';

// Password guessing is slowed down by counting failed attempts in the database
// (so the count survives restarts and is shared by every server process):
// after SIGN_IN_THROTTLE.maxFailuresPerAccount failures for one e-mail, or
// maxFailuresPerIp from one address, within the window, further attempts are
// refused without looking at the password, even the right one, until the
// window has passed. Refused attempts are recorded but not counted, so the
// wait never grows beyond the window.
//
// Every attempt is written *before* its password is checked, as pending: it
// is neither a failure nor a success until settled. An attempt goes ahead only
// when the settled failures plus the attempts in flight before it stay under
// the limit; otherwise it waits for those to settle. So concurrent guesses
// still count one another (the sixth waits, sees five failures, and is
// refused), while a burst of correct sign-ins, settled as successes, all get
// in. An attempt left pending by a process that died counts as a failure
// after PENDING_MAX_MS.

const WINDOW_MS = SIGN_IN_THROTTLE.windowMinutes * 60_000;
/** An attempt still pending after this long was abandoned (its process died): it counts as a failure. */
const PENDING_MAX_MS = 30_000;
/** How long an attempt waits for earlier ones in flight before it is refused as throttled. */
const WAIT_MAX_MS = 20_000;
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
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The client's address, as the per-address limit counts it: the socket's peer
 * (PEER_ADDRESS_HEADER, which scripts/serve.ts sets), or with TRUSTED_PROXY_COUNT
 * proxies in front, the X-Forwarded-For entry the outermost of them wrote
 * (lib/platform/forwarded.ts). Entries a client wrote itself are never counted,
 * so it cannot choose a fresh address per attempt; an IPv6 client is counted by its /64.
 */
export function clientIp(headers: HeaderBag, trustedProxies: number = trustedProxyCountFromEnv()): string {
  return clientAddress({ forwardedFor: header(headers, 'x-forwarded-for'), peer: header(headers, PEER_ADDRESS_HEADER) }, trustedProxies);
}

export type ThrottleState = { accountFailures: number; ipFailures: number; throttled: boolean };

/** Failures counted against an account and an address at `now`, leaving out one attempt (the caller's own). */
async function countFailures(
  db: Db,
  { emailHash, ip, now, excludeId }: { emailHash: string; ip: string | null; now: Date; excludeId?: bigint },
): Promise<ThrottleState> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const abandoned = new Date(now.getTime() - PENDING_MAX_MS);
  const base = {
    success: false,
    throttled: false,
    at: { gt: since },
    OR: [{ pending: false }, { at: { lt: abandoned } }],
    ...(excludeId !== undefined ? { id: { not: excludeId } } : {}),
  };
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
 * In one statement, so that one snapshot answers both (an earlier attempt settling between two
 * queries would otherwise be counted by neither): the failures counted against the account and
 * the address, and the attempts begun before `id` still being checked.
 */
async function loadOf(db: Db, { emailHash, ip, now, id }: { emailHash: string; ip: string; now: Date; id: bigint }) {
  const since = new Date(now.getTime() - WINDOW_MS);
  const abandoned = new Date(now.getTime() - PENDING_MAX_MS);
  const [row] = await db.$queryRaw<Array<{ accountFailures: number; accountInFlight: number; ipFailures: number; ipInFlight: number }>>`
    SELECT
      count(*) FILTER (WHERE "emailHash" = ${emailHash} AND NOT ("pending" AND "at" >= ${abandoned}))::int AS "accountFailures",
      count(*) FILTER (WHERE "emailHash" = ${emailHash} AND "pending" AND "at" >= ${abandoned} AND "id" < ${id})::int AS "accountInFlight",
      count(*) FILTER (WHERE "ip" = ${ip} AND NOT ("pending" AND "at" >= ${abandoned}))::int AS "ipFailures",
      count(*) FILTER (WHERE "ip" = ${ip} AND "pending" AND "at" >= ${abandoned} AND "id" < ${id})::int AS "ipInFlight"
    FROM "SignInAttempt"
    WHERE "success" = false AND "throttled" = false AND "at" > ${since} AND "id" <> ${id}
      AND ("emailHash" = ${emailHash} OR "ip" = ${ip})`;
  return row;
}

// Attempts in flight in this process, by account and by address: a waiting attempt wakes when
// one of them settles instead of polling the database (it still polls, slowly, for attempts in
// flight on other instances).
const settling = new Map<string, Set<Promise<void>>>();

function track(keys: string[], done: Promise<void>): void {
  for (const key of keys) {
    const set = settling.get(key) ?? new Set();
    set.add(done);
    settling.set(key, set);
    void done.finally(() => {
      set.delete(done);
      if (set.size === 0 && settling.get(key) === set) settling.delete(key);
    });
  }
}

function nextSettled(keys: string[], ms: number): Promise<unknown> {
  const local = keys.flatMap((key) => [...(settling.get(key) ?? [])]);
  return Promise.race([...local, new Promise((resolve) => setTimeout(resolve, ms))]);
}

/**
 * Opens an attempt: prunes old rows, records this one as pending, waits while
 * earlier attempts in flight could still use up the allowance, and says whether
 * it must be refused. `settle` records the outcome.
 * Used by sign-in (users.ts signInWithThrottle) and by the current-password
 * check when a user changes their password.
 */
export async function beginAttempt(
  db: Db,
  { email, ip, now }: { email: string; ip: string; now: Date },
): Promise<{ throttled: boolean; settle: (success: boolean) => Promise<void> }> {
  const emailHash = hashSignInEmail(email);
  await db.signInAttempt.deleteMany({ where: { at: { lt: new Date(now.getTime() - RETENTION_MS) } } });
  // Recorded under a lock per account and per address (taken in that order, so never crossed):
  // on PostgreSQL ids are then handed out in the order rows become visible, and "the attempts
  // in flight before this one" is exact even for attempts sent in the same instant.
  const attempt = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`signin:e:${emailHash}`}))`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`signin:i:${ip}`}))`;
    return tx.signInAttempt.create({ data: { at: now, emailHash, ip, success: false, pending: true }, select: { id: true } });
  });
  const refuse = async () => {
    await db.signInAttempt.update({ where: { id: attempt.id }, data: { throttled: true, pending: false } });
    settled();
    return { throttled: true, settle: async () => {} };
  };
  const keys = [`e:${emailHash}`, `i:${ip}`];
  let settled!: () => void;
  track(keys, new Promise<void>((resolve) => (settled = resolve)));
  const giveUpAt = Date.now() + WAIT_MAX_MS;
  for (let pause = 50; ; pause = Math.min(pause * 2, 500)) {
    const load = await loadOf(db, { emailHash, ip, now, id: attempt.id });
    const { maxFailuresPerAccount, maxFailuresPerIp } = SIGN_IN_THROTTLE;
    if (load.accountFailures >= maxFailuresPerAccount || load.ipFailures >= maxFailuresPerIp) return refuse();
    const fits = load.accountFailures + load.accountInFlight < maxFailuresPerAccount && load.ipFailures + load.ipInFlight < maxFailuresPerIp;
    if (fits) break;
    // Earlier attempts may still fail and use up the allowance: wait for them to settle.
    if (Date.now() + pause > giveUpAt) return refuse();
    await nextSettled(keys, pause);
  }
  return {
    throttled: false,
    settle: async (success) => {
      try {
        await db.signInAttempt.update({ where: { id: attempt.id }, data: { success, pending: false } });
      } finally {
        settled();
      }
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
