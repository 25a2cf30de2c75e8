// How the outbox worker treats a failed send: again later, waiting twice as long each time, or
// never again. Pure; the worker is ./worker.ts.

export type DeliveryPolicy = {
  /** Attempts before a message is marked failed. */
  maxAttempts: number;
  /** The wait after the first failed attempt; each further failure doubles it… */
  baseDelayMs: number;
  /** …up to this. */
  maxDelayMs: number;
  /**
   * How long a worker holds the messages it claimed. Longer than one SMTP transaction can take
   * (the mailer's timeouts), so that no other worker takes over a message still being sent.
   */
  leaseMs: number;
  /** Messages claimed at once. */
  batchSize: number;
};

/** 8 attempts over about four hours (1, 2, 4 … 64 minutes apart). */
export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 60_000,
  maxDelayMs: 6 * 3_600_000,
  leaseMs: 5 * 60_000,
  batchSize: 20,
};

/** The wait before the next attempt, after `attempts` attempts have failed (1 → baseDelayMs). */
export function retryDelayMs(attempts: number, policy: Pick<DeliveryPolicy, 'baseDelayMs' | 'maxDelayMs'>): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  return Math.min(policy.baseDelayMs * 2 ** exponent, policy.maxDelayMs);
}

/** What a failed send means, with the reason shown to administrators. */
export type SendFailure = {
  /** The server refused this message for good (5xx): sending it again would be refused again. */
  permanent: boolean;
  /** The server could not be reached or spoke no SMTP: no message of the batch can go now. */
  unreachable: boolean;
  reason: string;
};

type MailError = { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown; command?: unknown };

const REASON_MAX = 500;
const short = (s: string) => (s.length > REASON_MAX ? `${s.slice(0, REASON_MAX)}…` : s);

/**
 * Reads an error of the mail library (nodemailer): an SMTP reply code 5xx is permanent, except an
 * authentication refusal, which is the portal's configuration (SMTP_URL) and may be corrected, so
 * it is retried like a 4xx; no reply code at all is a connection failure.
 */
export function classifySendError(error: unknown): SendFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as MailError;
  const code = typeof e.code === 'string' ? e.code : null;
  const reply = typeof e.responseCode === 'number' ? e.responseCode : null;
  const response = typeof e.response === 'string' ? e.response.trim() : null;
  const message = typeof e.message === 'string' ? e.message : String(error);
  if (reply !== null) {
    const answer = response ?? message;
    if (code === 'EAUTH') return { permanent: false, unreachable: true, reason: short(`Máy chủ thư từ chối đăng nhập (kiểm tra SMTP_URL): ${answer}`) };
    if (reply >= 500) return { permanent: true, unreachable: false, reason: short(`Máy chủ thư từ chối hẳn (${reply}): ${answer}`) };
    return { permanent: false, unreachable: false, reason: short(`Máy chủ thư tạm từ chối (${reply}): ${answer}`) };
  }
  return { permanent: false, unreachable: true, reason: short(`Không gửi được tới máy chủ thư${code ? ` (${code})` : ''}: ${message}`) };
}
