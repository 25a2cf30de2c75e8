// A notification worker in its own process, for tests/integration/notification-workers.test.ts:
// several of them on one database, and one killed mid-batch and started again.
//
//   node --conditions=react-server --import tsx tests/helpers/notification-worker.ts
//
// Database: DATABASE_URL or PGLITE_DIR, as the app; mail: SMTP_URL and MAIL_FROM. Settings:
//   WORKER_LEASE_MS, WORKER_BATCH    the delivery policy's lease and batch size
//   WORKER_START_AT (ISO)            the worker's clock starts there and runs in real time
//   WORKER_DAILY=1                   run the daily reminders (at the clock's time) before delivering
//   WORKER_WAIT_GO=1                 wait for a line "go" on stdin before starting
//   WORKER_EXIT_WHEN_IDLE=1          exit once no message is waiting or being sent
// Lines on stdout (stdout to a pipe is synchronous on Linux: a line is out before the next step):
//   ready · daily ran <notifications> · daily skipped · sending <id> <messageId> · sent <id> <messageId> · idle
import { createInterface } from 'node:readline';

import { DEFAULT_DELIVERY_POLICY } from '../../lib/notifications/delivery-policy';
import { createMailer } from '../../lib/notifications/mailer';
import { runDailyReminders } from '../../lib/notifications/reminders';
import { deliverDueMessages, newWorkerId } from '../../lib/notifications/worker';
import { mailSettingsFromEnv, parseDatabaseTarget } from '../../lib/platform/env';
import { createPrismaClient } from '../../lib/platform/prisma-factory';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const db = createPrismaClient(parseDatabaseTarget());
  const mail = mailSettingsFromEnv();
  if (!mail) throw new Error('SMTP_URL and MAIL_FROM are needed');
  const offset = process.env.WORKER_START_AT ? Date.parse(process.env.WORKER_START_AT) - Date.now() : 0;
  const clock = () => new Date(Date.now() + offset);
  await db.$queryRaw`SELECT 1`;
  say('ready');
  if (process.env.WORKER_WAIT_GO === '1') {
    await new Promise<void>((resolve) => {
      const rl = createInterface({ input: process.stdin });
      rl.on('line', (line) => {
        if (line.trim() === 'go') {
          rl.close();
          // An open stdin would keep the process alive after its work.
          process.stdin.destroy();
          resolve();
        }
      });
    });
  }
  if (process.env.WORKER_DAILY === '1') {
    const summary = await runDailyReminders(db, clock());
    say(summary ? `daily ran ${summary.notifications}` : 'daily skipped');
  }
  const mailer = createMailer(mail);
  const options = {
    ...DEFAULT_DELIVERY_POLICY,
    leaseMs: Number(process.env.WORKER_LEASE_MS ?? DEFAULT_DELIVERY_POLICY.leaseMs),
    batchSize: Number(process.env.WORKER_BATCH ?? DEFAULT_DELIVERY_POLICY.batchSize),
    baseDelayMs: 200,
    workerId: newWorkerId(),
    clock,
    events: {
      onSending: (m: { id: string; messageId: string }) => say(`sending ${m.id} ${m.messageId}`),
      onSent: (m: { id: string; messageId: string }) => say(`sent ${m.id} ${m.messageId}`),
    },
  };
  for (;;) {
    const pass = await deliverDueMessages(db, mailer, options);
    if (pass.claimed > 0) continue;
    if (process.env.WORKER_EXIT_WHEN_IDLE === '1') {
      const left = await db.outboxMessage.count({ where: { status: { in: ['PENDING', 'SENDING'] } } });
      if (left === 0) break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  say('idle');
  mailer.close();
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
