import type { NextConfig } from 'next';

import { MAX_ACTION_BODY_BYTES } from './lib/http/action-limits';
import { HSTS } from './lib/http/security-headers';
import { servedOverHttps } from './lib/platform/env';

// Security headers that never change, on every response including static
// files. The per-request ones (Content-Security-Policy with its nonce) are set
// in proxy.ts, which skips build assets.
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
  // This is the largest body any page takes; the action gate (lib/http/action-gate.ts) holds
  // each page to its own limit, and refuses large bodies without a session, before Next reads them.
  // Server actions keep Next's default origin check (Origin must match Host):
  // no experimental.serverActions.allowedOrigins here.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: MAX_ACTION_BODY_BYTES } },
  // Types are checked once, by `npm run typecheck` (part of `npm test`), not
  // again by every build: `npm start` builds on a newcomer's first run.
  typescript: { tsconfigPath: './tsconfig.json', ignoreBuildErrors: true },
  // Decided when the app is built (Next writes these headers into the build), so build with
  // the production NEXTAUTH_URL; `npm start` rebuilds when its https-ness changes.
  async headers() {
    const hsts = servedOverHttps() ? [{ key: 'Strict-Transport-Security', value: HSTS }] : [];
    return [{ source: '/:path*', headers: [...SECURITY_HEADERS, ...hsts] }];
  },
};

export default nextConfig;
