// Calls the real /api/v1 route handlers (the files under app/api/v1) as Next would,
// with a test's own database and a fixed clock, and reads the JSON they answer.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SessionUser } from '../../lib/permissions';
import type { PrismaClient } from '../../lib/generated/prisma/client';
import type { ApiHandler } from '../../lib/http/api';
import { createApiToken } from '../../lib/accounts/api-tokens';

const API_DIR = fileURLToPath(new URL('../../app/api/v1/', import.meta.url));
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type Method = (typeof METHODS)[number];

/** A clock inside 2026S2's entry window (deadline 15 December 2026), so the tests do not age. */
export const TEST_NOW = new Date('2026-11-20T03:00:00Z');

type Route = {
  file: string;
  pattern: RegExp;
  names: string[];
  catchAll: boolean;
  load: () => Promise<Partial<Record<Method, ApiHandler<Record<string, string>>>>>;
};

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

/** The routes as Next's file-system router sees them: static segments before [param] before [...rest]. */
const ROUTES: Route[] = routeFiles(API_DIR)
  .map((file): Route => {
    const segments = path.relative(API_DIR, path.dirname(file)).split(path.sep).filter(Boolean);
    const names: string[] = [];
    let catchAll = false;
    const parts = segments.map((s) => {
      const rest = /^\[\.\.\.(\w+)\]$/.exec(s);
      if (rest) {
        names.push(rest[1]);
        catchAll = true;
        return '(.+)';
      }
      const param = /^\[(\w+)\]$/.exec(s);
      if (param) {
        names.push(param[1]);
        return '([^/]+)';
      }
      return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    });
    return {
      file,
      pattern: new RegExp(`^/api/v1${parts.length ? '/' + parts.join('/') : ''}/?$`),
      names,
      catchAll,
      load: () => import(/* @vite-ignore */ file),
    };
  })
  .sort((a, b) => Number(a.catchAll) - Number(b.catchAll) || a.names.length - b.names.length);

export type ApiCall = {
  method: Method;
  /** Path and query, e.g. /api/v1/provinces/33/reports/2026S2. */
  path: string;
  /** A personal token, sent as Authorization: Bearer. */
  token?: string;
  /** Sent as JSON; a string is sent as it is (for malformed bodies). */
  body?: unknown;
  headers?: Record<string, string>;
  /** The user of a signed-in browser session (the cookie path); anonymous by default. */
  session?: SessionUser;
  now?: Date;
};

export type ApiAnswer = { status: number; body: any; headers: Headers };

function routeFor(pathname: string): Route {
  const route = ROUTES.find((r) => r.pattern.test(pathname));
  if (!route) throw new Error(`No route file for ${pathname}`);
  return route;
}

/** Each route file (relative to app/api/v1) with the methods it exports; the catch-all is flagged. */
export async function apiRoutes(): Promise<Array<{ file: string; methods: Method[]; catchAll: boolean }>> {
  return Promise.all(
    ROUTES.map(async (r) => {
      const mod = await r.load();
      return { file: path.relative(API_DIR, r.file), methods: METHODS.filter((m) => typeof mod[m] === 'function'), catchAll: r.catchAll };
    }),
  );
}

/** The route file (relative to app/api/v1) that serves a path. */
export function routeFileFor(pathname: string): string {
  return path.relative(API_DIR, routeFor(pathname).file);
}

/** One request through the route handler Next would pick for it. Unknown method on a route: 405, as Next. */
export async function callApi(db: PrismaClient, call: ApiCall): Promise<ApiAnswer> {
  const url = new URL(call.path, 'http://localhost');
  const route = routeFor(url.pathname);
  const match = route.pattern.exec(url.pathname)!;
  const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
  if (route.catchAll) params[route.names[route.names.length - 1]] = match[route.names.length].split('/') as never;
  const handler = (await route.load())[call.method];
  if (!handler) return { status: 405, body: null, headers: new Headers() };

  const headers = new Headers(call.headers);
  if (call.token !== undefined) headers.set('Authorization', `Bearer ${call.token}`);
  let body: string | undefined;
  if (call.body !== undefined) {
    body = typeof call.body === 'string' ? call.body : JSON.stringify(call.body);
    if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  }
  const request = new Request(url, { method: call.method, headers, body });
  const response = await handler.withDeps({
    db: () => db,
    sessionUser: async () => call.session ?? null,
    now: () => call.now ?? TEST_NOW,
  })(request, {
    params: Promise.resolve(params),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

export async function sessionUserOf(db: PrismaClient, email: string): Promise<SessionUser> {
  return db.user.findUniqueOrThrow({
    where: { email },
    select: { id: true, email: true, name: true, role: true, provinceId: true, clusterId: true },
  });
}

/** A fresh personal token for a demo (or test-made) account. */
export async function tokenFor(db: PrismaClient, email: string, name = 'Kiểm thử'): Promise<string> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return (await createApiToken(db, user.id, name)).token;
}

export const demo = (local: string) => `${local}@demo.khuyenhoc.vn`;

/**
 * Everything a report request could write: reports with their figures, status events
 * and the audit log. (A token's lastUsedAt is bookkeeping, not data, and is left out.)
 */
export async function reportState(db: PrismaClient) {
  const [reports, events, audit] = await Promise.all([
    db.report.findMany({
      orderBy: { id: 'asc' },
      include: {
        modelFigures: { orderBy: { model: 'asc' } },
        fundMobilisations: { orderBy: { source: 'asc' } },
        awards: { orderBy: [{ kind: 'asc' }, { group: 'asc' }] },
      },
    }),
    db.reportStatusEvent.findMany({ orderBy: { id: 'asc' } }),
    db.auditLog.findMany({ orderBy: { id: 'asc' } }),
  ]);
  return { reports, events, audit };
}
