import 'server-only';
import bcrypt from 'bcryptjs';
import type { Db } from '../platform/db';
import { SignInSchema } from './auth-schemas';
import type { SessionUser } from '../permissions';
import { UserFacingError } from '../errors';
import { normalizePassword, PASSWORD_HASH_COST, passwordIssues } from './password-policy';
import { SIGN_IN_THROTTLE, type ChangePasswordInput } from './user-schemas';
import { writeAudit } from '../platform/audit';
import { revokeAllApiTokens } from './api-tokens';
import { beginAttempt } from './sign-in-throttle';

// Compared against when the account does not exist, so that a wrong e-mail
// costs the same time as a wrong password and reveals nothing. Same cost as
// the passwords the portal sets (PASSWORD_HASH_COST).
const DUMMY_HASH = '$2b$12$gf6FHDRkon1PuSbboOrZzud1tI4tvJxMzMRG6BWdZPe/5.MRcmJ2m';

// A stored hash of another cost (the demo's, one loaded from elsewhere) would answer faster or
// slower than the dummy, and so tell which e-mails have an account. Such a comparison is padded
// to the time a comparison at the portal's cost takes here: a moving average of the comparisons
// at that cost, first measured once on the dummy. Hashes above the portal's cost are not written
// by the portal (it hashes at PASSWORD_HASH_COST only), so none is padded down to.
let portalCostCompareMs = 0;
let calibration: Promise<void> | null = null;

function recordPortalCost(ms: number): void {
  portalCostCompareMs = portalCostCompareMs === 0 ? ms : 0.8 * portalCostCompareMs + 0.2 * ms;
}

async function compareAtPortalCost(password: string, storedHash: string | null): Promise<boolean> {
  const started = performance.now();
  const ok = await bcrypt.compare(password, storedHash ?? DUMMY_HASH);
  const elapsed = performance.now() - started;
  if (storedHash === null || bcrypt.getRounds(storedHash) === PASSWORD_HASH_COST) {
    recordPortalCost(elapsed);
    return ok;
  }
  calibration ??= (async () => {
    const probe = performance.now();
    await bcrypt.compare(password, DUMMY_HASH);
    if (portalCostCompareMs === 0) recordPortalCost(performance.now() - probe);
  })();
  await calibration;
  const wait = portalCostCompareMs - (performance.now() - started);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return ok;
}

const SESSION_USER_SELECT = { id: true, email: true, name: true, role: true, provinceId: true, clusterId: true } as const;

/** bcrypt at the portal's cost; slow on purpose, so call it outside transactions. */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(normalizePassword(password), PASSWORD_HASH_COST);
}

/** Checks credentials; returns the user for the session, or null for any failure. */
export async function verifyCredentials(db: Db, input: unknown, now: Date = new Date()): Promise<SessionUser | null> {
  const parsed = SignInSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await db.user.findUnique({ where: { email } });
  const ok = await compareAtPortalCost(normalizePassword(password), user?.passwordHash ?? null);
  if (!user || !ok || !user.active) return null;
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    provinceId: user.provinceId,
    clusterId: user.clusterId,
  };
}

export type SignInOutcome = { ok: true; user: SessionUser } | { ok: false; reason: 'invalid' | 'throttled' };

/**
 * Sign-in as next-auth's authorize() does it: throttled (sign-in-throttle.ts),
 * then verifyCredentials. `invalid` covers a wrong password, an unknown e-mail
 * and a deactivated account alike; `throttled` is answered for existing and
 * unknown e-mails alike, so neither reveals which accounts exist.
 */
export async function signInWithThrottle(
  db: Db,
  input: unknown,
  { ip, now = new Date() }: { ip: string; now?: Date },
): Promise<SignInOutcome> {
  const parsed = SignInSchema.safeParse(input);
  // Malformed input checks no password, so there is nothing to count.
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  const attempt = await beginAttempt(db, { email: parsed.data.email, ip, now });
  if (attempt.throttled) return { ok: false, reason: 'throttled' };
  let user: SessionUser | null = null;
  try {
    user = await verifyCredentials(db, parsed.data, now);
  } finally {
    // Settled even when the check failed halfway, so that it never blocks later attempts.
    await attempt.settle(user !== null);
  }
  return user ? { ok: true, user } : { ok: false, reason: 'invalid' };
}

/**
 * How long a session lasts from sign-in: one working day. Absolute: next-auth
 * re-issues the JWT with a later expiry whenever /api/auth/session is called,
 * so the sign-in time in the token, not the token's expiry, is what ends it.
 */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/**
 * The user behind a session, re-read so that a deactivation, a role change or
 * a password change takes effect at once rather than when the JWT expires.
 * `signedInAt` (ms) is when the session began and `sid` its id: a session
 * without them (issued before they were recorded), older than
 * SESSION_MAX_AGE_SECONDS, begun before the account's sessions were last ended
 * (password change or reset, deactivation: a reactivation does not revive
 * them), or ended by signing out, is refused. One query.
 */
export async function loadSessionUser(
  db: Db,
  { uid, signedInAt, sid, now = Date.now() }: { uid: string; signedInAt: number | null | undefined; sid: string | null | undefined; now?: number },
): Promise<SessionUser | null> {
  if (typeof signedInAt !== 'number' || now - signedInAt > SESSION_MAX_AGE_SECONDS * 1000) return null;
  if (typeof sid !== 'string' || sid === '') return null;
  const user = await db.user.findUnique({
    where: { id: uid },
    select: { ...SESSION_USER_SELECT, active: true, passwordChangedAt: true, sessionsEndedAt: true, endedSessions: { where: { sid }, select: { sid: true } } },
  });
  if (!user || !user.active || user.endedSessions.length > 0) return null;
  for (const cutoff of [user.passwordChangedAt, user.sessionsEndedAt]) if (cutoff && signedInAt < cutoff.getTime()) return null;
  const { active: _active, passwordChangedAt: _changed, sessionsEndedAt: _ended, endedSessions: _sessions, ...sessionUser } = user;
  return sessionUser;
}

/**
 * Ends one session (sign-out): its id is recorded until the session would have expired
 * anyway, so a copy of its cookie is refused on every instance. Expired records are pruned.
 */
export async function endSession(db: Db, { sid, uid, signedInAt, now = new Date() }: { sid: string; uid: string; signedInAt: number; now?: Date }) {
  const expiresAt = new Date(signedInAt + SESSION_MAX_AGE_SECONDS * 1000);
  await db.$transaction([
    db.endedSession.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.endedSession.upsert({ where: { sid }, create: { sid, userId: uid, endedAt: now, expiresAt }, update: {} }),
  ]);
}

const CURRENT_PASSWORD_WRONG = 'Mật khẩu hiện tại không đúng.';
const CURRENT_PASSWORD_THROTTLED = `Nhập sai mật khẩu quá nhiều lần. Vui lòng thử lại sau ${SIGN_IN_THROTTLE.windowMinutes} phút.`;

/**
 * Changes the signed-in user's own password after checking the current one.
 * Wrong current passwords count towards the sign-in throttle, so a borrowed
 * session cannot be used to guess the password. Every session of the user,
 * this one included, ends (passwordChangedAt).
 */
export async function changeOwnPassword(
  db: Db,
  user: SessionUser,
  input: ChangePasswordInput,
  { ip, now = new Date() }: { ip: string; now?: Date },
): Promise<{ revokedTokens: string[] }> {
  // The schema checked every rule but the one about the account's e-mail.
  const issues = passwordIssues(input.newPassword, { email: user.email });
  if (issues.length) throw new UserFacingError(issues[0], { newPassword: issues });

  const row = await db.user.findUnique({ where: { id: user.id }, select: { email: true, passwordHash: true, active: true } });
  if (!row || !row.active) throw new UserFacingError('Tài khoản không còn hoạt động.', {}, 'FORBIDDEN');

  const attempt = await beginAttempt(db, { email: row.email, ip, now });
  if (attempt.throttled) throw new UserFacingError(CURRENT_PASSWORD_THROTTLED, { currentPassword: [CURRENT_PASSWORD_THROTTLED] });
  const ok = await bcrypt.compare(normalizePassword(input.currentPassword), row.passwordHash);
  await attempt.settle(ok);
  if (!ok) throw new UserFacingError(CURRENT_PASSWORD_WRONG, { currentPassword: [CURRENT_PASSWORD_WRONG] });

  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    // Only over the hash just checked: a reset by an administrator in between wins.
    const { count } = await tx.user.updateMany({
      where: { id: user.id, passwordHash: row.passwordHash },
      data: { passwordHash, passwordChangedAt: now, sessionsEndedAt: now },
    });
    if (count === 0) throw new UserFacingError('Mật khẩu vừa được thay đổi ở nơi khác. Vui lòng đăng nhập lại.', {}, 'CONFLICT');
    // A token made with the old password would outlive it: revoke them, and say which.
    const revokedTokens = await revokeAllApiTokens(tx, { userId: user.id, actorId: user.id, reason: 'password.change', now });
    // Never the password or its hash: only that it changed.
    await writeAudit(tx, { actorId: user.id, action: 'user.password.change', entityType: 'User', entityId: user.id, field: 'password', at: now });
    return { revokedTokens };
  });
}
