import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import type { SessionUser } from '../permissions';
import { HTTP_STATUS, UserFacingError, type ErrorCode } from '../errors';
import { authenticateApiToken } from '../accounts/api-tokens';
import { getDb, type Db } from '../platform/db';
import { databaseBusyError, RETRY_AFTER_SECONDS } from '../platform/db-errors';
import { trustedProxyCountFromEnv } from '../platform/env';
import { isSameOrigin } from '../platform/forwarded';
import { getLogger, requestIdFrom } from '../platform/logger';
import { cleanJson } from '../text-hygiene';
import { getCurrentUser } from './session';

// The one wrapper every /api/v1 route handler goes through, as defineFormAction is
// for server actions: who is calling (a personal token, else the session cookie),
// the JSON body parsed with zod, one data-layer call, and every refusal mapped to
// one error format:
//
//   { "error": { "code": "INVALID_INPUT", "message": "…", "fields": { "models.FAMILY.total": "…" } } }
//
// Dependencies are injected rather than read from globals: a route file exports
// `defineApiRoute({...})`, which Next calls with the live database, session and clock;
// tests call `handler.withDeps({ db, now })` with their own database and a fixed clock.
// (Pre-seeding globalThis.__khuyenhocDb would also swap the database, but it is shared
// mutable state, and it cannot stand in for the session, which next-auth reads from
// Next's request scope that a test does not have.)

export type ApiDeps = {
  db: () => Db;
  /** The next-auth session's user, consulted only when no Authorization header is sent. */
  sessionUser: () => Promise<SessionUser | null>;
  now: () => Date;
};

const LIVE_DEPS: ApiDeps = { db: getDb, sessionUser: getCurrentUser, now: () => new Date() };

export type ApiErrorCode = ErrorCode | 'INTERNAL_ERROR';

export type ApiErrorBody = { error: { code: ApiErrorCode; message: string; fields?: Record<string, string> } };

type Context<P> = { params: Promise<P> };
type Handler<P> = (request: Request, context: Context<P>) => Promise<Response>;

export type ApiHandler<P> = Handler<P> & {
  /** The same handler with some dependencies replaced (tests: their own database, a fixed clock). */
  withDeps(deps: Partial<ApiDeps>): Handler<P>;
};

export type ApiRun<P, I, R> = (ctx: { db: Db; user: SessionUser; params: P; input: I; now: Date; request: Request }) => Promise<R>;

const MESSAGES = {
  NO_CREDENTIALS:
    'Chưa đăng nhập. Hãy đăng nhập cổng báo cáo, hoặc gửi kèm mã truy cập cá nhân: “Authorization: Bearer khp_…”.',
  BAD_TOKEN: 'Mã truy cập không hợp lệ, đã bị thu hồi, hoặc tài khoản đã bị khoá.',
  CROSS_SITE: 'Yêu cầu từ trang web khác bị từ chối.',
  NOT_JSON: 'Nội dung yêu cầu không phải JSON hợp lệ.',
  NOT_OBJECT: 'Nội dung yêu cầu phải là một đối tượng JSON, ví dụ { "version": 3 }.',
  TOO_LARGE: 'Nội dung yêu cầu quá lớn.',
  INVALID: 'Dữ liệu chưa hợp lệ. Xem danh sách lỗi theo từng trường.',
  IF_MATCH: 'Tiêu đề If-Match phải là số phiên bản trong ngoặc kép, ví dụ "3".',
  VERSION_MISMATCH: 'Phiên bản trong tiêu đề If-Match khác phiên bản trong nội dung yêu cầu.',
  INTERNAL: 'Đã có lỗi ở máy chủ, yêu cầu chưa được thực hiện. Vui lòng thử lại sau.',
} as const;

/** Far above any report (10 000 characters per narrative text); refuses a runaway upload. */
const MAX_BODY_CHARS = 1_000_000;

class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.error.message);
  }
}

function refusal(code: ErrorCode, message: string, fields?: Record<string, string>, headers?: Record<string, string>): ApiRefusal {
  return new ApiRefusal(HTTP_STATUS[code], { error: { code, message, ...(fields && Object.keys(fields).length ? { fields } : {}) } }, headers);
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    },
  });
}

/** Zod issues as { path: first message }; an issue about the whole body becomes the message. */
function zodRefusal(error: z.ZodError, fieldPath: (path: readonly PropertyKey[]) => string): ApiRefusal {
  const fields: Record<string, string> = {};
  let whole: string | undefined;
  for (const issue of error.issues) {
    const key = fieldPath(issue.path);
    if (key === '') whole ??= issue.message;
    else if (!(key in fields)) fields[key] = issue.message;
  }
  return refusal('INVALID_INPUT', whole ?? MESSAGES.INVALID, fields);
}

function firstMessages(fieldErrors: Record<string, string[] | undefined>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [path, messages] of Object.entries(fieldErrors)) if (messages?.[0]) fields[path] = messages[0];
  return fields;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The caller. An Authorization header is final: a bad token is refused, never
 * retried as the session, so a script learns at once that its token is wrong.
 */
async function resolveUser(request: Request, deps: ApiDeps, db: Db, now: Date): Promise<SessionUser> {
  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    const bearer = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
    const user = bearer ? await authenticateApiToken(db, bearer[1], now) : null;
    if (!user) throw refusal('UNAUTHENTICATED', MESSAGES.BAD_TOKEN, undefined, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    return user;
  }
  const user = await deps.sessionUser();
  if (!user) throw refusal('UNAUTHENTICATED', MESSAGES.NO_CREDENTIALS, undefined, { 'WWW-Authenticate': 'Bearer' });
  // The session cookie is sent by the browser on its own; a write that another site
  // triggers must not ride on it (SameSite=Lax already stops most of these).
  if (UNSAFE_METHODS.has(request.method.toUpperCase()) && isCrossSite(request)) throw refusal('FORBIDDEN', MESSAGES.CROSS_SITE);
  return user;
}

/**
 * A browser request another site sent: its Origin is not the host it was sent to. That host is
 * Host, or X-Forwarded-Host only with TRUSTED_PROXY_COUNT proxies in front to set it: a client
 * could otherwise name any host it likes there (lib/platform/forwarded.ts).
 */
function isCrossSite(request: Request): boolean {
  const sameOrigin = isSameOrigin(request.headers, trustedProxyCountFromEnv(), new URL(request.url).host);
  return !sameOrigin || request.headers.get('sec-fetch-site') === 'cross-site';
}

/**
 * The body as a JSON object; an empty body is {} (e.g. a POST that sends its version in If-Match).
 * Every string in it, keys included, without NUL, bidirectional or zero-width characters, in NFC
 * (lib/text-hygiene.ts says why they are stripped rather than refused).
 */
async function readJson(request: Request): Promise<object> {
  const text = await request.text();
  if (text.length > MAX_BODY_CHARS) throw refusal('INVALID_INPUT', MESSAGES.TOO_LARGE);
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw refusal('INVALID_INPUT', MESSAGES.NOT_JSON);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw refusal('INVALID_INPUT', MESSAGES.NOT_OBJECT);
  return cleanJson(body) as object;
}

/** `If-Match: "3"` (or 3, or W/"3") as the body's version; both given must agree. */
function mergeIfMatch(request: Request, body: object): object {
  const header = request.headers.get('if-match');
  if (header === null) return body;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m) throw refusal('INVALID_INPUT', MESSAGES.IF_MATCH, { version: MESSAGES.IF_MATCH });
  const version = Number(m[1]);
  const given = (body as Record<string, unknown>).version;
  if (given === undefined) return { ...body, version };
  if (given !== version) throw refusal('INVALID_INPUT', MESSAGES.VERSION_MISMATCH, { version: MESSAGES.VERSION_MISMATCH });
  return body;
}

const joinPath = (path: readonly PropertyKey[]) => path.map(String).join('.');

type RouteSpec<K extends string, S extends z.ZodType | undefined, R> = {
  /** The route's dynamic segments, e.g. ['code', 'period'] for /provinces/[code]/reports/[period]; types `run`'s params. */
  params?: readonly K[];
  /** The JSON body's schema; without one the body is ignored. */
  body?: S;
  /** Also take `version` from an If-Match header (report writes). */
  versionFromIfMatch?: boolean;
  /** Names a zod issue's path in `error.fields`; by default the dotted path. */
  fieldPath?: (path: readonly PropertyKey[]) => string;
  run: ApiRun<Record<K, string>, S extends z.ZodType ? z.infer<S> : undefined, R>;
  /** Extra response headers derived from the result (e.g. an ETag). */
  headers?: (result: R) => Record<string, string>;
};

/**
 * Defines an API route handler. `run` calls one lib/server function and returns
 * a JSON-ready value: no BigInt (convert figures with reportDataToJson), Dates
 * become ISO strings.
 */
export function defineApiRoute<K extends string = never, S extends z.ZodType | undefined = undefined, R = unknown>(
  spec: RouteSpec<K, S, R>,
): ApiHandler<Record<K, string>> {
  type P = Record<K, string>;
  const make = (deps: ApiDeps): Handler<P> =>
    async function handle(request, context) {
      const started = performance.now();
      let userId: string | null = null;
      let failure: unknown;
      const response = await (async () => {
        try {
          const db = deps.db();
          const now = deps.now();
          const user = await resolveUser(request, deps, db, now);
          userId = user.id;
          // The address's segments cleaned as the body is: a NUL in /provinces/%00/… is not a database error.
          const params = cleanJson(await context.params) as P;
          let input: unknown = undefined;
          if (spec.body) {
            let body = await readJson(request);
            if (spec.versionFromIfMatch) body = mergeIfMatch(request, body);
            const parsed = spec.body.safeParse(body);
            if (!parsed.success) throw zodRefusal(parsed.error, spec.fieldPath ?? joinPath);
            input = parsed.data;
          }
          const result = await spec.run({ db, user, params, input: input as S extends z.ZodType ? z.infer<S> : undefined, now, request });
          return json(200, result, spec.headers?.(result));
        } catch (error) {
          if (error instanceof ApiRefusal) return json(error.status, error.body, error.headers);
          // A lock, statement or pool timeout: 409 or 503 with Retry-After, and the error itself in the log line.
          const busy = databaseBusyError(error);
          if (busy) {
            failure = error;
            return json(HTTP_STATUS[busy.code], refusal(busy.code, busy.message).body, { 'Retry-After': String(RETRY_AFTER_SECONDS) });
          }
          if (error instanceof UserFacingError) {
            const status = HTTP_STATUS[error.code];
            return json(status, refusal(error.code, error.message, firstMessages(error.fieldErrors)).body);
          }
          unstable_rethrow(error); // Next's own control flow (e.g. dynamic rendering bail-outs) is not an error.
          failure = error;
          const body: ApiErrorBody = { error: { code: 'INTERNAL_ERROR', message: MESSAGES.INTERNAL } };
          return json(500, body);
        }
      })();
      // One line per request; never the headers or the body (tokens, cookies, figures).
      const method = request.method.toUpperCase();
      const line = {
        requestId: requestIdFrom(request.headers),
        action: `api.${method.toLowerCase()}`,
        userId,
        method,
        path: new URL(request.url).pathname,
        status: response.status,
        durationMs: Math.round(performance.now() - started),
        ...(failure === undefined ? {} : { err: failure }),
      };
      if (failure === undefined) getLogger().info(line, 'api request');
      else getLogger().error(line, 'api request failed');
      return response;
    };
  const handler = make(LIVE_DEPS) as ApiHandler<P>;
  handler.withDeps = (deps) => make({ ...LIVE_DEPS, ...deps });
  return handler;
}
