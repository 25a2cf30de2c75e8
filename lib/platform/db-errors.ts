// A database under pressure, told to the user as "try again" rather than as a crash.
//
// PostgreSQL gives up on a statement after the timeouts that prisma-factory.ts sets on every
// connection, and Prisma gives up on a transaction it could not start or that ran too long. Each
// reaches the code in its own shape; this module recognises them in one place and turns them into
// a UserFacingError that the three wrappers (lib/http/action.ts, api.ts, download.ts) answer like
// any refusal:
//
//   waited too long for a row lock (55P03), a deadlock (40P01), a serialization failure (40001)
//     → 409 CONFLICT: someone else is writing the same record, and trying again will work
//     ("Báo cáo đang được cập nhật ở nơi khác…" when the record is a report's, by Prisma's
//     meta.modelName; "Dữ liệu này…" otherwise);
//   a statement cancelled by statement_timeout (57014), no pool connection in time, a transaction
//   that could not start or expired (P2028; P2024 in Prisma's engine-based clients)
//     → 503 UNAVAILABLE: the server is busy.
//
// Either way the transaction was rolled back: nothing was written.
//
// The shapes, as measured with Prisma 7.9 and @prisma/adapter-pg (pglite-prisma-adapter is alike):
//   - a model query: PrismaClientKnownRequestError P2039 ("Database error"), the SQLSTATE in
//     meta.driverAdapterError.cause.code (and .originalCode), the model in meta.modelName;
//   - a raw query: P2010, the same meta.driverAdapterError;
//   - a DriverAdapterError itself (thrown by the adapter outside Prisma's client), with `cause`;
//   - pg's own DatabaseError (code, severity), for code that uses the driver directly;
//   - pg-pool's "timeout exceeded when trying to connect" (a plain Error) when no connection was
//     free within connectionTimeoutMillis;
//   - P2028 "Unable to start a transaction in the given time" (maxWait) and "A query cannot be
//     executed on an expired transaction" (timeout).
// The errors are recognised by these fields, not by class, so that this module stays pure (no
// Prisma runtime loaded) and works whichever copy of the client threw.
import { UserFacingError } from '../errors';

export type DatabasePressure = 'lock-timeout' | 'deadlock' | 'serialization' | 'statement-timeout' | 'pool-timeout' | 'transaction-timeout';

const SQLSTATE_PRESSURE: Record<string, DatabasePressure> = {
  '55P03': 'lock-timeout', // lock_not_available: lock_timeout, or NOWAIT
  '40P01': 'deadlock',
  '40001': 'serialization',
  '57014': 'statement-timeout', // query_canceled: statement_timeout
};

/** Tables whose rows are one report's: a lock on them means the report is being written. */
const REPORT_MODELS = new Set(['Report', 'ModelFigure', 'FundMobilisation', 'AwardFigure', 'ReportStatusEvent']);

export const RECORD_BUSY_MESSAGES = {
  report: 'Báo cáo đang được cập nhật ở nơi khác. Vui lòng thử lại sau ít phút.',
  other: 'Dữ liệu này đang được cập nhật ở nơi khác. Vui lòng thử lại sau ít phút.',
} as const;
/** What the API's Retry-After says: long enough for a stuck lock or a burst to pass. */
export const RETRY_AFTER_SECONDS = 10;
export const SERVER_BUSY_MESSAGE = 'Máy chủ đang bận nên chưa thực hiện được yêu cầu; chưa có gì được lưu. Vui lòng thử lại sau ít phút.';

type Loose = { code?: unknown; message?: unknown; meta?: unknown; cause?: unknown; severity?: unknown; name?: unknown };

const asLoose = (value: unknown): Loose | null => (typeof value === 'object' && value !== null ? (value as Loose) : null);

/** The SQLSTATE an adapter error carries: its own `code` (kind "postgres") or the `originalCode` of a mapped one. */
function adapterSqlState(cause: unknown): string | null {
  const c = asLoose(cause) as (Loose & { originalCode?: unknown; kind?: unknown }) | null;
  if (!c) return null;
  if (typeof c.originalCode === 'string') return c.originalCode;
  if (c.kind === 'postgres' && typeof c.code === 'string') return c.code;
  if (c.kind === 'TransactionWriteConflict') return '40001';
  return null;
}

/** The PostgreSQL error code behind an error, in any of the shapes above, or null. */
function sqlStateOf(error: Loose): string | null {
  const meta = asLoose(error.meta) as { driverAdapterError?: unknown } | null;
  const fromMeta = adapterSqlState(asLoose(meta?.driverAdapterError)?.cause);
  if (fromMeta) return fromMeta;
  if (error.name === 'DriverAdapterError') return adapterSqlState(error.cause);
  // pg's DatabaseError: a five-character SQLSTATE and a severity.
  if (typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code) && typeof error.severity === 'string') return error.code;
  return null;
}

/** The SQLSTATE of a database error in any of the shapes above (e.g. "42P01", no such table), or null. */
export function sqlStateOfError(error: unknown): string | null {
  const e = asLoose(error);
  return e ? sqlStateOf(e) : null;
}

/** What kind of pressure made this error, or null when it is something else (a bug, bad data). */
export function databasePressureOf(error: unknown): DatabasePressure | null {
  if (error instanceof UserFacingError) return null; // already a refusal, whatever caused it
  for (let e = asLoose(error), depth = 0; e && depth < 5; e = asLoose(e.cause), depth++) {
    const state = sqlStateOf(e);
    if (state && SQLSTATE_PRESSURE[state]) return SQLSTATE_PRESSURE[state];
    if (e.code === 'P2034') return 'serialization';
    if (e.code === 'P2024') return 'pool-timeout';
    if (e.code === 'P2028') return 'transaction-timeout';
    if (typeof e.message === 'string' && /^timeout exceeded when trying to connect$|^Connection terminated due to connection timeout$/.test(e.message)) {
      return 'pool-timeout';
    }
  }
  return null;
}

/**
 * The refusal to show for an error of a database under pressure (see the top of this file), or
 * null for any other error. The wrappers call it in their catch blocks, before their own handling.
 */
export function databaseBusyError(error: unknown): UserFacingError | null {
  const pressure = databasePressureOf(error);
  if (!pressure) return null;
  if (pressure === 'lock-timeout' || pressure === 'deadlock' || pressure === 'serialization') {
    const model = (asLoose(asLoose(error)?.meta) as { modelName?: unknown } | null)?.modelName;
    const message = typeof model === 'string' && REPORT_MODELS.has(model) ? RECORD_BUSY_MESSAGES.report : RECORD_BUSY_MESSAGES.other;
    return new UserFacingError(message, {}, 'CONFLICT', { cause: error });
  }
  return new UserFacingError(SERVER_BUSY_MESSAGE, {}, 'UNAVAILABLE', { cause: error });
}
