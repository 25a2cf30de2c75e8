import type { Role } from '@/lib/generated/prisma/enums';

declare module 'next-auth' {
  interface User {
    role: Role;
    provinceId: string | null;
    clusterId: string | null;
  }
  interface Session {
    user: {
      id: string;
      email: string;
      name: string;
      role: Role;
      provinceId: string | null;
      clusterId: string | null;
    };
    /** When the session began (ms since the epoch); null for tokens issued before it was recorded, which are refused. */
    signedInAt: number | null;
    /** The session's id, to end it on sign-out everywhere; null for tokens issued before it was recorded, which are refused. */
    sid: string | null;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid: string;
    role: Role;
    provinceId: string | null;
    clusterId: string | null;
    /** Set at sign-in only; absent from tokens issued before it was recorded. */
    signedInAt?: number;
    /** The session's id, set at sign-in (see EndedSession). */
    sid?: string;
  }
}
