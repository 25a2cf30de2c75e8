import 'server-only';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

import type { MailSettings } from '../platform/env';
import type { Db } from '../platform/db';
import { getLogger } from '../platform/logger';
import { vietnamDay } from '../reference/validity';
import { classifySendError, DEFAULT_DELIVERY_POLICY, retryDelayMs, type DeliveryPolicy } from './delivery-policy';
import { createMailer, type Mailer } from './mailer';
import { runDailyReminders, sqlTimestamp } from './reminders';
import { DAILY_REMINDER_JOB, dailyRunDue } from './schedule';

// The outbox worker: delivers the e-mails the events wrote (./outbox.ts), and runs the daily
// reminders. Every instance of the portal runs one (on the embedded database, inside the server
// process); they share the work through the database alone:
//
// - Row leases taken with FOR UPDATE SKIP LOCKED: a worker claims a batch of due messages by
//   writing its id and a lease's end on them, in one statement that skips rows another worker
//   is claiming at that moment. We chose leases over pg-boss or graphile-worker because the
//   outbox row must be written in the event's own Prisma transaction (a report submitted and
//   its notice commit together), which those engines' own connections cannot join; they would
//   need this outbox anyway and a second queue behind it, and neither runs on PGlite, the
//   embedded database. The same SQL runs on PGlite and PostgreSQL.
// - Each attempt is recorded (status SENDING, attempts + 1) before the SMTP transaction starts,
//   and only if the worker still holds the lease: a message is never sent by two workers at once.
//   The Message-ID was fixed when the row was written.
// - A message found SENDING with its lease run out belongs to a worker that died while sending:
//   whether the server accepted it cannot be known (the SMTP reply may have been lost with the
//   process), so it is sent again, with the same Message-ID, and the administrators' page says
//   so. That is the only case of a message sent twice, the one SMTP itself cannot rule out;
//   messages claimed but not yet attempted go back to the queue untouched.
// - A failure is retried after a wait that doubles each time, up to maxAttempts; a permanent
//   refusal (5xx) or the last attempt marks the message FAILED with the server's reason.

export type WorkerEvents = {
  /** The attempt is recorded; the SMTP transaction starts. */
  onSending?: (m: { id: string; messageId: string; attempt: number }) => void;
  onSent?: (m: { id: string; messageId: string }) => void;
  onFailure?: (m: { id: string; reason: string; final: boolean }) => void;
};

export type DeliveryOptions = DeliveryPolicy & { workerId: string; clock?: () => Date; events?: WorkerEvents };

export type DeliveryPass = { claimed: number; sent: number; retried: number; failed: number; inDoubt: number; unreachable: boolean };

const IN_DOUBT = 'Máy chủ cổng dừng giữa lúc gửi thư này: không biết máy chủ thư đã nhận chưa, nên gửi lại với cùng Message-ID.';

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** One pass: takes back messages of dead workers, claims a batch of due messages and sends them one by one. */
export async function deliverDueMessages(db: Db, mailer: Mailer, options: DeliveryOptions): Promise<DeliveryPass> {
  const clock = options.clock ?? (() => new Date());
  const { workerId, events } = options;
  const now = clock();
  const pass: DeliveryPass = { claimed: 0, sent: 0, retried: 0, failed: 0, inDoubt: 0, unreachable: false };

  pass.inDoubt = (
    await db.outboxMessage.updateMany({
      where: { status: 'SENDING', lockedUntil: { lt: now } },
      data: { status: 'PENDING', lockedBy: null, lockedUntil: null, lastError: IN_DOUBT },
    })
  ).count;

  const claimed = await db.$queryRaw<{ id: string }[]>`
    UPDATE "OutboxMessage"
    SET "lockedBy" = ${workerId}, "lockedUntil" = ${sqlTimestamp(new Date(now.getTime() + options.leaseMs))}::timestamp
    WHERE "id" IN (
      SELECT "id" FROM "OutboxMessage"
      WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ${sqlTimestamp(now)}::timestamp
        AND ("lockedUntil" IS NULL OR "lockedUntil" < ${sqlTimestamp(now)}::timestamp)
      ORDER BY "nextAttemptAt", "id"
      LIMIT ${options.batchSize}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id"`;
  pass.claimed = claimed.length;
  if (claimed.length === 0) return pass;

  const batch = await db.outboxMessage.findMany({
    where: { id: { in: claimed.map((c) => c.id) }, lockedBy: workerId },
    orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
    select: { id: true, toAddress: true, subject: true, text: true, html: true, messageId: true, attempts: true, lastError: true },
  });

  for (const [index, message] of batch.entries()) {
    const at = clock();
    if (message.attempts >= options.maxAttempts) {
      await db.outboxMessage.updateMany({
        where: { id: message.id, lockedBy: workerId, status: 'PENDING' },
        data: { status: 'FAILED', lockedBy: null, lockedUntil: null, lastError: `${message.lastError ?? 'Không gửi được.'} Đã thử ${message.attempts} lần.` },
      });
      pass.failed++;
      continue;
    }
    // The attempt, recorded before the SMTP transaction, and only while the lease is ours.
    const started = await db.outboxMessage.updateMany({
      where: { id: message.id, lockedBy: workerId, status: 'PENDING', lockedUntil: { gt: at } },
      data: { status: 'SENDING', attempts: { increment: 1 }, lastAttemptAt: at, lockedUntil: new Date(at.getTime() + options.leaseMs) },
    });
    if (started.count !== 1) continue;
    const attempt = message.attempts + 1;
    events?.onSending?.({ id: message.id, messageId: message.messageId, attempt });
    try {
      const { response } = await mailer.send({ to: message.toAddress, subject: message.subject, text: message.text, html: message.html, messageId: message.messageId });
      await db.outboxMessage.updateMany({
        where: { id: message.id, lockedBy: workerId, status: 'SENDING' },
        data: { status: 'SENT', sentAt: clock(), smtpResponse: response.slice(0, 500), lockedBy: null, lockedUntil: null },
      });
      pass.sent++;
      events?.onSent?.({ id: message.id, messageId: message.messageId });
    } catch (error) {
      const failure = classifySendError(error);
      const final = failure.permanent || attempt >= options.maxAttempts;
      const reason = final && !failure.permanent ? `${failure.reason} Đã thử ${attempt} lần.` : failure.reason;
      await db.outboxMessage.updateMany({
        where: { id: message.id, lockedBy: workerId, status: 'SENDING' },
        data: {
          status: final ? 'FAILED' : 'PENDING',
          lastError: reason,
          nextAttemptAt: new Date(clock().getTime() + retryDelayMs(attempt, options)),
          lockedBy: null,
          lockedUntil: null,
        },
      });
      if (final) pass.failed++;
      else pass.retried++;
      events?.onFailure?.({ id: message.id, reason, final });
      if (failure.unreachable) {
        // The server is down or refuses the portal: the rest of the batch waits, its attempts uncounted.
        pass.unreachable = true;
        const rest = batch.slice(index + 1).map((m) => m.id);
        if (rest.length) await db.outboxMessage.updateMany({ where: { id: { in: rest }, lockedBy: workerId, status: 'PENDING' }, data: { lockedBy: null, lockedUntil: null } });
        break;
      }
    }
  }
  return pass;
}

// ---------------------------------------------------------------------------------------------
// The loop

export type WorkerOptions = {
  /** Null: in-portal notifications only; the loop then runs the daily reminders alone. */
  mail: MailSettings | null;
  policy?: Partial<DeliveryPolicy>;
  /** How often the outbox is looked at. */
  pollMs?: number;
  /** How often the daily reminders are checked for (they run once a day, from DAILY_REMINDER_HOUR). */
  scheduleEveryMs?: number;
  workerId?: string;
  clock?: () => Date;
  events?: WorkerEvents;
  /** Replaces the SMTP client (tests). */
  mailer?: Mailer;
};

export type NotificationWorker = { workerId: string; stop: () => Promise<void> };

export const DEFAULT_POLL_MS = 5_000;
/**
 * The longest wait before trying an unreachable mail server again: probing it costs one connection,
 * and a server back up should not wait for the end of a long pause (each message keeps its own backoff).
 */
export const MAX_UNREACHABLE_PAUSE_MS = 30_000;
export const DEFAULT_SCHEDULE_EVERY_MS = 5 * 60_000;

/**
 * Starts the loop in this process. Its timers do not keep the process alive; `stop()` waits for
 * the pass under way. Errors are logged and the loop goes on: a database or mail server that
 * is down for a while delays messages, it does not lose them.
 */
export function startNotificationWorker(db: Db, options: WorkerOptions): NotificationWorker {
  const policy: DeliveryPolicy = { ...DEFAULT_DELIVERY_POLICY, ...options.policy };
  const workerId = options.workerId ?? newWorkerId();
  const clock = options.clock ?? (() => new Date());
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const scheduleEveryMs = options.scheduleEveryMs ?? DEFAULT_SCHEDULE_EVERY_MS;
  const mailer = options.mail ? (options.mailer ?? createMailer(options.mail)) : null;
  const log = getLogger();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let nextScheduleAt = 0;
  let pausedUntil = 0;
  let unreachableInARow = 0;

  async function deliver(): Promise<void> {
    if (!mailer || clock().getTime() < pausedUntil) return;
    for (;;) {
      const pass = await deliverDueMessages(db, mailer, { ...policy, workerId, clock, events: options.events });
      if (pass.unreachable) {
        // Wait before trying the server again, twice as long each time it is still down.
        unreachableInARow++;
        pausedUntil = clock().getTime() + Math.min(retryDelayMs(unreachableInARow, policy), MAX_UNREACHABLE_PAUSE_MS);
        log.warn({ workerId, pass }, 'notification e-mail: mail server unreachable');
        return;
      }
      unreachableInARow = 0;
      if (pass.sent + pass.failed + pass.retried > 0) log.info({ workerId, pass }, 'notification e-mail delivered');
      if (pass.claimed < policy.batchSize || stopped) return;
    }
  }

  async function schedule(): Promise<void> {
    const now = clock();
    if (now.getTime() < nextScheduleAt) return;
    nextScheduleAt = now.getTime() + scheduleEveryMs;
    if (!dailyRunDue(now)) return;
    const done = await db.scheduledRun.findUnique({ where: { job_day: { job: DAILY_REMINDER_JOB, day: vietnamDay(now) } }, select: { job: true } });
    if (done) return;
    const summary = await runDailyReminders(db, now);
    if (summary) log.info({ workerId, summary }, 'daily deadline reminders written');
  }

  async function tick(): Promise<void> {
    for (const step of [schedule, deliver]) {
      try {
        await step();
      } catch (error) {
        log.error({ workerId, err: error }, 'notification worker step failed');
      }
    }
  }

  const loop = () => {
    if (stopped) return;
    running = tick().finally(() => {
      if (!stopped) {
        timer = setTimeout(loop, pollMs);
        timer.unref();
      }
    });
  };
  loop();

  return {
    workerId,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      mailer?.close();
    },
  };
}
