import 'server-only';
import bcrypt from 'bcryptjs';
import type { Db } from './db';
import { SignInSchema } from '../auth-schemas';
import type { SessionUser } from '../authz';

// Compared against when the account does not exist, so that a wrong e-mail
// costs the same time as a wrong password and reveals nothing.
const DUMMY_HASH = '$2b$10$sVI0HGALBnUqgEy5kqApeuLXD49Y6PnGwDtjlkttbGTLjzRcrGfnq';

/** Checks credentials; returns the user for the session, or null for any failure. */
export async function verifyCredentials(db: Db, input: unknown): Promise<SessionUser | null> {
  const parsed = SignInSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await db.user.findUnique({ where: { email } });
  const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || !user.active) return null;
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    provinceId: user.provinceId,
    clusterId: user.clusterId,
  };
}
