import 'server-only';
import nodemailer from 'nodemailer';

import type { MailSettings } from '../platform/env';

// The SMTP client: nodemailer (a well-kept library, not a hand-written SMTP client), speaking to
// the server of SMTP_URL as MAIL_FROM. One connection at a time, reused across a batch. Its
// timeouts bound one SMTP transaction well inside the worker's lease (delivery-policy.ts
// leaseMs), so that no message is taken over by another worker while it is still being sent.

export type OutgoingMail = { to: string; subject: string; text: string; html: string; messageId: string };

export type Mailer = {
  /** Resolves with the server's reply to the accepted message; rejects with nodemailer's error. */
  send(mail: OutgoingMail): Promise<{ response: string }>;
  close(): void;
};

export const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 } as const;

/**
 * SMTP_URL with the pool and the timeouts added to its query, where nodemailer reads connection
 * options (a value the URL already sets, e.g. `?socketTimeout=…` or `?tls.rejectUnauthorized=false`, is kept).
 */
export function transportUrl(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  const defaults: Record<string, string> = { pool: 'true', maxConnections: '1', ...Object.fromEntries(Object.entries(SMTP_TIMEOUTS).map(([k, v]) => [k, String(v)])) };
  for (const [key, value] of Object.entries(defaults)) if (!url.searchParams.has(key)) url.searchParams.set(key, value);
  return url.toString();
}

export function createMailer(settings: Pick<MailSettings, 'smtpUrl' | 'from'>): Mailer {
  const transport = nodemailer.createTransport(transportUrl(settings.smtpUrl), { from: settings.from });
  return {
    async send(mail) {
      const info = await transport.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        // An automatic message (RFC 3834): auto-replies and out-of-office answers stay away.
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
      return { response: String(info.response ?? '') };
    },
    close() {
      transport.close();
    },
  };
}
