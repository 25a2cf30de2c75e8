import 'server-only';
import { randomUUID } from 'node:crypto';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { SIGN_IN_THROTTLED_ERROR, SIGN_IN_UNAVAILABLE_ERROR } from './user-schemas';
import { getDb } from '../platform/db';
import { getEnv } from '../platform/env';
import { getLogger } from '../platform/logger';
import { clientIp } from './sign-in-throttle';
import { endSession, SESSION_MAX_AGE_SECONDS, signInWithThrottle } from './users';

let devFallbackSecret: string | undefined;

export const authOptions: NextAuthOptions = {
  // Read when next-auth first needs it, not at import: `next build` loads this
  // module without the production secret. next-auth assigns its own fallback
  // when none is configured (development only); keep it.
  get secret() {
    return getEnv().NEXTAUTH_SECRET ?? devFallbackSecret;
  },
  set secret(value: string | undefined) {
    devFallbackSecret = value;
  },
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/dang-nhap', error: '/dang-nhap' },
  providers: [
    CredentialsProvider({
      name: 'Email',
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Mật khẩu', type: 'password' },
      },
      async authorize(credentials, req) {
        const ip = clientIp(req?.headers);
        let outcome: Awaited<ReturnType<typeof signInWithThrottle>>;
        try {
          outcome = await signInWithThrottle(getDb(), credentials, { ip });
        } catch (error) {
          // next-auth would hand the message (a database error, with names and paths) to the
          // anonymous client; the client is told only that the service is unavailable.
          getLogger().error({ action: 'auth.signin', ok: false, reason: 'unavailable', ip, err: error }, 'sign-in could not be checked');
          throw new Error(SIGN_IN_UNAVAILABLE_ERROR);
        }
        // Never the e-mail typed or the password: the user id when known, and the outcome.
        getLogger().info({ action: 'auth.signin', userId: outcome.ok ? outcome.user.id : null, ok: outcome.ok, reason: outcome.ok ? undefined : outcome.reason, ip });
        if (outcome.ok) return outcome.user;
        // next-auth hands a thrown error's message to the form as `result.error`;
        // null becomes "CredentialsSignin", the same for a wrong password and an unknown e-mail.
        if (outcome.reason === 'throttled') throw new Error(SIGN_IN_THROTTLED_ERROR);
        return null;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.provinceId = user.provinceId;
        token.clusterId = user.clusterId;
        // Set once, at sign-in (next-auth re-issues the token on use, so `iat` moves):
        // a session that began more than SESSION_MAX_AGE_SECONDS ago, or before the
        // last password change, is refused (loadSessionUser).
        token.signedInAt = Date.now();
        token.sid = randomUUID();
      }
      return token;
    },
    async session({ session, token }) {
      session.user = {
        id: token.uid,
        email: token.email ?? '',
        name: token.name ?? '',
        role: token.role,
        provinceId: token.provinceId,
        clusterId: token.clusterId,
      };
      session.signedInAt = token.signedInAt ?? null;
      session.sid = token.sid ?? null;
      return session;
    },
  },
  events: {
    // A copy of the cookie taken before sign-out must not work afterwards, on any instance.
    async signOut({ token }) {
      if (!token?.sid || !token.uid) return;
      await endSession(getDb(), { sid: token.sid, uid: token.uid, signedInAt: token.signedInAt ?? Date.now() });
      getLogger().info({ action: 'auth.signout', userId: token.uid });
    },
  },
};
