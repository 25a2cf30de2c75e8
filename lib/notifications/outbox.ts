import 'server-only';
import { randomUUID } from 'node:crypto';

import type { Prisma } from '../generated/prisma/client';
import { mailSettingsFromEnv, type MailSettings } from '../platform/env';
import { emailWanted } from './kinds';
import { renderEmail, type NotificationMessage } from './messages';

// Writing notifications: the in-portal row of each recipient and, when the portal sends e-mail
// (SMTP_URL and MAIL_FROM) and the recipient wants this kind by e-mail, the outbox row the
// worker delivers (./worker.ts). Always inside the caller's transaction, the one of the event
// itself: a report submitted is never left without its notices, and a refused write (rolled
// back) leaves none. Without mail settings no outbox row is written at all, so that configuring
// mail later does not send a backlog of stale messages.

export type Recipient = { id: string; email: string; name: string };

export type Delivery = {
  recipient: Recipient;
  message: NotificationMessage;
  /** Scheduled reminders: a key the recipient gets once (a second write is skipped). */
  dedupeKey?: string;
};

export type Recorded = { notifications: number; emails: number };

/**
 * Writes the notifications and their e-mails; returns how many of each were written (a
 * delivery whose key the recipient already has is skipped, with its e-mail). Three queries
 * whatever the number of recipients.
 */
export async function recordNotifications(
  tx: Prisma.TransactionClient,
  deliveries: readonly Delivery[],
  now: Date,
  mail: MailSettings | null = mailSettingsFromEnv(),
): Promise<Recorded> {
  const rows = deliveries.map((d) => ({ id: randomUUID(), delivery: d }));
  if (rows.length === 0) return { notifications: 0, emails: 0 };
  const written = await tx.notification.createManyAndReturn({
    data: rows.map(({ id, delivery: { recipient, message, dedupeKey } }) => ({
      id,
      userId: recipient.id,
      kind: message.kind,
      title: message.title,
      body: message.body,
      link: message.link,
      dedupeKey: dedupeKey ?? null,
      createdAt: now,
    })),
    skipDuplicates: true,
    select: { id: true },
  });
  const kept = new Set(written.map((w) => w.id));
  const fresh = rows.filter((r) => kept.has(r.id));
  if (!mail || fresh.length === 0) return { notifications: fresh.length, emails: 0 };

  const choices = await tx.notificationPreference.findMany({
    where: { userId: { in: [...new Set(fresh.map((r) => r.delivery.recipient.id))] } },
    select: { userId: true, kind: true, email: true },
  });
  const choice = new Map(choices.map((c) => [`${c.userId} ${c.kind}`, c.email]));
  const domain = mail.fromAddress.split('@')[1];
  const emails = fresh
    .filter(({ delivery: { recipient, message } }) => recipient.email && emailWanted(message.kind, choice.get(`${recipient.id} ${message.kind}`)))
    .map(({ id, delivery: { recipient, message } }) => {
      const outboxId = randomUUID();
      const content = renderEmail(message, { recipientName: recipient.name, publicUrl: mail.publicUrl });
      return {
        id: outboxId,
        notificationId: id,
        userId: recipient.id,
        toAddress: recipient.email,
        subject: content.subject,
        text: content.text,
        html: content.html,
        // Fixed now, so that a message sent again after a crash is recognisably the same message.
        messageId: `<${outboxId}@${domain}>`,
        nextAttemptAt: now,
        createdAt: now,
      };
    });
  if (emails.length) await tx.outboxMessage.createMany({ data: emails });
  return { notifications: fresh.length, emails: emails.length };
}
