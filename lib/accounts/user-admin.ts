import 'server-only';
import { canManageUsers, type SessionUser } from '../permissions';
import { forbidden, notFound, UserFacingError } from '../errors';
import { Prisma } from '../generated/prisma/client';
import type { Role } from '../generated/prisma/enums';
import { generatePassword, passwordIssues } from './password-policy';
import type { CreateUserInput, ResetUserPasswordInput, SetUserActiveInput, UpdateUserAccessInput } from './user-schemas';
import { writeAudit } from '../platform/audit';
import { inForceWhere } from '../reference/validity';
import type { Db, DbClient } from '../platform/db';
import { revokeAllApiTokens } from './api-tokens';
import { hashPassword } from './users';
import { notifyAccountChange } from '../notifications/events';

// User management for administrators. Every function checks the actor's role
// itself, so that no caller (action, API, script) can skip the check, and
// writes the change with its audit row in one transaction. Passwords and
// their hashes never reach the audit.

function assertAdmin(actor: SessionUser): void {
  if (!canManageUsers(actor)) throw forbidden();
}

const fieldError = (field: string, message: string) => new UserFacingError(message, { [field]: [message] });

const EMAIL_TAKEN = 'Email này đã có tài khoản.';

export type AdminUserRow = {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
  province: { id: string; code: string; name: string } | null;
  cluster: { id: string; code: string; name: string } | null;
};

const ROW_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  createdAt: true,
  lastLoginAt: true,
  province: { select: { id: true, code: true, name: true } },
  cluster: { select: { id: true, code: true, name: true } },
} as const;

/** Every account, active ones first, by e-mail. */
export async function listUsersForAdmin(db: Db, actor: SessionUser): Promise<AdminUserRow[]> {
  assertAdmin(actor);
  return db.user.findMany({ orderBy: [{ active: 'desc' }, { email: 'asc' }], select: ROW_SELECT });
}

export async function getUserForAdmin(db: Db, actor: SessionUser, userId: string): Promise<AdminUserRow | null> {
  assertAdmin(actor);
  return db.user.findUnique({ where: { id: userId }, select: ROW_SELECT });
}

/** What a new or changed account may be attached to: provinces in force today, and every cluster. */
export async function listScopeOptions(db: Db, actor: SessionUser, now: Date = new Date()) {
  assertAdmin(actor);
  const [provinces, clusters] = await Promise.all([
    db.province.findMany({ where: inForceWhere(now), orderBy: { name: 'asc' }, select: { id: true, code: true, name: true } }),
    db.cluster.findMany({ orderBy: { code: 'asc' }, select: { id: true, code: true, name: true } }),
  ]);
  return { provinces, clusters };
}

/** The province must be in force and the cluster must exist; checked inside the write's transaction. */
async function assertScopeExists(tx: DbClient, input: { provinceId: string | null; clusterId: string | null }, now: Date): Promise<void> {
  if (input.provinceId) {
    const province = await tx.province.findFirst({ where: { id: input.provinceId, ...inForceWhere(now) }, select: { id: true } });
    if (!province) throw fieldError('provinceId', 'Tỉnh, thành phố này không tồn tại hoặc không còn hiệu lực (đã sáp nhập).');
  }
  if (input.clusterId) {
    const cluster = await tx.cluster.findUnique({ where: { id: input.clusterId }, select: { id: true } });
    if (!cluster) throw fieldError('clusterId', 'Không tìm thấy cụm.');
  }
}

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

/**
 * Creates an account. Returns the generated password when none was typed, to
 * be shown once; it is not stored anywhere but as a bcrypt hash.
 */
export async function createUser(
  db: Db,
  actor: SessionUser,
  input: CreateUserInput,
  now: Date = new Date(),
): Promise<{ id: string; generatedPassword: string | null }> {
  assertAdmin(actor);
  if (input.password !== null) {
    const issues = passwordIssues(input.password, { email: input.email });
    if (issues.length) throw new UserFacingError(issues[0], { password: issues });
  }
  const generatedPassword = input.password === null ? generatePassword({ email: input.email }) : null;
  // Hashing takes a quarter of a second: done before the transaction opens.
  const passwordHash = await hashPassword(input.password ?? generatedPassword!);
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw fieldError('email', EMAIL_TAKEN);
      await assertScopeExists(tx, input, now);
      const created = await tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          role: input.role,
          provinceId: input.provinceId,
          clusterId: input.clusterId,
          passwordHash,
          createdAt: now,
        },
        select: { id: true },
      });
      await writeAudit(tx, {
        actorId: actor.id,
        action: 'user.create',
        entityType: 'User',
        entityId: created.id,
        newValue: input.email,
        details: {
          name: input.name,
          role: input.role,
          provinceId: input.provinceId,
          clusterId: input.clusterId,
          password: generatedPassword ? 'generated' : 'typed',
        },
        at: now,
      });
      await notifyAccountChange(tx, { kind: 'ACCOUNT_CREATED', userId: created.id }, now);
      return { id: created.id, generatedPassword };
    });
  } catch (error) {
    // Two administrators creating the same address at once: the unique index decides.
    if (isUniqueViolation(error)) throw fieldError('email', EMAIL_TAKEN);
    throw error;
  }
}

/** Changes an account's role and scope; one audit row per changed field. Returns whether anything changed. */
export async function updateUserAccess(db: Db, actor: SessionUser, input: UpdateUserAccessInput, now: Date = new Date()): Promise<boolean> {
  assertAdmin(actor);
  if (input.userId === actor.id && !canManageUsers({ role: input.role })) {
    throw fieldError('role', 'Bạn không thể tự bỏ quyền quản trị của mình. Nhờ một quản trị viên khác làm việc này.');
  }
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true, role: true, provinceId: true, clusterId: true } });
    if (!user) throw notFound('Không tìm thấy tài khoản.');
    const changes = (['role', 'provinceId', 'clusterId'] as const).filter((field) => user[field] !== input[field]);
    if (changes.length === 0) return false;
    // Only a new attachment is checked; an unchanged one may be a merged province kept for its history.
    await assertScopeExists(
      tx,
      { provinceId: changes.includes('provinceId') ? input.provinceId : null, clusterId: changes.includes('clusterId') ? input.clusterId : null },
      now,
    );
    await tx.user.update({
      where: { id: user.id },
      data: { role: input.role, provinceId: input.provinceId, clusterId: input.clusterId },
    });
    await writeAudit(
      tx,
      changes.map((field) => ({
        actorId: actor.id,
        action: 'user.access.update',
        entityType: 'User',
        entityId: user.id,
        field,
        oldValue: user[field],
        newValue: input[field],
        details: { email: user.email },
        at: now,
      })),
    );
    return true;
  });
}

/** Deactivates or reactivates an account. A deactivated user loses every session and API token at once. */
export async function setUserActive(db: Db, actor: SessionUser, input: SetUserActiveInput, now: Date = new Date()): Promise<{ email: string; changed: boolean; revokedTokens: string[] }> {
  assertAdmin(actor);
  if (input.userId === actor.id && !input.active) throw new UserFacingError('Bạn không thể tự khoá tài khoản của mình.');
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true, active: true } });
    if (!user) throw notFound('Không tìm thấy tài khoản.');
    if (user.active === input.active) return { email: user.email, changed: false, revokedTokens: [] };
    // Locking ends every session and token for good: unlocking lets the user sign in again, not
    // revive what was open before.
    await tx.user.update({ where: { id: user.id }, data: input.active ? { active: true } : { active: false, sessionsEndedAt: now } });
    const revokedTokens = input.active ? [] : await revokeAllApiTokens(tx, { userId: user.id, actorId: actor.id, reason: 'deactivate', now });
    await writeAudit(tx, {
      actorId: actor.id,
      action: input.active ? 'user.reactivate' : 'user.deactivate',
      entityType: 'User',
      entityId: user.id,
      field: 'active',
      oldValue: String(user.active),
      newValue: String(input.active),
      details: { email: user.email },
      at: now,
    });
    await notifyAccountChange(tx, { kind: input.active ? 'ACCOUNT_UNLOCKED' : 'ACCOUNT_LOCKED', userId: user.id }, now);
    return { email: user.email, changed: true, revokedTokens };
  });
}

/**
 * Gives an account a new generated password, shown once, and ends its
 * sessions and revokes its API tokens (named in the answer). An administrator changes their own password on the account page,
 * which asks for the current one.
 */
export async function resetUserPassword(
  db: Db,
  actor: SessionUser,
  input: ResetUserPasswordInput,
  now: Date = new Date(),
): Promise<{ email: string; password: string; revokedTokens: string[] }> {
  assertAdmin(actor);
  if (input.userId === actor.id) throw new UserFacingError('Hãy đổi mật khẩu của chính bạn ở trang Tài khoản › Đổi mật khẩu.');
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true } });
  if (!user) throw notFound('Không tìm thấy tài khoản.');
  const password = generatePassword({ email: user.email });
  const passwordHash = await hashPassword(password);
  const revokedTokens = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: now, sessionsEndedAt: now } });
    const revoked = await revokeAllApiTokens(tx, { userId: user.id, actorId: actor.id, reason: 'password.reset', now });
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'user.password.reset',
      entityType: 'User',
      entityId: user.id,
      field: 'password',
      details: { email: user.email },
      at: now,
    });
    await notifyAccountChange(tx, { kind: 'PASSWORD_RESET', userId: user.id }, now);
    return revoked;
  });
  return { email: user.email, password, revokedTokens };
}
