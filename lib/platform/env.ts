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

const Level = optionalText.refine((value) => value === undefined || (LOG_LEVELS as readonly string[]).includes(value.toLowerCase()), {
  message: `phải là một trong / must be one of: ${LOG_LEVELS.join(', ')}`,
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
