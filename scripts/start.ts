// `npm start`: prepares the database, builds the app when the sources changed
// since the last build, then serves the production build with scripts/serve.ts:
// Next's request handler behind a small Node server that tells the app the
// socket's address and refuses server actions from their headers (see there).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { servedOverHttps } from '../lib/platform/env';
import { prepare } from './prepare';

const ROOT = process.cwd();
// next.config.ts builds into NEXT_DIST_DIR when set (a second build beside the main one).
const DIST_DIR = path.resolve(ROOT, process.env.NEXT_DIST_DIR || '.next');
const FINGERPRINT_FILE = path.join(DIST_DIR, 'source-fingerprint');
const SOURCE_DIRS = ['app', 'components', 'lib', 'public'];
const SOURCE_FILES = ['package-lock.json', 'next.config.ts', 'proxy.ts', 'instrumentation-client.ts', 'postcss.config.mjs', 'tsconfig.json', 'prisma/schema.prisma'];

function walk(dir: string, out: string[]): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'generated' && entry.name !== 'node_modules') walk(full, out);
    } else if (!entry.name.endsWith('.test.ts')) {
      out.push(full);
    }
  }
}

/**
 * A hash of everything the build depends on, to rebuild only when needed: the sources, and
 * whether the portal is served over HTTPS (next.config.ts's headers, HSTS on static files
 * included, are fixed when the app is built).
 */
function sourceFingerprint(env: NodeJS.ProcessEnv): string {
  const files: string[] = [];
  for (const dir of SOURCE_DIRS) walk(path.join(ROOT, dir), files);
  for (const file of SOURCE_FILES) if (existsSync(path.join(ROOT, file))) files.push(path.join(ROOT, file));
  const hash = createHash('sha256');
  hash.update(`https=${servedOverHttps(env)}`);
  for (const file of files.sort()) {
    hash.update(path.relative(ROOT, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

function buildIfNeeded(env: NodeJS.ProcessEnv): void {
  const fingerprint = sourceFingerprint(env);
  const built = existsSync(path.join(DIST_DIR, 'BUILD_ID')) && existsSync(FINGERPRINT_FILE);
  if (built && readFileSync(FINGERPRINT_FILE, 'utf8') === fingerprint) return;
  console.log('[khởi động] Đang build ứng dụng (lần đầu mất khoảng 1–2 phút)…');
  const result = spawnSync('npx', ['next', 'build'], { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(FINGERPRINT_FILE, fingerprint);
}

async function main(): Promise<void> {
  const prepared = await prepare();
  const port = process.env.PORT ?? '3000';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...prepared,
    NEXT_TELEMETRY_DISABLED: '1',
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  };
  if (process.env.SKIP_BUILD !== '1') buildIfNeeded(env);
  else if (!statSync(DIST_DIR, { throwIfNoEntry: false })) throw new Error(`SKIP_BUILD=1 but there is no build in ${path.relative(ROOT, DIST_DIR)}`);

  const hostname = process.env.HOSTNAME_BIND ?? '0.0.0.0';
  console.log(`[khởi động] Cổng báo cáo đang chạy tại http://localhost:${port}`);
  const server = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'serve.ts')], {
    stdio: 'inherit',
    env: { ...env, PORT: port, HOSTNAME_BIND: hostname, NODE_ENV: process.env.NODE_ENV || 'production' },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
  server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
