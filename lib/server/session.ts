import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect, forbidden } from 'next/navigation';
import { authOptions } from './auth';
import { getDb } from './db';
import type { SessionUser } from '../authz';

/**
 * The signed-in user, re-read from the database so that a deactivated account
 * or a changed role takes effect at once rather than when the JWT expires.
 */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const uid = session?.user?.id;
  if (!uid) return null;
  const user = await getDb().user.findUnique({
    where: { id: uid },
    select: { id: true, email: true, name: true, role: true, provinceId: true, clusterId: true, active: true },
  });
  if (!user || !user.active) return null;
  const { active: _active, ...rest } = user;
  return rest;
}

/** For pages: the user, or a redirect to the sign-in page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/dang-nhap');
  return user;
}

/** For pages: refuses with the 403 page unless the check passes. */
export function ensure(allowed: boolean): void {
  if (!allowed) forbidden();
}
