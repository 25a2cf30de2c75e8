// The outbox under several workers and under a crash, each worker its own process
// (tests/helpers/notification-worker.ts), against a real SMTP server on 127.0.0.1:
//   - two workers on one PostgreSQL database: 200 queued messages each delivered once, and the
//     daily reminder, started by both at the same moment, run once;
//   - a worker killed mid-batch (SIGKILL), then started again: nothing lost, and nothing sent
//     twice but the one message the worker was sending when it died, which SMTP cannot tell
//     (the server had it; its answer died with the worker): sent again with the same Message-ID.
// On PostgreSQL when DATABASE_URL is set; the crash test also on an embedded PGlite folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { PrismaClient } from '../../lib/generated/prisma/client';
import { buildMessage } from '../../lib/notifications/messages';
import { recordNotifications } from '../../lib/notifications/outbox';
import { createPrismaClient } from '../../lib/platform/prisma-factory';
import { MAIL_FROM, PUBLIC_URL } from '../helpers/notifications';
import { createPostgresDatabase, dropPostgresDatabase, seedPgliteFolder } from '../helpers/seeded-database';
import { startTestSmtp, type ReceivedMail, type TestSmtp } from '../helpers/smtp-server';

const SERVER_URL = process.env.DATABASE_URL?.trim();
/** 08:30 in Vietnam, 7 days before 2026S2's deadline (15/12/2026): the daily job's 7-day reminders are due. */
const DAILY_AT = '2026-12-08T01:30:00Z';

type Worker = { child: ChildProcess; lines: string[]; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>; stderr: () => string };

function startWorker(env: Record<string, string>, onLine?: (line: string, worker: Worker) => void): Worker {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'tests/helpers/notification-worker.ts'], {
    env: { ...process.env, NODE_ENV: 'test', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += String(c)));
  const worker: Worker = {
    child,
    lines: [],
    stderr: () => stderr,
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
  };
  createInterface({ input: child.stdout! }).on('line', (line) => {
    worker.lines.push(line);
    onLine?.(line, worker);
  });
  const watchdog = setTimeout(() => child.kill('SIGKILL'), 240_000);
  void worker.exited.then(() => clearTimeout(watchdog));
  return worker;
}

const waitForLine = async (w: Worker, word: string) => {
  const until = Date.now() + 60_000;
  while (!w.lines.some((l) => l === word || l.startsWith(`${word} `))) {
    if (w.child.exitCode !== null || Date.now() > until) throw new Error(`worker never said "${word}":\n${w.stderr()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** Queues `n` e-mails (each with its notification), as events do, in one transaction. */
async function queue(db: PrismaClient, n: number, at: Date): Promise<void> {
  const admin = await db.user.findUniqueOrThrow({ where: { email: 'admin@demo.khuyenhoc.vn' }, select: { id: true, name: true } });
  const mail = { smtpUrl: 'smtp://127.0.0.1:1', from: MAIL_FROM, fromAddress: 'no-reply@khuyenhoc.example.vn', publicUrl: PUBLIC_URL };
  await db.$transaction(
    (tx) =>
      recordNotifications(
        tx,
        Array.from({ length: n }, (_, i) => ({
          recipient: { id: admin.id, email: `nguoi-nhan-${i + 1}@khuyenhoc.example.vn`, name: admin.name },
          message: { ...buildMessage({ kind: 'ACCOUNT_UNLOCKED', email: 'x@khuyenhoc.example.vn', at }), title: `Thư số ${i + 1}` },
        })),
        at,
        mail,
      ),
    { timeout: 60_000 },
  );
}

const byMessageId = (received: ReceivedMail[]) => {
  const counts = new Map<string, number>();
  for (const m of received) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
  return counts;
};

describe('two workers on one database', () => {
  if (!SERVER_URL) {
    it.skip('needs DATABASE_URL: the embedded database (PGlite) is one process’s own, so a second worker process cannot open it', () => {});
    return;
  }
  let smtp: TestSmtp;
  let databaseUrl: string;
  const name = `kh_notify_${process.pid}_${Date.now().toString(36)}`;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    databaseUrl = await createPostgresDatabase(SERVER_URL, name);
  }, 180_000);
  afterAll(async () => {
    await smtp?.stop();
    await dropPostgresDatabase(SERVER_URL, name);
  });

  it('delivers each of 200 queued messages once and runs the daily reminder once', async () => {
    const db = createPrismaClient({ databaseUrl });
    try {
      await queue(db, 200, new Date('2026-12-08T01:00:00Z'));
    } finally {
      await db.$disconnect();
    }
    const env = {
      DATABASE_URL: databaseUrl,
      SMTP_URL: smtp.url,
      MAIL_FROM,
      NEXTAUTH_URL: PUBLIC_URL,
      WORKER_START_AT: DAILY_AT,
      WORKER_DAILY: '1',
      WORKER_WAIT_GO: '1',
      WORKER_EXIT_WHEN_IDLE: '1',
      WORKER_BATCH: '10',
    };
    const workers = [startWorker(env), startWorker(env)];
    await Promise.all(workers.map((w) => waitForLine(w, 'ready')));
    // Both start at once: the same day's reminders, the same queue.
    for (const w of workers) w.child.stdin!.write('go\n');
    const exits = await Promise.all(workers.map((w) => w.exited));
    exits.forEach((e, i) => expect(e, workers[i].stderr()).toEqual({ code: 0, signal: null }));

    const daily = workers.map((w) => w.lines.find((l) => l.startsWith('daily')));
    expect(daily.sort()).toEqual(['daily ran 5', 'daily skipped']);

    // 200 queued and the 5 reminders of the staff of Cluster III's provinces, each received once.
    const counts = byMessageId(smtp.received);
    expect(smtp.received).toHaveLength(205);
    expect(counts.size).toBe(205);
    const sentBy = workers.map((w) => w.lines.filter((l) => l.startsWith('sent ')).map((l) => l.split(' ')[1]));
    expect(sentBy[0].length + sentBy[1].length).toBe(205);
    expect(sentBy[0].filter((id) => sentBy[1].includes(id))).toEqual([]);
    console.info(`two workers: ${sentBy[0].length} and ${sentBy[1].length} messages sent`);

    const check = createPrismaClient({ databaseUrl });
    try {
      expect(await check.outboxMessage.groupBy({ by: ['status'], _count: { _all: true } })).toEqual([{ status: 'SENT', _count: { _all: 205 } }]);
      expect(await check.outboxMessage.count({ where: { attempts: { not: 1 } } })).toBe(0);
      expect(await check.scheduledRun.count()).toBe(1);
      const reminders = await check.notification.groupBy({ by: ['userId'], where: { kind: 'DEADLINE_SOON' }, _count: { _all: true } });
      expect(reminders).toHaveLength(5);
      expect(reminders.every((r) => r._count._all === 1)).toBe(true);
    } finally {
      await check.$disconnect();
    }
  }, 300_000);
});

type Database = { env: Record<string, string>; open: () => PrismaClient; tearDown: () => Promise<void> };

function describeCrash(kind: string, setUp: () => Promise<Database>) {
  describe(`a worker killed mid-batch (${kind})`, () => {
    let ctx: Database;
    let smtp: TestSmtp;
    /** Set by the test: what the SMTP server does when a message arrives, before it answers. */
    let onArrival: (mail: ReceivedMail) => void = () => {};

    beforeAll(async () => {
      smtp = await startTestSmtp({ beforeAnswer: (m) => onArrival(m) });
      ctx = await setUp();
    }, 180_000);
    afterAll(async () => {
      await smtp?.stop();
      await ctx?.tearDown();
    });

    it('loses nothing and sends nothing twice but the message in SMTP’s blind spot, kill after kill', async () => {
      const TOTAL = 40;
      const db = ctx.open();
      try {
        await queue(db, TOTAL, new Date());
      } finally {
        await db.$disconnect();
      }
      const env = { ...ctx.env, SMTP_URL: smtp.url, MAIL_FROM, NEXTAUTH_URL: PUBLIC_URL, WORKER_BATCH: '8', WORKER_LEASE_MS: '1500' };
      /** Message-IDs a killed worker had started sending and not seen accepted: only these may arrive twice. */
      const inDoubt = new Set<string>();
      const run = async (kill: 'on-arrival' | 'after-sent' | 'random', nth: number) => {
        const started = new Set<string>();
        const acknowledged = new Set<string>();
        let arrivals = 0;
        let sents = 0;
        let worker: Worker | undefined = undefined;
        const killNow = () => worker?.child.kill('SIGKILL');
        onArrival = () => {
          // The server has the whole message; the worker dies before the server's answer reaches it.
          if (kill === 'on-arrival' && ++arrivals === nth) killNow();
        };
        worker = startWorker(env, (line) => {
          const [word, , messageId] = line.split(' ');
          if (word === 'sending') started.add(messageId);
          if (word === 'sent') {
            acknowledged.add(messageId);
            if (kill === 'after-sent' && ++sents === nth) killNow();
          }
          if (word === 'ready' && kill === 'random') setTimeout(killNow, 300 + Math.random() * 1500);
        });
        const exit = await worker.exited;
        onArrival = () => {};
        for (const id of started) if (!acknowledged.has(id)) inDoubt.add(id);
        return exit;
      };

      for (const [kill, nth] of [
        ['on-arrival', 5],
        ['after-sent', 6],
        ['random', 0],
      ] as const) {
        // The worker never stops by itself here (no WORKER_EXIT_WHEN_IDLE): each run ends in the kill.
        expect((await run(kill, nth)).signal).toBe('SIGKILL');
      }
      // Started again, to the end.
      const final = startWorker({ ...env, WORKER_EXIT_WHEN_IDLE: '1' });
      expect(await final.exited, final.stderr()).toEqual({ code: 0, signal: null });

      const counts = byMessageId(smtp.received);
      console.info(`worker crash runs (${kind}): ${smtp.received.length} arrivals of ${TOTAL} messages; ${inDoubt.size} in doubt at the kills`);
      // Nothing lost: every message arrived.
      expect(counts.size).toBe(TOTAL);
      // Nothing twice, but what was in SMTP's blind spot when a worker died (at most one per kill).
      const twice = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
      expect(twice.every((id) => inDoubt.has(id)), `sent twice: ${twice.join(', ')}; in doubt: ${[...inDoubt].join(', ')}`).toBe(true);
      expect([...counts.values()].every((n) => n <= 2)).toBe(true);
      expect(twice.length).toBeLessThanOrEqual(3);
      // The kill on arrival left exactly such a message: the server had it, the worker never heard back.
      expect(twice.length).toBeGreaterThanOrEqual(1);

      const check = ctx.open();
      try {
        expect(await check.outboxMessage.groupBy({ by: ['status'], _count: { _all: true } })).toEqual([{ status: 'SENT', _count: { _all: TOTAL } }]);
        // A message sent twice was recorded as two attempts, and the page says why.
        for (const id of twice) {
          const row = await check.outboxMessage.findUniqueOrThrow({ where: { messageId: id } });
          expect(row.attempts).toBe(2);
          expect(row.lastError).toMatch(/không biết máy chủ thư đã nhận chưa/);
        }
      } finally {
        await check.$disconnect();
      }
    }, 600_000);
  });
}

if (SERVER_URL) {
  describeCrash('PostgreSQL', async () => {
    const name = `kh_notify_crash_${process.pid}_${Date.now().toString(36)}`;
    const databaseUrl = await createPostgresDatabase(SERVER_URL, name);
    return { env: { DATABASE_URL: databaseUrl }, open: () => createPrismaClient({ databaseUrl }), tearDown: () => dropPostgresDatabase(SERVER_URL, name) };
  });
} else {
  describeCrash('embedded PGlite folder', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'kh-notify-crash-'));
    const dir = path.join(tmp, 'pglite');
    await seedPgliteFolder(dir);
    return { env: { PGLITE_DIR: dir, DATABASE_URL: '' }, open: () => createPrismaClient({ pgliteDir: dir }), tearDown: () => rm(tmp, { recursive: true, force: true }) };
  });
}
