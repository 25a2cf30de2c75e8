// Structured logs: one JSON object per line on stdout (pino), for a log
// collector to read. Each line of a request carries its request id (from the
// `x-request-id` header that proxy.ts sets or passes on), the user id and the
// action (`api.put`, `report.save`, …). Secrets never reach a line: fields
// named like a password, token, authorization, cookie or secret are replaced
// by "[redacted]" wherever they sit in the logged object (up to four levels
// deep, which is deeper than anything we log).
import 'server-only';
import { hostname } from 'node:os';

import pino, { type DestinationStream, type Logger } from 'pino';

import { logLevelFromEnv, type LogLevel } from './env';

export { requestIdFrom } from './request-id';

export type { Logger } from 'pino';

/** Field names whose values never reach a log line, matched case-sensitively as pino does. */
const SECRET_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'csrfToken',
  'secret',
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  'set-cookie',
  'Set-Cookie',
];

/** Every secret key at the top level and up to four levels down (pino's `*` matches one level). */
export const REDACT_PATHS: string[] = SECRET_KEYS.flatMap((key) => {
  const k = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const join = (prefix: string) => (k.startsWith('[') ? `${prefix}${k}` : `${prefix}.${k}`);
  return [k, join('*'), join('*.*'), join('*.*.*'), join('*.*.*.*')];
});

export const REDACTED = '[redacted]';

export interface CreateLoggerOptions {
  level?: LogLevel;
  /** Where lines go; stdout by default. Tests pass a stream to read them. */
  destination?: DestinationStream;
}

/** A JSON logger with the redaction rules; the app uses getLogger(). */
export function createLogger({ level = 'info', destination }: CreateLoggerOptions = {}): Logger {
  const options: pino.LoggerOptions = {
    level,
    // pid and host tell apart the instances of a deployment that share one database.
    base: { service: 'khuyenhoc-portal', pid: process.pid, hostname: hostname() },
    timestamp: pino.stdTimeFunctions.isoTime,
    // "level":"info" rather than a number: readable without pino's tools.
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: { err: pino.stdSerializers.err },
  };
  return destination ? pino(options, destination) : pino(options);
}

const globalForLogger = globalThis as typeof globalThis & { __khuyenhocLogger?: Logger };

/** The process-wide logger, at LOG_LEVEL (info by default). */
export function getLogger(): Logger {
  globalForLogger.__khuyenhocLogger ??= createLogger({ level: logLevelFromEnv() });
  return globalForLogger.__khuyenhocLogger;
}

/** Replaces the process-wide logger (tests capture its lines this way). Returns the previous one. */
export function setLogger(logger: Logger | undefined): Logger | undefined {
  const previous = globalForLogger.__khuyenhocLogger;
  globalForLogger.__khuyenhocLogger = logger;
  return previous;
}
