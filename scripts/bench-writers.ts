// The write load of `npm run bench` (issue 13): many people saving drafts at once, on PostgreSQL.
//
// WRITERS (100) writers save drafts through PUT /api/v1/provinces/{code}/reports/{period}
// against the one `next start` of the bench for WRITE_SECONDS (30 s), each as fast as the server
// answers, one request at a time. Every WRITERS_PER_REPORT (4) of them edit the same report, as
// colleagues of one province might, so saves also meet stale versions and each other's row locks.
// A writer whose save is refused with 409 reads the report again (GET) and carries on from the
// version it finds, as a person told to reload would. Every save changes a figure.
//
// Passes when no answer other than 200 and 409 came back (409: a stale version, a report another
// writer created first, or a row lock held past lock_timeout), and when every report's version
// equals the number of saves of it that were acknowledged (no save lost or counted twice).
// Prints the answers by kind and the latency of the saves (p50, p99, max).
//
// Only on PostgreSQL: PGlite runs one statement at a time in the server's process, so it has no
// concurrent writers to measure. Traffic goes to the bench's server on 127.0.0.1 only; every
// request has its own time limit, and the writers stop at the deadline by themselves.
import bcrypt from 'bcryptjs';

import { createApiToken } from '../lib/accounts/api-tokens';
import type { Db } from '../lib/platform/db';
import { RECORD_BUSY_MESSAGES } from '../lib/platform/db-errors';
import { createPrismaClient } from '../lib/platform/prisma-factory';
import { periodDates } from '../lib/reference/periods';
import { BENCH_ACCOUNTS, BENCH_LAST_PERIOD, BENCH_PASSWORD } from './bench-data';

export const WRITERS = Number(process.env.BENCH_WRITERS ?? 100);
export const WRITE_SECONDS = Number(process.env.BENCH_WRITE_SECONDS ?? 30);
const WRITERS_PER_REPORT = 4;
/** An open period after the bench data's last one: drafts are saved into it. */
const WRITE_PERIOD = '2026S2';
/** No request may hang the bench: each is abandoned (and counted an error) after this. */
const REQUEST_TIMEOUT_MS = 30_000;

type Writer = { province: string; token: string };

export type WriteLoadResult = {
  ok: boolean;
  lines: string[];
  rows: Array<Record<string, string | number>>;
};

/**
 * Staff accounts, personal tokens and an open period in the bench database, written beside the
 * running server through a client of its own. Roles are copied from the bench's staff account,
 * so that no role name is written outside lib/permissions.ts and the bench data.
 */
async function prepareWriters(databaseUrl: string, writers: number, now: Date): Promise<Writer[]> {
  const db = createPrismaClient({ databaseUrl });
  try {
    const reports = Math.ceil(writers / WRITERS_PER_REPORT);
    const template = await db.user.findUniqueOrThrow({ where: { email: BENCH_ACCOUNTS.staff }, select: { role: true } });
    const provinces = await db.province.findMany({ orderBy: { code: 'asc' }, take: reports, select: { id: true, code: true } });
    if (provinces.length < reports) throw new Error(`The bench data has ${provinces.length} provinces; ${reports} are needed for ${writers} writers.`);
    const { start, end } = periodDates(WRITE_PERIOD);
    const year = Number(WRITE_PERIOD.slice(0, 4));
    await db.period.upsert({
      where: { code: WRITE_PERIOD },
      // Open for a week from now, whatever the day the bench runs.
      update: { locked: false, deadline: new Date(now.getTime() + 7 * 86_400_000) },
      create: { code: WRITE_PERIOD, year, half: 2, startDate: start, endDate: end, deadline: new Date(now.getTime() + 7 * 86_400_000), locked: false },
    });
    const passwordHash = await bcrypt.hash(BENCH_PASSWORD, 4);
    const email = (code: string, k: number) => `ghi-${code}-${k}@bench.khuyenhoc.vn`;
    await db.user.createMany({
      data: provinces.flatMap((p) =>
        Array.from({ length: WRITERS_PER_REPORT }, (_, k) => ({
          email: email(p.code, k),
          name: `Cán bộ ${p.code} số ${k + 1} (thử ghi)`,
          role: template.role,
          provinceId: p.id,
          passwordHash,
        })),
      ),
      skipDuplicates: true,
    });
    const out: Writer[] = [];
    for (let i = 0; i < writers; i++) {
      const p = provinces[Math.floor(i / WRITERS_PER_REPORT)];
      const user = await db.user.findUniqueOrThrow({ where: { email: email(p.code, i % WRITERS_PER_REPORT) }, select: { id: true } });
      out.push({ province: p.code, token: (await createApiToken(db as Db, user.id, `thử ghi ${i + 1}`)).token });
    }
    return out;
  } finally {
    await db.$disconnect();
  }
}

type Sample = { ms: number; status: number; kind: 'saved' | 'stale' | 'busy' | 'error'; detail?: string };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs the write load against the server at `base` (http://127.0.0.1:PORT) on the bench database. */
export async function runWriteLoad(opts: { base: string; databaseUrl: string; writers?: number; seconds?: number }): Promise<WriteLoadResult> {
  const writers = opts.writers ?? WRITERS;
  const seconds = opts.seconds ?? WRITE_SECONDS;
  if (new URL(opts.base).hostname !== '127.0.0.1') throw new Error('The write load only goes to 127.0.0.1.');
  const team = await prepareWriters(opts.databaseUrl, writers, new Date());

  const call = async (w: Writer, method: 'GET' | 'PUT', period: string, body?: unknown) => {
    const res = await fetch(`${opts.base}/api/v1/provinces/${w.province}/reports/${period}`, {
      method,
      headers: { Authorization: `Bearer ${w.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    return { status: res.status, json: (await res.json().catch(() => null)) as Record<string, any> | null };
  };

  // Each writer starts from its province's figures of the last closed period.
  const start = await Promise.all(team.map((w) => call(w, 'GET', BENCH_LAST_PERIOD)));
  const bad = start.findIndex((r) => r.status !== 200 || !r.json?.report?.data);
  if (bad >= 0) throw new Error(`Reading ${team[bad].province}/${BENCH_LAST_PERIOD} answered ${start[bad].status}`);

  const saves: Sample[] = [];
  const reads: Sample[] = [];
  const acknowledged = new Map<string, number>();
  const deadline = performance.now() + seconds * 1000;
  const errorOf = (e: unknown): Sample => ({ ms: 0, status: 0, kind: 'error', detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });

  await Promise.all(
    team.map(async (w, i) => {
      const data = start[i].json!.report.data as { membership: { members: number | null } };
      const members = data.membership.members ?? 0;
      let version = 0;
      for (let n = 1; performance.now() < deadline; n++) {
        // A figure that differs at every save of every writer: no save is a no-op.
        const body = { version, data: { ...data, membership: { ...data.membership, members: members + n * writers + i } } };
        const t0 = performance.now();
        let answer: Awaited<ReturnType<typeof call>>;
        try {
          answer = await call(w, 'PUT', WRITE_PERIOD, body);
        } catch (e) {
          saves.push(errorOf(e));
          continue;
        }
        const ms = performance.now() - t0;
        if (answer.status === 200 && typeof answer.json?.version === 'number') {
          saves.push({ ms, status: 200, kind: 'saved' });
          version = answer.json.version;
          acknowledged.set(w.province, (acknowledged.get(w.province) ?? 0) + 1);
          continue;
        }
        const message = String(answer.json?.error?.message ?? '');
        if (answer.status !== 409) {
          saves.push({ ms, status: answer.status, kind: 'error', detail: message.slice(0, 200) });
          continue;
        }
        saves.push({ ms, status: 409, kind: message === RECORD_BUSY_MESSAGES.report ? 'busy' : 'stale' });
        // Told the copy is stale (or the row is busy): read the report again, as the page would.
        const r0 = performance.now();
        try {
          const fresh = await call(w, 'GET', WRITE_PERIOD);
          reads.push({ ms: performance.now() - r0, status: fresh.status, kind: fresh.status === 200 ? 'saved' : 'error', detail: fresh.status === 200 ? undefined : String(fresh.json?.error?.message ?? '') });
          if (fresh.status === 200) version = fresh.json?.report?.version ?? 0;
        } catch (e) {
          reads.push(errorOf(e));
        }
      }
    }),
  );

  // Every acknowledged save made exactly one version (a created report starts at 1).
  const db = createPrismaClient({ databaseUrl: opts.databaseUrl });
  let lost: string[] = [];
  try {
    const stored = await db.report.findMany({
      where: { period: { code: WRITE_PERIOD }, province: { code: { in: [...new Set(team.map((w) => w.province))] } } },
      select: { version: true, province: { select: { code: true } } },
    });
    const versionOf = new Map(stored.map((r) => [r.province.code, r.version]));
    lost = [...new Set(team.map((w) => w.province))]
      .filter((code) => (versionOf.get(code) ?? 0) !== (acknowledged.get(code) ?? 0))
      .map((code) => `${code}: version ${versionOf.get(code) ?? 0}, ${acknowledged.get(code) ?? 0} saves acknowledged`);
  } finally {
    await db.$disconnect();
  }

  const count = (list: Sample[], kind: Sample['kind']) => list.filter((s) => s.kind === kind).length;
  const row = (name: string, list: Sample[]) => {
    const ms = list.filter((s) => s.kind !== 'error' || s.status !== 0).map((s) => s.ms).sort((a, b) => a - b);
    return {
      requests: name,
      total: list.length,
      'ok (200)': count(list, 'saved'),
      '409 stale': count(list, 'stale'),
      '409 busy': count(list, 'busy'),
      errors: count(list, 'error'),
      'req/s': Number((list.length / seconds).toFixed(1)),
      'p50 ms': Math.round(percentile(ms, 50)),
      'p99 ms': Math.round(percentile(ms, 99)),
      'max ms': Math.round(ms.at(-1) ?? 0),
    };
  };
  const errors = [...saves, ...reads].filter((s) => s.kind === 'error');
  const lines = [
    `${writers} writers, ${WRITERS_PER_REPORT} per report (${Math.ceil(writers / WRITERS_PER_REPORT)} reports of ${WRITE_PERIOD}), ${seconds} s`,
    lost.length ? `versions that do not match the acknowledged saves: ${lost.join('; ')}` : 'every report’s version matches its acknowledged saves',
    ...(errors.length
      ? [`answers other than 200 and 409: ${errors.length}, e.g. ${[...new Set(errors.map((e) => `${e.status} ${e.detail ?? ''}`.trim()))].slice(0, 5).join(' | ')}`]
      : ['no answer other than 200 and 409']),
  ];
  return { ok: errors.length === 0 && lost.length === 0, lines, rows: [row('PUT (save draft)', saves), row('GET (reload after 409)', reads)] };
}
