import 'server-only';
import { getServerSession } from 'next-auth';
import { cache } from 'react';
import { redirect, forbidden } from 'next/navigation';
import { authOptions } from '../accounts/auth-options';
import { getDb } from '../platform/db';
import type { SessionUser } from '../permissions';
import { loadSessionUser } from '../accounts/users';

/**
 * The signed-in user, re-read from the database so that a deactivated account,
 * a changed role or a changed password takes effect at once rather than when
 * the JWT expires (see loadSessionUser). Read once per page render (the layout
 * and the page share it through React's cache()); route handlers and server
 * actions, where cache() does not memoise, read it on every call.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const uid = session?.user?.id;
  if (!uid) return null;
  return loadSessionUser(getDb(), { uid, signedInAt: session.signedInAt, sid: session.sid });
});

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
