// The environment, parsed once with zod and typed. A missing or malformed
// variable stops start-up (scripts/prepare.ts calls loadEnv() first) with a
// message naming the variable, in Vietnamese and English.
//
// No `server-only` here: the start, migrate, backup and restore scripts read
// the same settings. Nothing in this module may be imported by client code: it
// holds the session secret.
import path from 'node:path';

import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where the data lives: a PostgreSQL server or a PGlite folder. */
export type EnvDatabaseTarget = { databaseUrl: string } | { pgliteDir: string };

export type RawEnv = Readonly<Record<string, string | undefined>>;

/** True for postgres:// and postgresql:// URLs, the only servers this app supports. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

const MIN_SECRET_LENGTH = 32;

/** An unset variable and one set to blanks are the same thing; values are trimmed. */
const optionalText = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim() || undefined : value),
  z.string().optional(),
);

const DatabaseUrl = optionalText.refine(
  (value) => {
    if (value === undefined) return true;
    if (!isPostgresUrl(value)) return false;
    try {
      return new URL(value).hostname !== '' || new URL(value).searchParams.has('host');
    } catch {
      return false;
    }
  },
  {
    message:
      'phải là URL PostgreSQL dạng postgres://người-dùng:mật-khẩu@máy-chủ:5432/tên-csdl / ' +
      'must be a PostgreSQL URL such as postgres://user:password@host:5432/dbname',
  },
);

const Secret = optionalText.refine((value) => value === undefined || value.length >= MIN_SECRET_LENGTH, {
  message:
    `phải có ít nhất ${MIN_SECRET_LENGTH} ký tự ngẫu nhiên (ví dụ: openssl rand -base64 32) / ` +
    `must be at least ${MIN_SECRET_LENGTH} random characters (e.g. openssl rand -base64 32)`,
});

const PublicUrl = optionalText.refine(
  (value) => {
    if (value === undefined) return true;
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  },
  {
    message:
      'phải là địa chỉ công khai của cổng, ví dụ https://khuyenhoc.example.vn / ' +
      'must be the public URL of the portal, e.g. https://khuyenhoc.example.vn',
  },
);

const Port = optionalText.refine((value) => value === undefined || (/^\d{1,5}$/.test(value) && Number(value) >= 1 && Number(value) <= 65535), {
  message: 'phải là số cổng từ 1 đến 65535 / must be a port number from 1 to 65535',
});

const Flag = optionalText.refine((value) => value === undefined || /^(true|false|1|0)$/i.test(value), {
  message: 'phải là true hoặc false / must be true or false',
});

/** Proxies in front of the portal that each add to X-Forwarded-For (a load balancer, nginx…). */
export const MAX_TRUSTED_PROXIES = 10;

const ProxyCount = optionalText.refine((value) => value === undefined || (/^\d{1,2}$/.test(value) && Number(value) <= MAX_TRUSTED_PROXIES), {
  message:
    `phải là số nguyên từ 0 đến ${MAX_TRUSTED_PROXIES}: số proxy tin cậy đứng trước cổng (0 khi không có) / ` +
    `must be a whole number from 0 to ${MAX_TRUSTED_PROXIES}: the trusted proxies in front of the portal (0 for none)`,
});

const Level = optionalText.refine((value) => value === undefined || (LOG_LEVELS as readonly string[]).includes(value.toLowerCase()), {
  message: `phải là một trong / must be one of: ${LOG_LEVELS.join(', ')}`,
});

const SmtpUrl = optionalText.refine(
  (value) => {
    if (value === undefined) return true;
    try {
      const url = new URL(value);
      return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
    } catch {
      return false;
    }
  },
  {
    message:
      'phải là URL máy chủ thư dạng smtp://người-dùng:mật-khẩu@mail.example.vn:587 (hoặc smtps://… cổng 465) / ' +
      'must be a mail server URL such as smtp://user:password@mail.example.vn:587 (or smtps://… on port 465)',
  },
);

/** The address inside `Tên <địa-chỉ>` or the bare address. */
function mailFromAddress(value: string): string | null {
  const match = /^(?:[^<>]*<([^<>\s]+)>|([^<>\s]+))$/.exec(value.trim());
  const address = match?.[1] ?? match?.[2] ?? null;
  return address && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address) ? address : null;
}

const MailFrom = optionalText.refine((value) => value === undefined || mailFromAddress(value) !== null, {
  message:
    'phải là địa chỉ gửi thư, ví dụ "Cổng báo cáo Khuyến học <no-reply@khuyenhoc.example.vn>" / ' +
    'must be the sender address, e.g. "Cổng báo cáo Khuyến học <no-reply@khuyenhoc.example.vn>"',
});

const EnvSchema = z.object({
  NODE_ENV: optionalText,
  DATABASE_URL: DatabaseUrl,
  PGLITE_DIR: optionalText,
  NEXTAUTH_SECRET: Secret,
  NEXTAUTH_URL: PublicUrl,
  PORT: Port,
  SEED_DEMO: Flag,
  LOG_LEVEL: Level,
  COUNT_DB_QUERIES: Flag,
  TRUSTED_PROXY_COUNT: ProxyCount,
  SMTP_URL: SmtpUrl,
  MAIL_FROM: MailFrom,
});

function problemsOf(error: z.ZodError): EnvError {
  return new EnvError(error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '?'), message: issue.message })));
}

function pgliteDirOf(value: string | undefined): string {
  // The folder is chosen at run time; keep the bundler from tracing the project for it.
  return path.resolve(/*turbopackIgnore: true*/ value ?? path.join(process.cwd(), 'data', 'pglite'));
}

/**
 * Only the database variables (DATABASE_URL, PGLITE_DIR), for scripts that
 * need no session secret (migrate, seed, backup, restore).
 */
export function parseDatabaseTarget(raw: RawEnv = process.env): EnvDatabaseTarget {
  const parsed = EnvSchema.pick({ DATABASE_URL: true, PGLITE_DIR: true }).safeParse(raw);
  if (!parsed.success) throw problemsOf(parsed.error);
  return parsed.data.DATABASE_URL ? { databaseUrl: parsed.data.DATABASE_URL } : { pgliteDir: pgliteDirOf(parsed.data.PGLITE_DIR) };
}

/** LOG_LEVEL alone (info by default, silent under NODE_ENV=test): the logger needs no secret. */
export function logLevelFromEnv(raw: RawEnv = process.env): LogLevel {
  const parsed = EnvSchema.pick({ NODE_ENV: true, LOG_LEVEL: true }).safeParse(raw);
  if (!parsed.success) throw problemsOf(parsed.error);
  return (parsed.data.LOG_LEVEL?.toLowerCase() as LogLevel | undefined) ?? (parsed.data.NODE_ENV === 'test' ? 'silent' : 'info');
}

/**
 * COUNT_DB_QUERIES=true: the server counts the SQL statements it sends and GET /api/health reports
 * the count, so that `npm run bench` can measure a page's queries per request. Off by default.
 */
export function countDbQueriesFromEnv(raw: RawEnv = process.env): boolean {
  const parsed = EnvSchema.pick({ COUNT_DB_QUERIES: true }).safeParse(raw);
  if (!parsed.success) throw problemsOf(parsed.error);
  const flag = parsed.data.COUNT_DB_QUERIES?.toLowerCase();
  return flag === 'true' || flag === '1';
}

/** Served over HTTPS (NEXTAUTH_URL starts with https://), for proxy.ts's HSTS. */
export function servedOverHttps(raw: RawEnv = process.env): boolean {
  const parsed = EnvSchema.pick({ NEXTAUTH_URL: true }).safeParse(raw);
  if (!parsed.success) throw problemsOf(parsed.error);
  return parsed.data.NEXTAUTH_URL?.startsWith('https://') ?? false;
}

/**
 * TRUSTED_PROXY_COUNT (0 by default): how many proxies in front of the portal are believed about
 * the client's address (X-Forwarded-For) and the host it asked for (X-Forwarded-Host). 0: neither
 * header is believed, the client is the socket's peer (lib/platform/forwarded.ts).
 */
export function trustedProxyCountFromEnv(raw: RawEnv = process.env): number {
  const parsed = EnvSchema.pick({ TRUSTED_PROXY_COUNT: true }).safeParse(raw);
  if (!parsed.success) throw problemsOf(parsed.error);
  return parsed.data.TRUSTED_PROXY_COUNT ? Number(parsed.data.TRUSTED_PROXY_COUNT) : 0;
}

/**
 * NEXTAUTH_SECRET alone, for code that checks a session cookie without next-auth's options
 * (proxy.ts and scripts/serve.ts, lib/http/action-gate.ts). Undefined under `next dev` without
 * one, where next-auth signs with a fallback of its own (lib/accounts/auth-options.ts).
 */
export function sessionSecretFromEnv(raw: RawEnv = process.env): string | undefined {
  const parsed = EnvSchema.pick({ NEXTAUTH_SECRET: true }).safeParse(raw);
  if (!parsed.success) throw problemsOf(parsed.error);
  return parsed.data.NEXTAUTH_SECRET;
}

/** Where and as whom the portal sends e-mail (lib/notifications/mailer.ts). */
export type MailSettings = {
  /** smtp:// or smtps:// with the account, e.g. smtp://user:pass@mail.example.vn:587. */
  smtpUrl: string;
  /** The From header as given (a name and an address, or an address). */
  from: string;
  /** The address alone; its domain names the messages' Message-IDs. */
  fromAddress: string;
  /** The portal's public address, for the links in e-mails: NEXTAUTH_URL, or http://localhost:PORT. */
  publicUrl: string;
};

/**
 * SMTP_URL and MAIL_FROM, both or neither: null when neither is set (the portal then notifies
 * in the portal only, the embedded demo's default). One without the other stops start-up.
 */
export function mailSettingsFromEnv(raw: RawEnv = process.env): MailSettings | null {
  const parsed = EnvSchema.pick({ SMTP_URL: true, MAIL_FROM: true, NEXTAUTH_URL: true, PORT: true }).safeParse(raw);
  if (!parsed.success) throw problemsOf(parsed.error);
  const { SMTP_URL, MAIL_FROM, NEXTAUTH_URL, PORT } = parsed.data;
  if (!SMTP_URL && !MAIL_FROM) return null;
  if (!SMTP_URL || !MAIL_FROM) {
    const variable = SMTP_URL ? 'MAIL_FROM' : 'SMTP_URL';
    throw new EnvError([
      {
        variable,
        message:
          `chưa được đặt; gửi thư cần cả SMTP_URL và MAIL_FROM (bỏ cả hai thì cổng chỉ thông báo trong cổng) / ` +
          `is not set; e-mail needs both SMTP_URL and MAIL_FROM (without both the portal notifies in the portal only)`,
      },
    ]);
  }
  return {
    smtpUrl: SMTP_URL,
    from: MAIL_FROM,
    fromAddress: mailFromAddress(MAIL_FROM)!,
    publicUrl: (NEXTAUTH_URL ?? `http://localhost:${PORT ?? 3000}`).replace(/\/+$/, ''),
  };
}

export interface AppEnv {
  NODE_ENV: string;
  /** The PostgreSQL server, or undefined for the embedded database. */
  DATABASE_URL: string | undefined;
  /** The embedded database's folder (absolute); only used without DATABASE_URL. */
  PGLITE_DIR: string;
  NEXTAUTH_SECRET: string | undefined;
  NEXTAUTH_URL: string | undefined;
  PORT: number;
  /** undefined: the default (demo data on an empty embedded database only). */
  SEED_DEMO: boolean | undefined;
  /** info by default; silent under NODE_ENV=test (test runs capture the lines they check). */
  LOG_LEVEL: LogLevel;
  /** The database this process uses. */
  database: EnvDatabaseTarget;
  /** Served over HTTPS (NEXTAUTH_URL starts with https://): HSTS is sent. */
  https: boolean;
  /** Proxies in front whose X-Forwarded-For and X-Forwarded-Host entries are believed (0 by default). */
  TRUSTED_PROXY_COUNT: number;
  /** E-mail delivery (SMTP_URL and MAIL_FROM); null: notifications in the portal only. */
  mail: MailSettings | null;
}

export interface ParseEnvOptions {
  /**
   * Also require NEXTAUTH_SECRET on the embedded database. The production
   * server always needs it: `npm start` hands it the embedded demo's
   * generated secret, so only a server started some other way lacks it.
   */
  requireSecret?: boolean;
}

/** A bad environment: `problems` names each variable with what is wrong. */
export class EnvError extends Error {
  constructor(readonly problems: ReadonlyArray<{ variable: string; message: string }>) {
    super(
      'Cấu hình môi trường không hợp lệ, không thể khởi động / Invalid environment, cannot start:\n' +
        problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n'),
    );
    this.name = 'EnvError';
  }
}

/** Parses an environment (by default this process's). Throws EnvError naming every bad variable. */
export function parseEnv(raw: RawEnv = process.env, options: ParseEnvOptions = {}): AppEnv {
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) throw problemsOf(parsed.error);
  const e = parsed.data;
  const nodeEnv = e.NODE_ENV ?? 'development';
  if (!e.NEXTAUTH_SECRET && (e.DATABASE_URL || options.requireSecret)) {
    throw new EnvError([
      {
        variable: 'NEXTAUTH_SECRET',
        message: e.DATABASE_URL
          ? `chưa được đặt; với PostgreSQL phải đặt (ít nhất ${MIN_SECRET_LENGTH} ký tự ngẫu nhiên) / ` +
            `is not set; it is required with PostgreSQL (at least ${MIN_SECRET_LENGTH} random characters)`
          : 'chưa được đặt; máy chủ chạy thật cần nó (npm start tự đặt cho CSDL nhúng) / ' +
            'is not set; the production server needs it (npm start sets it for the embedded database)',
      },
    ]);
  }
  const pgliteDir = pgliteDirOf(e.PGLITE_DIR);
  const flag = e.SEED_DEMO?.toLowerCase();
  return {
    NODE_ENV: nodeEnv,
    DATABASE_URL: e.DATABASE_URL,
    PGLITE_DIR: pgliteDir,
    NEXTAUTH_SECRET: e.NEXTAUTH_SECRET,
    NEXTAUTH_URL: e.NEXTAUTH_URL,
    PORT: e.PORT ? Number(e.PORT) : 3000,
    SEED_DEMO: flag === undefined ? undefined : flag === 'true' || flag === '1',
    LOG_LEVEL: logLevelFromEnv(raw),
    database: e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : { pgliteDir },
    https: servedOverHttps(raw),
    TRUSTED_PROXY_COUNT: trustedProxyCountFromEnv(raw),
    mail: mailSettingsFromEnv(raw),
  };
}

/**
 * Inside the running Next.js server (not while `next build` collects pages):
 * there the session secret is required whatever the database.
 */
function inRunningServer(raw: RawEnv): boolean {
  return raw.NEXT_RUNTIME === 'nodejs' && raw.NODE_ENV === 'production' && raw.NEXT_PHASE !== 'phase-production-build';
}

let cached: AppEnv | undefined;

/** This process's environment, parsed on first use and then kept. */
export function getEnv(): AppEnv {
  cached ??= parseEnv(process.env, { requireSecret: inRunningServer(process.env) });
  return cached;
}

/**
 * Parses the environment afresh (start-up, or after a script changed
 * process.env) and keeps it for getEnv(). Throws EnvError when it is bad:
 * the caller prints the message and stops.
 */
export function loadEnv(): AppEnv {
  cached = undefined;
  return getEnv();
}
