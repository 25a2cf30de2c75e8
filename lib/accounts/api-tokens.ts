import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SessionUser } from '../permissions';
import { notFound, UserFacingError } from '../errors';
import { writeAudit } from '../platform/audit';
import type { Prisma } from '../generated/prisma/client';
import type { Db } from '../platform/db';

// Personal API tokens: "khp_" + 32 random bytes in base64url (43 characters).
// Only the SHA-256 of the token is stored. A slow password hash (bcrypt) guards
// low-entropy secrets against guessing; a 256-bit random secret cannot be guessed,
// so a fast hash is enough and lets a request find its token by an indexed lookup.
const TOKEN_PREFIX = 'khp_';
const TOKEN_PATTERN = /^khp_[A-Za-z0-9_-]{43}$/;

/** Active tokens one user may hold: enough for a few scripts, not a leak of hundreds. */
export const MAX_ACTIVE_TOKENS = 20;

/** lastUsedAt is refreshed at most this often, so that a busy script does not write on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;

export const ApiTokenNameSchema = z
  .string({ error: 'Vui lòng đặt tên cho mã truy cập.' })
  .trim()
  .min(1, 'Vui lòng đặt tên cho mã truy cập.')
  .max(100, 'Tên tối đa 100 ký tự.');

export const CreateApiTokenSchema = z.object({ name: ApiTokenNameSchema });
export const RevokeApiTokenSchema = z.object({ tokenId: z.string().min(1, 'Thiếu mã truy cập cần thu hồi.') });

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export type ApiTokenSummary = {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

const SUMMARY_SELECT = { id: true, name: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

/**
 * Creates a token for the user. The secret is returned once and never stored;
 * the audit row names the token, not its secret.
 */
export async function createApiToken(db: Db, userId: string, name: string): Promise<{ id: string; token: string }> {
  const parsed = ApiTokenNameSchema.safeParse(name);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'Tên không hợp lệ.';
    throw new UserFacingError(message, { name: [message] });
  }
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return db.$transaction(async (tx) => {
    const active = await tx.apiToken.count({ where: { userId, revokedAt: null } });
    if (active >= MAX_ACTIVE_TOKENS) {
      throw new UserFacingError(`Mỗi tài khoản có tối đa ${MAX_ACTIVE_TOKENS} mã truy cập đang dùng. Hãy thu hồi mã không còn dùng trước.`);
    }
    const created = await tx.apiToken.create({
      data: { userId, name: parsed.data, tokenHash: hashApiToken(token) },
      select: { id: true },
    });
    await writeAudit(tx, {
      actorId: userId,
      action: 'apiToken.create',
      entityType: 'ApiToken',
      entityId: created.id,
      newValue: parsed.data,
    });
    return { id: created.id, token };
  });
}

/** The user's tokens, newest first, revoked ones included (they explain a script's 401). */
export async function listApiTokens(db: Db, userId: string): Promise<ApiTokenSummary[]> {
  return db.apiToken.findMany({ where: { userId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: SUMMARY_SELECT });
}

/** Revokes one of the user's own tokens; another user's token is "not found", revealing nothing. */
export async function revokeApiToken(db: Db, userId: string, tokenId: string, now = new Date()): Promise<ApiTokenSummary> {
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id: tokenId, userId }, select: SUMMARY_SELECT });
    if (!token) throw notFound('Không tìm thấy mã truy cập này.');
    if (token.revokedAt) return token;
    const revoked = await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: now }, select: SUMMARY_SELECT });
    await writeAudit(tx, {
      actorId: userId,
      action: 'apiToken.revoke',
      entityType: 'ApiToken',
      entityId: token.id,
      oldValue: token.name,
    });
    return revoked;
  });
}

/**
 * Revokes every active token of a user inside the caller's transaction, with an audit row
 * each, and returns their names (to tell the user which scripts will now be refused). Used
 * when a password is changed or reset and when an account is locked: a token made before
 * stays dead even after a reactivation.
 */
export async function revokeAllApiTokens(
  tx: Prisma.TransactionClient,
  { userId, actorId, reason, now }: { userId: string; actorId: string; reason: 'password.change' | 'password.reset' | 'deactivate'; now: Date },
): Promise<string[]> {
  const active = await tx.apiToken.findMany({ where: { userId, revokedAt: null }, orderBy: { createdAt: 'asc' }, select: { id: true, name: true } });
  if (active.length === 0) return [];
  await tx.apiToken.updateMany({ where: { id: { in: active.map((t) => t.id) } }, data: { revokedAt: now } });
  await writeAudit(
    tx,
    active.map((token) => ({ actorId, action: 'apiToken.revoke', entityType: 'ApiToken', entityId: token.id, oldValue: token.name, details: { reason }, at: now })),
  );
  return active.map((t) => t.name);
}

/** "Các mã truy cập API sau đã bị thu hồi: …", or nothing when none was. */
export function revokedTokensNote(names: readonly string[]): string {
  return names.length ? ` Các mã truy cập API sau đã bị thu hồi: ${names.map((n) => `“${n}”`).join(', ')}.` : '';
}

/**
 * The user a bearer token stands for: the token exists, is not revoked, and its
 * user is active. Anything else is null, whatever the reason, so a caller
 * learns nothing about which tokens exist.
 */
export async function authenticateApiToken(db: Db, token: string, now = new Date()): Promise<SessionUser | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: {
      id: true,
      revokedAt: true,
      lastUsedAt: true,
      createdAt: true,
      user: { select: { id: true, email: true, name: true, role: true, provinceId: true, clusterId: true, active: true, sessionsEndedAt: true } },
    },
  });
  if (!row || row.revokedAt || !row.user.active) return null;
  // A token made before the account's sessions were last ended is dead, revoked or not.
  if (row.user.sessionsEndedAt && row.createdAt < row.user.sessionsEndedAt) return null;
  // Most calls of a busy script come within the resolution: no write at all for them.
  const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (row.lastUsedAt === null || row.lastUsedAt < stale) await db.apiToken.updateMany({
    where: {
      id: row.id,
      OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: stale } }],
    },
    data: { lastUsedAt: now },
  });
  const { active: _active, sessionsEndedAt: _ended, ...user } = row.user;
  return user;
}

export type Identity = {
  id: string;
  email: string;
  name: string;
  role: SessionUser['role'];
  scope: { province: { code: string; name: string } | null; cluster: { code: string; name: string } | null };
};

/** Who a token (or session) stands for, with the province or cluster it covers: what a script checks first. */
export async function describeIdentity(db: Db, user: SessionUser): Promise<Identity> {
  const [province, cluster] = await Promise.all([
    user.provinceId ? db.province.findUnique({ where: { id: user.provinceId }, select: { code: true, name: true } }) : null,
    user.clusterId ? db.cluster.findUnique({ where: { id: user.clusterId }, select: { code: true, name: true } }) : null,
  ]);
  return { id: user.id, email: user.email, name: user.name, role: user.role, scope: { province, cluster } };
}
