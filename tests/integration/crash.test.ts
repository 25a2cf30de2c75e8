// Crash safety: a process saving large report drafts is killed (SIGKILL) in
// the middle of a save, several times, at chosen and at random points. After
// each kill the database, reopened, holds exactly the saves that were
// acknowledged (and at most the one in flight, whole), every report has all
// its figure rows, and its audit covers every version and nothing beyond.
// On an embedded PGlite folder by default; on PostgreSQL when DATABASE_URL is set.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { PrismaClient } from '../../lib/generated/prisma/client';
import { createPrismaClient } from '../../lib/platform/prisma-factory';
import { getReportView } from '../../lib/reports/store';
import { demo, sessionUserOf, TEST_NOW } from '../helpers/api';
import { CRASH_IMPORT_PERIODS, CRASH_IMPORT_PROVINCES } from '../helpers/crash-importer';
import { reportHash } from '../helpers/crash-writer';
import { createPostgresDatabase, dropPostgresDatabase, seedPgliteFolder } from '../helpers/seeded-database';

const SERVER_URL = process.env.DATABASE_URL?.trim();
const PERIOD = '2026S2';

type Kill =
  /** Wait (paused) at the n-th "in-tx" line, inside the transaction before COMMIT, and kill there. */
  | { at: 'in-tx'; nth: number }
  /** Kill after a random delay once the first save was acknowledged: anywhere in the loop. */
  | { at: 'random'; minMs: number; maxMs: number };

type Run = { province: string; email: string; kill: Kill };

/** What the writer said before it died. */
type Told = { acked: { version: number; hash: string } | null; attempt: { version: number; hash: string } | null; killedInTx: boolean };

const RUNS: Run[] = [
  // Killed while creating Hà Nội's report: nothing of it may remain.
  { province: '01', email: demo('hanoi'), kill: { at: 'in-tx', nth: 1 } },
  { province: '33', email: demo('hungyen'), kill: { at: 'random', minMs: 200, maxMs: 1500 } },
  // Killed in an update, after the figure rows were deleted and written again.
  { province: '33', email: demo('hungyen'), kill: { at: 'in-tx', nth: 3 } },
  { province: '01', email: demo('hanoi'), kill: { at: 'random', minMs: 0, maxMs: 2500 } },
];

/** Starts the writer, kills it as `kill` says, and reports what it had acknowledged. */
function runWriter(env: Record<string, string>, run: Run): Promise<Told> {
  const pauseAt = run.kill.at === 'in-tx' ? run.kill.nth : 0;
  const child = spawn(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', 'tests/helpers/crash-writer.ts', run.province, run.email, String(pauseAt)],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const told: Told = { acked: null, attempt: null, killedInTx: false };
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  return new Promise((resolve, reject) => {
    let inTx = 0;
    let timer: NodeJS.Timeout | undefined;
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 90_000);
    const kill = () => child.kill('SIGKILL');
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [word, version, hash] = line.split(' ');
      if (word === 'attempt') told.attempt = { version: Number(version), hash };
      if (word === 'saved') {
        told.acked = { version: Number(version), hash };
        if (run.kill.at === 'random' && !timer) {
          const { minMs, maxMs } = run.kill;
          timer = setTimeout(kill, minMs + Math.random() * (maxMs - minMs));
        }
      }
      if (word === 'in-tx' && run.kill.at === 'in-tx' && ++inTx === run.kill.nth) {
        told.killedInTx = true;
        kill();
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(watchdog);
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve(told);
      else reject(new Error(`the writer stopped by itself (exit ${code}):\n${stderr}`));
    });
  });
}

/** Every 2026S2 report is whole, and its audit matches its version exactly. */
async function expectConsistent(db: PrismaClient): Promise<void> {
  const reports = await db.report.findMany({
    where: { period: { code: PERIOD } },
    select: {
      id: true,
      version: true,
      province: { select: { code: true } },
      _count: { select: { modelFigures: true, fundMobilisations: true, awards: true, statusEvents: true } },
    },
  });
  const ids = new Set(reports.map((r) => r.id));
  for (const report of reports) {
    const where = `report ${report.province.code}/${PERIOD} v${report.version}`;
    expect(report._count, where).toEqual({ modelFigures: 5, fundMobilisations: 5, awards: 12, statusEvents: 1 });
    const audit = await db.auditLog.findMany({ where: { entityType: 'Report', entityId: report.id }, select: { action: true, details: true } });
    expect(audit.filter((a) => a.action === 'report.create'), where).toHaveLength(1);
    const versions = [...new Set(audit.filter((a) => a.action === 'report.update').map((a) => (a.details as { version: number }).version))];
    // Every save changes figures, so every version from 1 up has its audit rows, and none is beyond.
    expect(versions.sort((a, b) => a - b), where).toEqual(Array.from({ length: report.version }, (_, i) => i + 1));
  }
  // No audit row of a save that did not happen (e.g. a report created and rolled back).
  const created = await db.auditLog.findMany({ where: { action: 'report.create', details: { path: ['period'], equals: PERIOD } }, select: { entityId: true } });
  expect(created.filter((a) => !ids.has(a.entityId))).toEqual([]);
}

/** The report holds what the writer acknowledged last, or, killed outside a paused transaction, possibly the save in flight. */
async function expectAcknowledged(db: PrismaClient, run: Run, told: Told): Promise<void> {
  const user = await sessionUserOf(db, run.email);
  const view = await getReportView(db, user, { provinceCode: run.province, periodCode: PERIOD }, TEST_NOW);
  const stored = view.report && view.data ? { version: view.report.version, hash: reportHash(view.data) } : null;
  if (told.killedInTx) {
    expect(stored, 'killed before COMMIT: the last acknowledged save, not the one in flight').toEqual(told.acked);
  } else {
    expect([told.acked, told.attempt], 'the last acknowledged save or the one in flight, whole').toContainEqual(stored);
  }
}

/** Runs the history importer; `kill` says when to SIGKILL it (never: it runs to the end). */
function runImporter(env: Record<string, string>, kill: { at: 'in-tx' } | { at: 'random'; maxMs: number } | { at: 'never' }): Promise<{ lines: string[]; killed: boolean }> {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'tests/helpers/crash-importer.ts', kill.at === 'in-tx' ? '1' : '0'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  return new Promise((resolve, reject) => {
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 120_000);
    let timer: NodeJS.Timeout | undefined;
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (line === 'in-tx' && kill.at === 'in-tx') child.kill('SIGKILL');
      if (line === 'ready' && kill.at === 'random') timer = setTimeout(() => child.kill('SIGKILL'), Math.random() * kill.maxMs);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(watchdog);
      clearTimeout(timer);
      if (signal === 'SIGKILL' && kill.at !== 'never') resolve({ lines, killed: true });
      else if (code === 0) resolve({ lines, killed: false });
      else reject(new Error(`the importer failed (exit ${code}, ${signal}):\n${stderr}`));
    });
  });
}

/** The imported periods hold all 96 reports with their rows and audit, or none of anything. */
async function importedState(db: PrismaClient): Promise<'none' | 'all'> {
  const where = { period: { code: { in: CRASH_IMPORT_PERIODS } } };
  const reports = await db.report.findMany({
    where,
    select: { id: true, _count: { select: { modelFigures: true, fundMobilisations: true, awards: true, statusEvents: true } } },
  });
  const audit = await db.auditLog.count({ where: { action: 'report.import', entityId: { in: reports.map((r) => r.id) } } });
  // The importer is the only source "cli" in this database.
  const strayAudit = await db.auditLog.count({ where: { action: 'report.import', details: { path: ['source'], equals: 'cli' } } });
  if (reports.length === 0) {
    expect(strayAudit, 'no audit row of an import that did not commit').toBe(0);
    return 'none';
  }
  expect(reports).toHaveLength(CRASH_IMPORT_PERIODS.length * CRASH_IMPORT_PROVINCES.length);
  for (const r of reports) expect(r._count).toEqual({ modelFigures: 5, fundMobilisations: 5, awards: 12, statusEvents: 1 });
  expect(audit).toBe(reports.length);
  expect(strayAudit).toBe(reports.length);
  return 'all';
}

type Database = { env: Record<string, string>; open: () => PrismaClient; tearDown: () => Promise<void> };

function describeCrashes(kind: string, setUp: () => Promise<Database>) {
  describe(`killing a writer mid-save (${kind})`, () => {
    let ctx: Awaited<ReturnType<typeof setUp>>;
    beforeAll(async () => {
      ctx = await setUp();
    }, 180_000);
    afterAll(async () => {
      await ctx?.tearDown();
    });

    it('leaves the acknowledged saves, whole reports and an exact audit, kill after kill', async () => {
      const outcomes: string[] = [];
      for (const run of RUNS) {
        const started = performance.now();
        const told = await runWriter(ctx.env, run);
        const killed = performance.now();
        const db = ctx.open();
        try {
          await expectConsistent(db);
          await expectAcknowledged(db, run, told);
        } finally {
          await db.$disconnect();
        }
        const ms = (from: number, to = performance.now()) => `${((to - from) / 1000).toFixed(1)} s`;
        outcomes.push(
          `${run.province} ${run.kill.at}: acked v${told.acked?.version ?? 0}${told.killedInTx ? ' (killed in transaction)' : ''}, ` +
            `writer ${ms(started, killed)}, reopen+check ${ms(killed)}`,
        );
      }
      console.info(`crash runs (${kind}): ${outcomes.join('; ')}`);
      // Hưng Yên's report went through creation and several updates across the kills.
      const db = ctx.open();
      try {
        const hy = await getReportView(db, await sessionUserOf(db, demo('hungyen')), { provinceCode: '33', periodCode: PERIOD }, TEST_NOW);
        expect(hy.report?.version).toBeGreaterThanOrEqual(3);
      } finally {
        await db.$disconnect();
      }
    }, 600_000);

    it('leaves all of a history import or none of it', async () => {
      const check = async () => {
        const db = ctx.open();
        try {
          return await importedState(db);
        } finally {
          await db.$disconnect();
        }
      };
      // Killed inside the transaction, after its writes and before COMMIT: nothing of it remains.
      const inTx = await runImporter(ctx.env, { at: 'in-tx' });
      expect(inTx.killed).toBe(true);
      expect(await check()).toBe('none');
      // Killed anywhere: all or nothing, as the importer had said or not.
      const random = await runImporter(ctx.env, { at: 'random', maxMs: 3000 });
      const state = await check();
      if (random.lines.some((l) => l.startsWith('imported'))) expect(state).toBe('all');
      if (state === 'none') {
        // Then a run to the end imports everything, once.
        const full = await runImporter(ctx.env, { at: 'never' });
        expect(full.lines).toContain(`imported ${CRASH_IMPORT_PERIODS.length * CRASH_IMPORT_PROVINCES.length}`);
      }
      expect(await check()).toBe('all');
    }, 600_000);
  });
}

if (SERVER_URL) {
  describeCrashes('PostgreSQL', async () => {
    const name = `kh_crash_${process.pid}_${Date.now().toString(36)}`;
    const databaseUrl = await createPostgresDatabase(SERVER_URL, name);
    return {
      env: { DATABASE_URL: databaseUrl },
      open: () => createPrismaClient({ databaseUrl }),
      tearDown: () => dropPostgresDatabase(SERVER_URL, name),
    };
  });
} else {
  describeCrashes('embedded PGlite folder', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'kh-crash-'));
    const dir = path.join(tmp, 'pglite');
    await seedPgliteFolder(dir);
    return {
      env: { PGLITE_DIR: dir },
      // Reopening the folder after a SIGKILL is PGlite's crash recovery.
      open: () => createPrismaClient({ pgliteDir: dir }),
      tearDown: () => rm(tmp, { recursive: true, force: true }),
    };
  });
}
