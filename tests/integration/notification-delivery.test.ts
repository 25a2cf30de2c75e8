// The outbox worker against a real SMTP server on 127.0.0.1: a server down then up delivers
// after retries with a doubling wait; a permanent refusal (5xx) marks the message failed with
// the server's reason, shown to administrators, who can send it again; and the daily deadline
// reminders: 7 days and 1 day before a province's deadline (its extension counted) and the day
// after, each once per recipient however often the job runs.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { SessionUser } from '../../lib/permissions';
import { buildMessage } from '../../lib/notifications/messages';
import { recordNotifications } from '../../lib/notifications/outbox';
import { getOutboxOverview, retryFailedMessage } from '../../lib/notifications/outbox-admin';
import { runDailyReminders } from '../../lib/notifications/reminders';
import { startNotificationWorker } from '../../lib/notifications/worker';
import { mailSettingsFromEnv } from '../../lib/platform/env';
import { endOfVietnamDay } from '../../lib/reference/deadlines';
import { getReportView, saveAndSubmitReport } from '../../lib/reports/store';
import { clearMailSettings, deliverAll, useMailSettings } from '../helpers/notifications';
import { refusal } from '../helpers/refusal';
import { useSeededDb } from '../helpers/seeded-db';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp-server';

const ctx = useSeededDb();
const demo = (local: string) => `${local}@demo.khuyenhoc.vn`;
const SELECT = { id: true, email: true, name: true, role: true, provinceId: true, clusterId: true } as const;
const user = (email: string): Promise<SessionUser> => ctx.db.user.findUniqueOrThrow({ where: { email }, select: SELECT });

let smtp: TestSmtp;
/** When the delivery tests queue their messages (the worker runs after it, lib/../helpers AFTER_THE_EVENTS). */
const QUEUED = new Date('2026-11-30T00:00:00Z');
const REFUSED = 'khong-ton-tai@khuyenhoc.example.vn';
const BUSY = 'hop-thu-day@khuyenhoc.example.vn';

/** Queues `n` messages to `to` (each its own notification of `who`), in one transaction, as an event does. */
async function queue(who: SessionUser, to: string, n: number, at: Date, subject = 'Thư thử') {
  await ctx.db.$transaction((tx) =>
    recordNotifications(
      tx,
      Array.from({ length: n }, (_, i) => ({
        recipient: { id: who.id, email: to, name: who.name },
        message: { ...buildMessage({ kind: 'ACCOUNT_UNLOCKED', email: to, at }), title: `${subject} ${i + 1}` },
      })),
      at,
    ),
  );
}

/** A clock the test moves by hand. */
function manualClock(start: Date) {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

beforeAll(async () => {
  smtp = await startTestSmtp({ refuseRecipient: (a) => (a === REFUSED ? 550 : a === BUSY ? 452 : null) });
  useMailSettings(smtp.url);
}, 60_000);

afterAll(async () => {
  clearMailSettings();
  await smtp?.stop();
});

beforeEach(async () => {
  smtp.received.length = 0;
});

describe('delivery', () => {
  it('delivers after retries when the mail server was down, waiting twice as long after each failure', async () => {
    const admin = await user(demo('admin'));
    const clock = manualClock(QUEUED);
    await queue(admin, 'nhan@khuyenhoc.example.vn', 1, clock.now(), 'Máy chủ thư nghỉ');
    const policy = { baseDelayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 5 };
    const row = () => ctx.db.outboxMessage.findFirstOrThrow({ where: { subject: { startsWith: 'Máy chủ thư nghỉ' } } });
    await smtp.stop();
    try {
      expect(await deliverAll(ctx.db, smtp.url, { policy, clock: clock.now })).toMatchObject({ sent: 0, retried: 1, unreachable: true });
      let r = await row();
      expect(r).toMatchObject({ status: 'PENDING', attempts: 1, lockedBy: null });
      expect(r.lastError).toMatch(/^Không gửi được tới máy chủ thư \((ESOCKET|ECONNREFUSED|ECONNECTION)\)/);
      expect(r.nextAttemptAt.getTime() - clock.now().getTime()).toBe(1_000);

      clock.advance(1_000);
      await deliverAll(ctx.db, smtp.url, { policy, clock: clock.now });
      r = await row();
      expect(r.attempts).toBe(2);
      expect(r.nextAttemptAt.getTime() - clock.now().getTime()).toBe(2_000);
      // Not due yet a second later: nothing is tried.
      clock.advance(1_000);
      expect((await deliverAll(ctx.db, smtp.url, { policy, clock: clock.now })).claimed).toBe(0);
    } finally {
      await smtp.start();
    }
    clock.advance(1_000);
    expect((await deliverAll(ctx.db, smtp.url, { policy, clock: clock.now })).sent).toBe(1);
    expect(smtp.received.map((m) => m.subject)).toEqual(['Máy chủ thư nghỉ 1']);
    expect(await row()).toMatchObject({ status: 'SENT', attempts: 3 });
  });

  it('with the server down, tries one message of a batch and puts the others back untried', async () => {
    const admin = await user(demo('admin'));
    await queue(admin, 'lo@khuyenhoc.example.vn', 3, QUEUED, 'Cả lô');
    await smtp.stop();
    try {
      expect(await deliverAll(ctx.db, smtp.url)).toMatchObject({ claimed: 3, retried: 1, unreachable: true });
    } finally {
      await smtp.start();
    }
    const rows = await ctx.db.outboxMessage.findMany({ where: { subject: { startsWith: 'Cả lô' } }, orderBy: { attempts: 'desc' } });
    expect(rows.map((r) => [r.status, r.attempts, r.lockedBy])).toEqual([
      ['PENDING', 1, null],
      ['PENDING', 0, null],
      ['PENDING', 0, null],
    ]);
    expect((await deliverAll(ctx.db, smtp.url)).sent).toBe(2);
  });

  it('marks a message refused for good (5xx) failed at once with the reason, and still sends the rest of the batch', async () => {
    const admin = await user(demo('admin'));
    const at = QUEUED;
    await queue(admin, REFUSED, 1, at, 'Người nhận không có');
    await queue(admin, 'co-that@khuyenhoc.example.vn', 2, at, 'Người nhận có');
    const pass = await deliverAll(ctx.db, smtp.url);
    expect(pass).toMatchObject({ sent: 2, failed: 1 });
    const failed = await ctx.db.outboxMessage.findFirstOrThrow({ where: { toAddress: REFUSED } });
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(failed.lastError).toMatch(/^Máy chủ thư từ chối hẳn \(550\): 550 5\.1\.1 <khong-ton-tai@khuyenhoc\.example\.vn>: Recipient address rejected: User unknown$/);
    expect(smtp.received.map((m) => m.to[0])).toEqual(['co-that@khuyenhoc.example.vn', 'co-that@khuyenhoc.example.vn']);

    // Administrators see it with the reason, and may put it back in the queue; nobody else may.
    const overview = await getOutboxOverview(ctx.db, admin);
    expect(overview.mail).toEqual({ host: `127.0.0.1:${smtp.port}`, from: 'Cổng báo cáo Khuyến học <no-reply@khuyenhoc.example.vn>' });
    expect(overview.counts.FAILED).toBe(1);
    expect(overview.failed.map((f) => [f.toAddress, f.recipientName, f.lastError])).toEqual([[REFUSED, admin.name, failed.lastError]]);
    for (const email of [demo('cum3'), demo('trunguong'), demo('hanoi')]) {
      expect((await refusal(getOutboxOverview(ctx.db, await user(email)))).code).toBe('FORBIDDEN');
      expect((await refusal(retryFailedMessage(ctx.db, await user(email), failed.id))).code).toBe('FORBIDDEN');
    }
    await retryFailedMessage(ctx.db, admin, failed.id);
    expect(await ctx.db.outboxMessage.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(await ctx.db.auditLog.count({ where: { action: 'outbox.retry', entityId: failed.id, actorId: admin.id } })).toBe(1);
    expect((await refusal(retryFailedMessage(ctx.db, admin, failed.id))).code).toBe('CONFLICT');
    await deliverAll(ctx.db, smtp.url);
    expect((await ctx.db.outboxMessage.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe('FAILED');
  });

  it('retries a temporary refusal (4xx) and gives up after the last attempt', async () => {
    const admin = await user(demo('admin'));
    const clock = manualClock(QUEUED);
    await queue(admin, BUSY, 1, clock.now(), 'Hộp thư đầy');
    const policy = { baseDelayMs: 500, maxDelayMs: 60_000, maxAttempts: 3 };
    for (let i = 0; i < 3; i++) {
      await deliverAll(ctx.db, smtp.url, { policy, clock: clock.now });
      clock.advance(10_000);
    }
    const row = await ctx.db.outboxMessage.findFirstOrThrow({ where: { toAddress: BUSY } });
    expect(row).toMatchObject({ status: 'FAILED', attempts: 3 });
    expect(row.lastError).toMatch(/tạm từ chối \(452\).*Đã thử 3 lần\.$/);
    expect(smtp.received).toEqual([]);
  });
});

describe('daily deadline reminders', () => {
  // 2026S2's deadline is 15/12/2026 23:59:59 in Vietnam; the job runs from 07:00 Vietnam time.
  const vn = (day: string) => new Date(`${day}T01:30:00Z`); // 08:30 in Vietnam

  async function toldOn(at: Date): Promise<string[]> {
    const rows = await ctx.db.notification.findMany({
      where: { createdAt: at, kind: { in: ['DEADLINE_SOON', 'DEADLINE_PASSED'] } },
      select: { title: true, user: { select: { email: true } } },
    });
    return rows.map((r) => `${r.user.email}: ${r.title}`).sort();
  }

  it('reminds 7 days and 1 day before, and the day after with the cluster leader, each once, counting an extension', async () => {
    // 7 days before: every province's staff, none has a report yet.
    const d7 = vn('2026-12-08');
    const first = await runDailyReminders(ctx.db, d7);
    expect(first?.notifications).toBe(5);
    expect(await toldOn(d7)).toEqual(
      ['bacninh', 'hanoi', 'hungyen', 'ninhbinh', 'phutho'].map((p) => `${demo(p)}: Sắp đến hạn nộp báo cáo 6 tháng cuối năm 2026: còn 7 ngày`),
    );
    const n = await ctx.db.notification.findFirstOrThrow({ where: { createdAt: d7, user: { email: demo('hanoi') } } });
    expect(n.body).toBe('Hà Nội chưa gửi báo cáo 6 tháng cuối năm 2026; hạn nộp 15/12/2026 (còn 7 ngày).');
    // The same day again: the job has run; the next day: the 7-day reminder was given already.
    expect(await runDailyReminders(ctx.db, new Date(d7.getTime() + 3_600_000))).toBeNull();
    expect((await runDailyReminders(ctx.db, vn('2026-12-09')))?.notifications).toBe(0);
    expect(await ctx.db.scheduledRun.count()).toBe(2);

    // Hưng Yên submits; Ninh Bình is given until 22/12.
    const staff = await user(demo('hungyen'));
    const data = structuredClone((await getReportView(ctx.db, staff, { provinceCode: '33', periodCode: '2026S1' }, d7)).data!);
    await saveAndSubmitReport(ctx.db, staff, { provinceCode: '33', periodCode: '2026S2', version: 0, data }, vn('2026-12-10'));
    const period = await ctx.db.period.findUniqueOrThrow({ where: { code: '2026S2' } });
    const nb = await ctx.db.province.findFirstOrThrow({ where: { name: 'Ninh Bình', validTo: null } });
    await ctx.db.deadlineExtension.create({ data: { periodId: period.id, provinceId: nb.id, deadline: endOfVietnamDay(new Date('2026-12-22T00:00:00Z')), reason: 'Lũ lụt' } });

    const d1 = vn('2026-12-14');
    await runDailyReminders(ctx.db, d1);
    expect(await toldOn(d1)).toEqual(['bacninh', 'hanoi', 'phutho'].map((p) => `${demo(p)}: Sắp đến hạn nộp báo cáo 6 tháng cuối năm 2026: ngày mai là hạn cuối`));

    // The day after: the staff and the cluster leader, once per province; Ninh Bình is a week from its extended deadline.
    const after = vn('2026-12-16');
    const summary = await runDailyReminders(ctx.db, after);
    expect(await toldOn(after)).toEqual(
      [
        ...['Bắc Ninh', 'Hà Nội', 'Phú Thọ'].map((p) => `${demo('cum3')}: ${p} chưa nộp báo cáo 6 tháng cuối năm 2026`),
        ...['bacninh', 'hanoi', 'phutho'].map((p) => `${demo(p)}: Đã quá hạn nộp báo cáo 6 tháng cuối năm 2026`),
        `${demo('ninhbinh')}: Sắp đến hạn nộp báo cáo 6 tháng cuối năm 2026: còn 6 ngày`,
      ].sort(),
    );
    expect(summary?.notifications).toBe(7);
    const toLeader = await ctx.db.notification.findFirstOrThrow({ where: { createdAt: after, user: { email: demo('cum3') }, title: { startsWith: 'Hà Nội' } } });
    expect(toLeader.body).toBe('Đã quá hạn nộp 15/12/2026 mà Hà Nội chưa gửi báo cáo 6 tháng cuối năm 2026.');
    expect(toLeader.link).toBe('/cum/CUM3/bao-cao?ky=2026S2');
    const nbNotice = await ctx.db.notification.findFirstOrThrow({ where: { createdAt: after, user: { email: demo('ninhbinh') } } });
    expect(nbNotice.body).toBe('Ninh Bình chưa gửi báo cáo 6 tháng cuối năm 2026; hạn nộp (đã gia hạn) 22/12/2026 (còn 6 ngày).');

    // Every reminder was e-mailed once, to its own recipient.
    await deliverAll(ctx.db, smtp.url);
    const outbox = await ctx.db.outboxMessage.groupBy({ by: ['status'], where: { notification: { kind: { in: ['DEADLINE_SOON', 'DEADLINE_PASSED'] } } }, _count: { _all: true } });
    expect(outbox).toEqual([{ status: 'SENT', _count: { _all: 5 + 3 + 7 } }]);

    // A locked period is reminded no more.
    await ctx.db.period.update({ where: { code: '2026S2' }, data: { locked: true } });
    expect((await runDailyReminders(ctx.db, vn('2026-12-17')))?.notifications).toBe(0);
  });
});

describe('the worker loop', () => {
  it('delivers what is queued, and runs the day’s reminders once however many times it looks', async () => {
    const admin = await user(demo('admin'));
    // 06:30 in Vietnam on 18/12: too early for the day's reminders; they run from 07:00.
    let now = new Date('2026-12-17T23:30:00Z');
    await queue(admin, 'vong-lap@khuyenhoc.example.vn', 2, now, 'Vòng lặp');
    const worker = startNotificationWorker(ctx.db, {
      mail: mailSettingsFromEnv(),
      pollMs: 50,
      scheduleEveryMs: 0,
      clock: () => now,
    });
    try {
      await smtp.waitFor((r) => r.filter((m) => m.subject.startsWith('Vòng lặp')).length === 2);
      const day = new Date('2026-12-18T00:00:00Z');
      expect(await ctx.db.scheduledRun.count({ where: { day } })).toBe(0);
      now = new Date('2026-12-18T00:30:00Z');
      const until = Date.now() + 10_000;
      while ((await ctx.db.scheduledRun.count({ where: { day } })) === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      // Many more looks that day: still one run.
      await new Promise((r) => setTimeout(r, 500));
      expect(await ctx.db.scheduledRun.findMany({ where: { day }, select: { job: true } })).toEqual([{ job: 'deadline-reminders' }]);
    } finally {
      await worker.stop();
    }
    expect(smtp.received.filter((m) => m.subject.startsWith('Vòng lặp'))).toHaveLength(2);
  });
});

