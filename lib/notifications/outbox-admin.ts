import 'server-only';
import type { OutboxStatus } from '../generated/prisma/enums';
import { conflict, forbidden, notFound } from '../errors';
import { canManageUsers, type SessionUser } from '../permissions';
import { writeAudit } from '../platform/audit';
import type { Db } from '../platform/db';
import { mailSettingsFromEnv } from '../platform/env';
import { DAILY_REMINDER_JOB } from './schedule';

// The administrators' view of the e-mail outbox (/quan-tri/thu-gui): how many messages wait, are
// being sent, were sent or failed; each failed message with the server's reason; the messages a
// crash left in doubt; the last daily reminder run. And sending a failed message again.

const assertAdmin = (actor: SessionUser) => {
  if (!canManageUsers(actor)) throw forbidden();
};

export type OutboxRow = {
  id: string;
  toAddress: string;
  recipientName: string | null;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date;
  createdAt: Date;
};

export type OutboxOverview = {
  /** The SMTP server's host and the sender, or null when the portal sends no e-mail. */
  mail: { host: string; from: string } | null;
  counts: Record<OutboxStatus, number>;
  failed: OutboxRow[];
  /** Waiting for a retry after a failed attempt. */
  retrying: OutboxRow[];
  lastDailyRun: { day: Date; finishedAt: Date; summary: unknown } | null;
};

const LIST_LIMIT = 50;
const ROW_SELECT = {
  id: true,
  toAddress: true,
  subject: true,
  status: true,
  attempts: true,
  lastError: true,
  lastAttemptAt: true,
  nextAttemptAt: true,
  createdAt: true,
  userId: true,
} as const;

export async function getOutboxOverview(db: Db, actor: SessionUser): Promise<OutboxOverview> {
  assertAdmin(actor);
  const [groups, failed, retrying, lastRun] = await Promise.all([
    db.outboxMessage.groupBy({ by: ['status'], _count: { _all: true } }),
    db.outboxMessage.findMany({ where: { status: 'FAILED' }, orderBy: [{ lastAttemptAt: 'desc' }, { id: 'desc' }], take: LIST_LIMIT, select: ROW_SELECT }),
    db.outboxMessage.findMany({ where: { status: 'PENDING', attempts: { gt: 0 } }, orderBy: { nextAttemptAt: 'asc' }, take: LIST_LIMIT, select: ROW_SELECT }),
    db.scheduledRun.findFirst({ where: { job: DAILY_REMINDER_JOB }, orderBy: { day: 'desc' }, select: { day: true, finishedAt: true, summary: true } }),
  ]);
  const userIds = [...new Set([...failed, ...retrying].map((r) => r.userId).filter((x): x is string => x !== null))];
  const names = new Map((userIds.length ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : []).map((u) => [u.id, u.name]));
  const row = ({ userId, ...r }: (typeof failed)[number]): OutboxRow => ({ ...r, recipientName: userId ? (names.get(userId) ?? null) : null });
  const counts: Record<OutboxStatus, number> = { PENDING: 0, SENDING: 0, SENT: 0, FAILED: 0 };
  for (const g of groups) counts[g.status] = g._count._all;
  const mail = mailSettingsFromEnv();
  return {
    mail: mail ? { host: new URL(mail.smtpUrl).host, from: mail.from } : null,
    counts,
    failed: failed.map(row),
    retrying: retrying.map(row),
    lastDailyRun: lastRun,
  };
}

/** Puts a failed message back in the queue, due now, with its attempts counted afresh; audited. */
export async function retryFailedMessage(db: Db, actor: SessionUser, id: string, now = new Date()): Promise<{ toAddress: string }> {
  assertAdmin(actor);
  return db.$transaction(async (tx) => {
    const message = await tx.outboxMessage.findUnique({ where: { id }, select: { id: true, status: true, toAddress: true, lastError: true, attempts: true } });
    if (!message) throw notFound('Không tìm thấy thư này.');
    if (message.status !== 'FAILED') throw conflict('Thư này không ở trạng thái gửi lỗi: không cần gửi lại.');
    await tx.outboxMessage.update({ where: { id }, data: { status: 'PENDING', attempts: 0, nextAttemptAt: now, lockedBy: null, lockedUntil: null } });
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'outbox.retry',
      entityType: 'OutboxMessage',
      entityId: id,
      oldValue: 'FAILED',
      newValue: 'PENDING',
      details: { to: message.toAddress, lastError: message.lastError, attempts: message.attempts },
      at: now,
    });
    return { toAddress: message.toAddress };
  });
}
