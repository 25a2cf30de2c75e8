import type { NextConfig } from 'next';

// Security headers that never change, on every response including static
// files. The per-request ones (Content-Security-Policy with its nonce, HSTS
// when served over HTTPS) are set in proxy.ts.
const SECURITY_HEADERS = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

const nextConfig: NextConfig = {
  // PGlite ships a WebAssembly build of PostgreSQL and its data files; it must
  // be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@prisma/adapter-pg', 'pg'],
  // A second build folder lets a benchmark or a test build without touching the main one.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with a real 403 status.
  // Server actions take uploaded workbooks: up to 2 MB for a report and 8 MB for a history
  // file (lib/excel/upload-limits.ts), which refuses larger files with a clear message first.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: '9mb' } },
  // Types are checked once, by `npm run typecheck` (part of `npm test`), not
  // again by every build: `npm start` builds on a newcomer's first run.
  typescript: { tsconfigPath: './tsconfig.json', ignoreBuildErrors: true },
  // Server actions keep Next's default origin check (Origin must match Host):
  // no experimental.serverActions.allowedOrigins here.
  async headers() {
    return [{ source: '/:path*', headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
