// A real SMTP server on 127.0.0.1 for the notification tests: the `smtp-server` package as the
// receiving end (the portal's side is nodemailer, lib/notifications/mailer.ts). It keeps every
// message it accepted, parsed with mailparser, and can refuse recipients for good (5xx), hold
// its answer to a message (so a test can kill the sender in SMTP's blind spot), stop and start
// again on the same port (a server down, then up).
import net from 'node:net';

import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = {
  messageId: string;
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  autoSubmitted: string | null;
  /** When the whole message had arrived (before the server answered it). */
  at: number;
};

export type TestSmtpOptions = {
  /** A reply code ≥ 500 refuses the recipient for good; ≥ 400 for now. Null accepts. */
  refuseRecipient?: (address: string) => number | null;
  /** Called once a message has arrived, before the server answers; the answer waits for it. */
  beforeAnswer?: (mail: ReceivedMail) => Promise<void> | void;
};

export type TestSmtp = {
  port: number;
  /** SMTP_URL for the portal. */
  url: string;
  received: ReceivedMail[];
  /** Resolves once `predicate` holds for the messages received (polls), or rejects after `timeoutMs`. */
  waitFor: (predicate: (received: ReceivedMail[]) => boolean, timeoutMs?: number) => Promise<void>;
  stop: () => Promise<void>;
  /** Listens again on the same port. */
  start: () => Promise<void>;
};

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const addresses = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address ?? '')).filter(Boolean);

export async function startTestSmtp(options: TestSmtpOptions = {}, port?: number): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const chosen = port ?? (await freePort());
  let server: SMTPServer | null = null;

  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        const code = options.refuseRecipient?.(address.address) ?? null;
        if (code === null) return callback();
        // SMTP replies are ASCII, as real servers write them.
        const text = code >= 500 ? `5.1.1 <${address.address}>: Recipient address rejected: User unknown` : '4.2.2 Mailbox full, try again later';
        const error = Object.assign(new Error(text), { responseCode: code });
        callback(error);
      },
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', async () => {
          try {
            const parsed = await simpleParser(Buffer.concat(chunks));
            const mail: ReceivedMail = {
              messageId: parsed.messageId ?? '',
              to: addresses(parsed.to),
              from: addresses(parsed.from)[0] ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              autoSubmitted: (parsed.headers.get('auto-submitted') as string | undefined) ?? null,
              at: Date.now(),
            };
            received.push(mail);
            await options.beforeAnswer?.(mail);
            callback();
          } catch (error) {
            callback(error as Error);
          }
        });
      },
    });

  const start = () =>
    new Promise<void>((resolve, reject) => {
      server = make();
      server.on('error', () => {});
      server.server.once('error', reject);
      server.listen(chosen, '127.0.0.1', () => resolve());
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = null;
      if (!s) return resolve();
      s.close(() => resolve());
      // Open connections are ended after smtp-server's close timeout; do not wait for them.
      for (const c of s.connections) (c as unknown as { close?: () => void }).close?.();
    });

  await start();
  return {
    port: chosen,
    url: `smtp://127.0.0.1:${chosen}`,
    received,
    async waitFor(predicate, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > until) throw new Error(`SMTP test server: still waiting after ${timeoutMs} ms; received ${received.length} message(s)`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop,
    start,
  };
}
