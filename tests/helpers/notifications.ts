// Shared by the notification tests: the mail settings they run under, and a worker pass run to the end.
import type { PrismaClient } from '../../lib/generated/prisma/client';
import { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from '../../lib/notifications/delivery-policy';
import { createMailer } from '../../lib/notifications/mailer';
import { deliverDueMessages, type DeliveryPass, type WorkerEvents } from '../../lib/notifications/worker';

export const MAIL_FROM = 'Cổng báo cáo Khuyến học <no-reply@khuyenhoc.example.vn>';
export const PUBLIC_URL = 'https://khuyenhoc.example.vn';

/** The portal sends e-mail through `smtpUrl` (lib/platform/env.ts mailSettingsFromEnv reads these when a notification is written). */
export function useMailSettings(smtpUrl: string): void {
  process.env.SMTP_URL = smtpUrl;
  process.env.MAIL_FROM = MAIL_FROM;
  process.env.NEXTAUTH_URL = PUBLIC_URL;
}

export function clearMailSettings(): void {
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
}

/**
 * The worker's clock unless a test gives one: after every event the tests date inside 2026S2
 * (their messages are due from the event's time), whatever the machine's date.
 */
export const AFTER_THE_EVENTS = new Date('2027-01-01T00:00:00Z');

/** Worker passes until nothing due is left; the totals. */
export async function deliverAll(
  db: PrismaClient,
  smtpUrl: string,
  { policy = {}, clock = () => AFTER_THE_EVENTS, events, workerId = 'test-worker' }: { policy?: Partial<DeliveryPolicy>; clock?: () => Date; events?: WorkerEvents; workerId?: string } = {},
): Promise<DeliveryPass> {
  const mailer = createMailer({ smtpUrl, from: MAIL_FROM });
  const total: DeliveryPass = { claimed: 0, sent: 0, retried: 0, failed: 0, inDoubt: 0, unreachable: false };
  try {
    for (;;) {
      const pass = await deliverDueMessages(db, mailer, { ...DEFAULT_DELIVERY_POLICY, ...policy, workerId, clock, events });
      for (const key of ['claimed', 'sent', 'retried', 'failed', 'inDoubt'] as const) total[key] += pass[key];
      total.unreachable ||= pass.unreachable;
      if (pass.claimed === 0 || pass.unreachable) return total;
    }
  } finally {
    mailer.close();
  }
}
