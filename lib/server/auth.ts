import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from './db';
import { verifyCredentials } from './users';

const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60; // one working day

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
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
      async authorize(credentials) {
        const user = await verifyCredentials(getDb(), credentials);
        return user;
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
      return session;
    },
  },
};
