import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite ships a WebAssembly build of PostgreSQL and its data files; it must
  // be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@prisma/adapter-pg', 'pg'],
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with a real 403 status.
  experimental: { authInterrupts: true },
  typescript: { tsconfigPath: './tsconfig.json' },
};

export default nextConfig;
