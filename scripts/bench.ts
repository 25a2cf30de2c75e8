// `npm run bench`: the dashboards and the read API under load, on a national-scale data set.
//
// 1. Builds a fresh database with scripts/bench-data.ts (63 provinces, 8 clusters, 2014S1–2026S1)
//    in a SEPARATE place: a PGlite folder (./bench-data/pglite, or BENCH_PGLITE_DIR), or, when
//    DATABASE_URL is set, a database `kh_bench` (or BENCH_DATABASE) on that server (dropped and recreated).
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
// 5. Measures each target with autocannon (BENCH_CONNECTIONS = 50 connections, BENCH_SECONDS = 10 s
//    each), one after another on the one server: first a static file and a route with no I/O
//    (next-auth's /api/auth/providers), then the summary APIs and the dashboard pages. Prints
//    requests per second, p50 and p99 latency, the queries per request of step 4, and each
//    target's requests per second as a share of the static file's and of the no-I/O route's,
//    beside the goal it is held to (issue 16: the summary APIs at ≥ 50 % of the no-I/O route and
//    p99 < 150 ms; the dashboard and central pages at ≥ 10 % and p99 < 500 ms). Ratios, not
//    absolute figures, so that a faster or busier machine moves them less; printed, not asserted.
//    Then the weight of the pages: the dashboard's HTML, and the compressed JavaScript of the
//    sign-in page and of read-only pages (every script chunk the HTML references, gzip-compressed
//    one by one as `next start` sends them; the noModule polyfill, which no current browser
//    loads, left out).
// 6. On PostgreSQL only, the write load (scripts/bench-writers.ts): 100 writers saving drafts for
//    30 s through the API of the same server; fails unless every answer is 200 or 409 and no save
//    is lost, and prints the answers by kind and the saves' p50 and p99. On PGlite it says it is
//    skipped and why. `npm run bench -- --writers-only` builds the database and the server and
//    runs this step alone.
//
// Runs under `node --conditions=react-server` (see package.json) so that the data layer's
// `import 'server-only'` resolves as it does in the server.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import pg from 'pg';

import { createApiToken } from '../lib/accounts/api-tokens';
import type { Db } from '../lib/platform/db';
import { applyMigrations } from '../lib/platform/migrations';
import { createPrismaClient } from '../lib/platform/prisma-factory';
import { getProvinceHistory } from '../lib/dashboards/province-history';
import { getClusterSpanSummary, getClusterSummary } from '../lib/dashboards/cluster-summary';
import { getNationalSummary } from '../lib/dashboards/national-summary';
import { getClusterTrend } from '../lib/dashboards/trend';
import { getCachedClusterSummary } from '../lib/dashboards/summary-cache';
import { BENCH_ACCOUNTS, BENCH_LAST_PERIOD, BENCH_PASSWORD, buildBenchData, writeBenchData } from './bench-data';
import { runWriteLoad, WRITE_SECONDS, WRITERS } from './bench-writers';

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
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const BASE = `http://127.0.0.1:${PORT}`;
const CLUSTER = 'CUM1';
/** The central association's summary page (the lead's `/trung-uong`). */
const CENTRAL_PAGE = process.env.BENCH_CENTRAL_PAGE ?? `/trung-uong?ky=${BENCH_LAST_PERIOD}`;
/** `--writers-only`: step 6 alone (with the database and the server it needs). */
const WRITERS_ONLY = process.argv.includes('--writers-only');

/** The database the bench drops and recreates on DATABASE_URL's server (two benches at once need two). */
const BENCH_DATABASE = process.env.BENCH_DATABASE ?? 'kh_bench';

if (PORT < 3500 || PORT > 3599) throw new Error('BENCH_PORT must be within 3500–3599.');
if (!/^kh_bench\w*$/.test(BENCH_DATABASE)) throw new Error('BENCH_DATABASE must be kh_bench or begin with kh_bench (it is dropped).');

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
    url.pathname = `/${BENCH_DATABASE}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${BENCH_DATABASE}`);
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
  // The summaries' cache (lib/dashboards/summary-cache.ts): a first call sends the version's query
  // and the summary's; the next, the version's alone. Timed cold, not warmed like the others.
  const cached = () => getCachedClusterSummary(db, { clusterCode: CLUSTER, periodCode: BENCH_LAST_PERIOD, now: new Date() });
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
  for (const call of [`getCachedClusterSummary(${CLUSTER}, ${BENCH_LAST_PERIOD}), first call`, '… the same again']) {
    take();
    const start = performance.now();
    await cached();
    out.push({ call, queries: take(), ms: performance.now() - start });
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
  const onPostgres = Boolean(process.env.DATABASE_URL?.trim());
  const writeLoadSkipped =
    'write load: skipped, it needs PostgreSQL (DATABASE_URL=postgres://…): PGlite runs one statement at a time inside the server, so it has no concurrent writers to measure';
  if (WRITERS_ONLY && !onPostgres) {
    log(writeLoadSkipped);
    return;
  }
  const { target, env } = await freshDatabase();
  log(`database: ${'databaseUrl' in target ? `PostgreSQL ${BENCH_DATABASE}` : `PGlite ${path.relative(ROOT, target.pgliteDir)}`}`);
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
    counts = WRITERS_ONLY ? [] : await countDataLayer(db as Db, take);
  } finally {
    await db.$disconnect(); // releases the PGlite folder for the server
  }
  if (!WRITERS_ONLY) {
    console.log('\nData layer, one call each, in this process (SQL statements sent):');
    console.table(counts.map((c) => ({ call: c.call, queries: c.queries, 'ms (in-process)': Number(c.ms.toFixed(1)) })));
  }

  const secret = process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString('base64url');
  const server = startServer({ ...env, NEXTAUTH_SECRET: secret });
  const stop = () => stopServer(server);
  process.on('SIGINT', () => {
    stop();
    process.exit(130);
  });
  let writeLoadFailed = false;
  try {
    await timed('build (if needed) and start', () => waitForServer(server, 420_000));
    if (!WRITERS_ONLY) await readLoad(tokens, load, 'databaseUrl' in target ? 'PostgreSQL' : 'PGlite');
    if ('databaseUrl' in target) {
      log(`write load: ${WRITERS} writers saving drafts for ${WRITE_SECONDS} s…`);
      const result = await runWriteLoad({ base: BASE, databaseUrl: target.databaseUrl });
      console.log(`\nWrite load (PostgreSQL; ${load()}):`);
      for (const line of result.lines) console.log(`  ${line}`);
      console.table(result.rows);
      writeLoadFailed = !result.ok;
    } else log(writeLoadSkipped);
  } finally {
    stop();
  }
  log(`done in ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
  if (writeLoadFailed) throw new Error('The write load failed: see the lines above.');
}

type Goal = { share: number; p99Ms: number };
type ReadTarget = Target_ & { goal?: Goal };
type PageWeight = { page: string; path: string; htmlBytes: number; htmlGzip: number; scripts: number; jsGzip: number };

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)} %`;

/**
 * A page's weight as a browser first loads it: its HTML, and every script chunk the HTML
 * references (script tags and the chunks of client components named in the React payload),
 * gzip-compressed one by one; the noModule polyfill, which no current browser loads, left out.
 */
async function pageWeight(page: string, target: Target_): Promise<PageWeight> {
  const res = await fetch(BASE + target.path, { headers: target.headers, redirect: 'manual' });
  const html = await res.text();
  if (res.status !== 200) throw new Error(`${page}: ${target.path} answered ${res.status}`);
  const noModule = new Set([...html.matchAll(/<script\b[^>]*\bnoModule\b[^>]*>/gi)].map((m) => /\bsrc="([^"]+)"/.exec(m[0])?.[1]));
  const chunks = [...new Set([...html.matchAll(/\/_next\/static\/[\w./~-]+?\.js/g)].map((m) => m[0]))].filter((c) => !noModule.has(c));
  let jsGzip = 0;
  for (const chunk of chunks) {
    const body = await fetch(BASE + chunk);
    if (body.status !== 200) throw new Error(`${chunk} answered ${body.status}`);
    jsGzip += gzipSync(Buffer.from(await body.arrayBuffer())).length;
  }
  const bytes = Buffer.from(html);
  return { page, path: target.path, htmlBytes: bytes.length, htmlGzip: gzipSync(bytes).length, scripts: chunks.length, jsGzip };
}

/** The first script the sign-in page loads: a static file, served from the build as every chunk is. */
async function aStaticFile(): Promise<string> {
  const html = await (await fetch(`${BASE}/dang-nhap`)).text();
  const src = /<script\b[^>]*\bsrc="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  if (!src) throw new Error('The sign-in page references no script to serve as the static file');
  return src;
}

/** Steps 4 and 5: the read targets, one after another, under autocannon; then the pages' weight. */
async function readLoad(tokens: { leader: string; central: string }, load: () => string, database: string): Promise<void> {
  const leaderCookie = await signIn(BENCH_ACCOUNTS.leader);
  const centralCookie = await signIn(BENCH_ACCOUNTS.central);
  const api = { share: 0.5, p99Ms: 150 };
  const page = { share: 0.1, p99Ms: 500 };
  const STATIC = 'a static file';
  const NO_IO = '/api/auth/providers (no I/O)';
  const dashboard: ReadTarget = { name: 'cluster dashboard page', path: `/cum/${CLUSTER}?ky=${BENCH_LAST_PERIOD}`, headers: { Cookie: leaderCookie }, goal: page };
  const central: ReadTarget = { name: 'central summary page', path: CENTRAL_PAGE, headers: { Cookie: centralCookie }, goal: page };
  const targets: ReadTarget[] = [
    { name: STATIC, path: await aStaticFile(), headers: {} },
    { name: NO_IO, path: '/api/auth/providers', headers: {} },
    { name: 'GET cluster summary API', path: `/api/v1/clusters/${CLUSTER}/summary?period=${BENCH_LAST_PERIOD}`, headers: { Authorization: `Bearer ${tokens.leader}` }, goal: api },
    { name: 'GET national summary API', path: `/api/v1/summary?period=${BENCH_LAST_PERIOD}`, headers: { Authorization: `Bearer ${tokens.central}` }, goal: api },
    dashboard,
    central,
  ];
  const measured: Array<{ t: ReadTarget; status: number; rps: number; p50: number; p99: number; requests: number; non2xx: number; errors: number; queries: number }> = [];
  for (const t of targets) {
    const probe = await fetch(BASE + t.path, { headers: t.headers, redirect: 'manual' });
    const bytes = (await probe.arrayBuffer()).byteLength;
    const queries = await queriesPerRequest(t);
    log(`${t.name}: ${t.path} → ${probe.status} (${bytes} bytes), ${queries} queries per request; ${SECONDS} s × ${CONNECTIONS} connections…`);
    const r = await autocannon({ url: BASE + t.path, connections: CONNECTIONS, duration: SECONDS, headers: t.headers, timeout: 30 });
    measured.push({ t, status: probe.status, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors + r.timeouts, queries });
  }
  const rpsOf = (name: string) => measured.find((m) => m.t.name === name)!.rps;
  const staticRps = rpsOf(STATIC);
  const noIoRps = rpsOf(NO_IO);
  console.log(`\nUnder load (${CONNECTIONS} connections, ${SECONDS} s each, ${database}; ${load()}):`);
  console.table(
    measured.map((m) => {
      const share = m.rps / noIoRps;
      const met = m.t.goal ? share >= m.t.goal.share && m.p99 < m.t.goal.p99Ms && m.non2xx === 0 && m.errors === 0 : null;
      return {
        target: m.t.name,
        'req/s': Number(m.rps.toFixed(1)),
        '× static file': Number((m.rps / staticRps).toFixed(3)),
        '× no-I/O route': Number(share.toFixed(3)),
        'p50 ms': m.p50,
        'p99 ms': m.p99,
        requests: m.requests,
        'non-2xx': m.non2xx,
        errors: m.errors,
        'queries/request': Number(m.queries.toFixed(1)),
        goal: m.t.goal ? `≥ ${pct(m.t.goal.share)} of no-I/O, p99 < ${m.t.goal.p99Ms} ms` : '',
        met: met === null ? '' : met ? 'yes' : 'NO',
      };
    }),
  );

  // The pages' weight, measured after the load so that nothing else is in flight.
  const signInPage = { name: 'sign-in', path: '/dang-nhap', headers: {} };
  const history = { name: 'province history', path: '/lich-su/01', headers: { Cookie: centralCookie } };
  const weights = [
    await pageWeight('sign-in page', signInPage),
    await pageWeight('cluster dashboard (read-only)', dashboard),
    await pageWeight('central summary (read-only)', central),
    await pageWeight('province history (read-only)', history),
  ];
  console.log(`\nPages (kB = 1,000 bytes; JavaScript: every script chunk the HTML references, gzip-compressed):`);
  console.table(
    weights.map((w) => ({
      page: w.page,
      path: w.path,
      HTML: kB(w.htmlBytes),
      'HTML gzip': kB(w.htmlGzip),
      scripts: w.scripts,
      'JavaScript gzip': kB(w.jsGzip),
    })),
  );
  const [signInWeight, dashboardWeight] = weights;
  const check = (ok: boolean) => (ok ? 'yes' : 'NO');
  log(`goal: the dashboard's HTML ≤ 80 kB: ${kB(dashboardWeight.htmlBytes)} (${check(dashboardWeight.htmlBytes <= 80_000)})`);
  log(`goal: the sign-in page ≤ 100 kB of compressed JavaScript: ${kB(signInWeight.jsGzip)} (${check(signInWeight.jsGzip <= 100_000)})`);
  log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`);
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
