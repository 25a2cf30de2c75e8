// `npm run bench`: the dashboards and the read API under load, on a national-scale data set.
//
// 1. Builds a fresh database with scripts/bench-data.ts (63 provinces, 8 clusters, 2014S1–2026S1)
//    in a SEPARATE place: a PGlite folder (./bench-data/pglite, or BENCH_PGLITE_DIR), or, when
//    DATABASE_URL is set, a database `kh_bench` on that server (dropped and recreated).
// 2. Calls each data-layer function once in this process and counts the SQL statements it sends
//    (createPrismaClient's onQuery, Prisma's query event), and times the call.
// 3. Starts the portal on it with scripts/start.ts (build into .next-bench when the sources
//    changed, `next start` on BENCH_PORT, default 3571), signs in through next-auth's credentials
//    endpoint for the pages and uses personal API tokens for the API.
// 4. Counts each target's queries per request as the server sends them: the server runs with
//    COUNT_DB_QUERIES=true, which counts every SQL statement of its one database client and adds
//    the running total to GET /api/health. With nothing else in flight, the bench reads that total,
//    sends five requests to the target one after another, reads it again, takes off the health
//    check's own statements (measured by two readings in a row) and divides by five. So a page's
//    figure is everything its request costs the database: the session's user, the layout, the
//    page's data, after React's per-render cache() has shared the reads that repeat (what the
//    in-process figures of step 2 cannot show, since cache() memoises only inside a render).
// 5. Measures each target with autocannon (10 connections, BENCH_SECONDS = 10 s each) and prints
//    requests per second, p50 and p99 latency and the queries per request of step 4.
//
// Runs under `node --conditions=react-server` (see package.json) so that the data layer's
// `import 'server-only'` resolves as it does in the server.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';

import pg from 'pg';

import { createApiToken } from '../lib/accounts/api-tokens';
import type { Db } from '../lib/platform/db';
import { applyMigrations } from '../lib/platform/migrations';
import { createPrismaClient } from '../lib/platform/prisma-factory';
import { getProvinceHistory } from '../lib/dashboards/province-history';
import { getClusterSpanSummary, getClusterSummary } from '../lib/dashboards/cluster-summary';
import { getNationalSummary } from '../lib/dashboards/national-summary';
import { getClusterTrend } from '../lib/dashboards/trend';
import { BENCH_ACCOUNTS, BENCH_LAST_PERIOD, BENCH_PASSWORD, buildBenchData, writeBenchData } from './bench-data';

type AutocannonResult = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
};
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  timeout?: number;
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const ROOT = process.cwd();
const PORT = Number(process.env.BENCH_PORT ?? 3571);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const BASE = `http://127.0.0.1:${PORT}`;
const CLUSTER = 'CUM1';
/** The central association's summary page (the lead's `/trung-uong`). */
const CENTRAL_PAGE = process.env.BENCH_CENTRAL_PAGE ?? `/trung-uong?ky=${BENCH_LAST_PERIOD}`;

if (PORT < 3500 || PORT > 3599) throw new Error('BENCH_PORT must be within 3500–3599.');

function log(message: string): void {
  console.log(`[bench] ${message}`);
}

async function timed<T>(what: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  log(`${what}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return result;
}

// ---------------------------------------------------------------------------
// The database

type Target = { databaseUrl: string } | { pgliteDir: string };

async function freshDatabase(): Promise<{ target: Target; env: Record<string, string> }> {
  const serverUrl = process.env.DATABASE_URL?.trim();
  if (serverUrl) {
    const url = new URL(serverUrl);
    url.pathname = '/kh_bench';
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query('DROP DATABASE IF EXISTS kh_bench WITH (FORCE)');
      await admin.query('CREATE DATABASE kh_bench');
    } finally {
      await admin.end();
    }
    return { target: { databaseUrl: url.toString() }, env: { DATABASE_URL: url.toString() } };
  }
  const pgliteDir = path.resolve(ROOT, process.env.BENCH_PGLITE_DIR ?? 'bench-data/pglite');
  rmSync(pgliteDir, { recursive: true, force: true });
  return { target: { pgliteDir }, env: { PGLITE_DIR: pgliteDir } };
}

type DataLayerCount = { call: string; queries: number; ms: number };

/** Each data-layer call once; `take()` returns the statements sent since it was last called. */
async function countDataLayer(db: Db, take: () => number): Promise<DataLayerCount[]> {
  const calls: Array<[string, () => Promise<unknown>]> = [
    [`getClusterSummary(${CLUSTER}, ${BENCH_LAST_PERIOD})`, () => getClusterSummary(db, { clusterCode: CLUSTER, periodCode: BENCH_LAST_PERIOD })],
    [`getClusterSummary(${CLUSTER}, ${BENCH_LAST_PERIOD}, current)`, () => getClusterSummary(db, { clusterCode: CLUSTER, periodCode: BENCH_LAST_PERIOD, view: 'current' })],
    [`getClusterSpanSummary(${CLUSTER}, 2025S1–2025S2)`, () => getClusterSpanSummary(db, { clusterCode: CLUSTER, from: '2025S1', to: '2025S2' })],
    [`getClusterTrend(${CLUSTER}, all 25 periods)`, () => getClusterTrend(db, { clusterCode: CLUSTER })],
    [`getNationalSummary(${BENCH_LAST_PERIOD})`, () => getNationalSummary(db, { periodCode: BENCH_LAST_PERIOD })],
    ['getProvinceHistory(01)', () => getProvinceHistory(db, { provinceCode: '01' })],
  ];
  const out: DataLayerCount[] = [];
  for (const [call, run] of calls) {
    await run(); // warm: the first query of a cold connection is slower
    take();
    const start = performance.now();
    const result = await run();
    const ms = performance.now() - start;
    if (result === null) throw new Error(`${call} returned null on the bench data`);
    out.push({ call, queries: take(), ms });
  }
  return out;
}

// ---------------------------------------------------------------------------
// The server

function startServer(env: Record<string, string>): ChildProcess {
  // scripts/start.ts: migrations (none pending), build into .next-bench if the sources changed, next start.
  const child = spawn('npx', ['tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    detached: true, // its own process group, stopped as a whole at the end
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...env,
      NEXT_DIST_DIR: '.next-bench',
      PORT: String(PORT),
      HOSTNAME_BIND: '127.0.0.1',
      NEXTAUTH_URL: BASE,
      SEED_DEMO: 'false',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      COUNT_DB_QUERIES: 'true',
      NODE_ENV: 'production',
    },
  });
  const prefix = (line: string) => (line.trim() ? `  [server] ${line}` : '');
  child.stdout?.on('data', (b: Buffer) => process.stdout.write(b.toString().split('\n').filter((l) => !l.startsWith('{')).map(prefix).filter(Boolean).join('\n') + '\n'));
  child.stderr?.on('data', (b: Buffer) => process.stderr.write(b.toString().split('\n').map(prefix).filter(Boolean).join('\n') + '\n'));
  return child;
}

function stopServer(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM'); // the group this script started
  } catch {
    // already gone
  }
}

async function waitForServer(child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${BASE}/dang-nhap`, { redirect: 'manual' });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error('The server did not start in time');
}

/** Signs in through next-auth's credentials endpoint; returns the Cookie header of the session. */
async function signIn(email: string): Promise<string> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  keep(csrf);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password: BENCH_PASSWORD, callbackUrl: `${BASE}/`, json: 'true' }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes('session-token'))) throw new Error(`Sign-in of ${email} failed (${res.status})`);
  return cookie();
}

/** The SQL statements the server has sent so far (COUNT_DB_QUERIES), as GET /api/health reports them. */
async function serverQueries(): Promise<number> {
  const body = (await (await fetch(`${BASE}/api/health`)).json()) as { queries?: unknown };
  if (typeof body.queries !== 'number') throw new Error('The server does not report its queries (COUNT_DB_QUERIES=true)');
  return body.queries;
}

/** Queries per request of a target as the server counts them (see step 4 above); nothing else may be in flight. */
async function queriesPerRequest(t: Target_, requests = 5): Promise<number> {
  const before = await serverQueries();
  const start = await serverQueries();
  const ownStatements = start - before;
  for (let i = 0; i < requests; i++) {
    const res = await fetch(BASE + t.path, { headers: t.headers, redirect: 'manual' });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${t.name}: ${t.path} answered ${res.status}`);
  }
  const end = await serverQueries();
  return (end - start - ownStatements) / requests;
}

// ---------------------------------------------------------------------------

type Target_ = { name: string; path: string; headers: Record<string, string> };

async function main(): Promise<void> {
  const startedAt = performance.now();
  // Other work on the machine skews the figures: say how busy it was.
  const load = () => `load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} on ${cpus().length} cores`;
  log(load());
  const { target, env } = await freshDatabase();
  log(`database: ${'databaseUrl' in target ? 'PostgreSQL kh_bench' : `PGlite ${path.relative(ROOT, target.pgliteDir)}`}`);
  await timed('migrations', () => applyMigrations(target));

  let sent = 0;
  const db = createPrismaClient({ ...target, onQuery: () => sent++ });
  const take = () => {
    const n = sent;
    sent = 0;
    return n;
  };
  let tokens: { leader: string; central: string };
  let counts: DataLayerCount[];
  try {
    const data = buildBenchData();
    const written = await timed('data set (createMany)', () => writeBenchData(db, data));
    log(`rows: ${Object.entries(written).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    const userId = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
    tokens = {
      leader: (await createApiToken(db as Db, await userId(BENCH_ACCOUNTS.leader), 'bench')).token,
      central: (await createApiToken(db as Db, await userId(BENCH_ACCOUNTS.central), 'bench')).token,
    };
    counts = await countDataLayer(db as Db, take);
  } finally {
    await db.$disconnect(); // releases the PGlite folder for the server
  }
  console.log('\nData layer, one call each, in this process (SQL statements sent):');
  console.table(counts.map((c) => ({ call: c.call, queries: c.queries, 'ms (in-process)': Number(c.ms.toFixed(1)) })));

  const secret = process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString('base64url');
  const server = startServer({ ...env, NEXTAUTH_SECRET: secret });
  const stop = () => stopServer(server);
  process.on('SIGINT', () => {
    stop();
    process.exit(130);
  });
  try {
    await timed('build (if needed) and start', () => waitForServer(server, 420_000));
    const leaderCookie = await signIn(BENCH_ACCOUNTS.leader);
    const centralCookie = await signIn(BENCH_ACCOUNTS.central);
    const targets: Target_[] = [
      { name: 'cluster dashboard page', path: `/cum/${CLUSTER}?ky=${BENCH_LAST_PERIOD}`, headers: { Cookie: leaderCookie } },
      { name: 'central summary page', path: CENTRAL_PAGE, headers: { Cookie: centralCookie } },
      { name: 'GET cluster summary API', path: `/api/v1/clusters/${CLUSTER}/summary?period=${BENCH_LAST_PERIOD}`, headers: { Authorization: `Bearer ${tokens.leader}` } },
      { name: 'GET national summary API', path: `/api/v1/summary?period=${BENCH_LAST_PERIOD}`, headers: { Authorization: `Bearer ${tokens.central}` } },
    ];
    const rows = [];
    for (const t of targets) {
      const probe = await fetch(BASE + t.path, { headers: t.headers, redirect: 'manual' });
      const bytes = (await probe.arrayBuffer()).byteLength;
      const queries = await queriesPerRequest(t);
      log(`${t.name}: ${t.path} → ${probe.status} (${bytes} bytes), ${queries} queries per request; ${SECONDS} s × ${CONNECTIONS} connections…`);
      const r = await autocannon({ url: BASE + t.path, connections: CONNECTIONS, duration: SECONDS, headers: t.headers, timeout: 30 });
      rows.push({
        target: t.name,
        status: probe.status,
        'req/s': Number(r.requests.average.toFixed(1)),
        'p50 ms': r.latency.p50,
        'p99 ms': r.latency.p99,
        requests: r.requests.total,
        'non-2xx': r.non2xx,
        errors: r.errors + r.timeouts,
        'queries/request': Number(queries.toFixed(1)),
      });
    }
    console.log(`\nUnder load (${CONNECTIONS} connections, ${SECONDS} s each, ${'databaseUrl' in target ? 'PostgreSQL' : 'PGlite'}; ${load()}):`);
    console.table(rows);
  } finally {
    stop();
  }
  log(`done in ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
