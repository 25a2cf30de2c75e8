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
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid: string;
    role: Role;
    provinceId: string | null;
    clusterId: string | null;
  }
}
