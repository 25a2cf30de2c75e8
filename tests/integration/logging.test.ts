// Structured logs: one JSON line per API request and per server action, with
// the request id, the user id and the action; and never a password, a token or
// a cookie, whatever the request carried.
import { Writable } from 'node:stream';

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

import type { SessionUser } from '../../lib/permissions';
import { createLogger, REDACTED, setLogger, type Logger } from '../../lib/platform/logger';
import { callApi, demo, sessionUserOf, tokenFor } from '../helpers/api';
import { useSeededDb } from '../helpers/seeded-db';

const session = vi.hoisted(() => ({ user: null as SessionUser | null, db: null as unknown }));
vi.mock('../../lib/http/session', () => ({ getCurrentUser: async () => session.user }));
vi.mock('../../lib/platform/db', () => ({ getDb: () => session.db }));

const { defineFormAction } = await import('../../lib/http/action');

const ctx = useSeededDb();
let captured: string[] = [];
let previous: Logger | undefined;

/** The logger the app uses, writing into `captured` instead of stdout. */
function captureLogs(): Logger {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      captured.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return createLogger({ level: 'info', destination: sink });
}

beforeAll(() => {
  previous = setLogger(captureLogs());
});
afterAll(() => {
  setLogger(previous);
});
beforeEach(() => {
  captured = [];
  session.db = ctx.db;
  session.user = null;
});

const lines = () => captured.map((line) => JSON.parse(line) as Record<string, unknown>);
const PASSWORD = 'KhuyenHoc@2022-bi-mat';
const COOKIE = 'next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.cookie-bi-mat';

describe('API request logs', () => {
  it('one line per request: request id, action, user, method, path, status, duration; no token, no cookie', async () => {
    const token = await tokenFor(ctx.db, demo('hungyen'));
    const hungyen = await sessionUserOf(ctx.db, demo('hungyen'));
    const answer = await callApi(ctx.db, {
      method: 'PUT',
      path: '/api/v1/provinces/33/reports/2026S2',
      token,
      headers: { 'x-request-id': 'req-put-1', cookie: COOKIE },
      body: { version: 0, data: { models: { FAMILY: { total: 100, registered: 90 } } } },
    });
    expect(answer.status).toBe(200);

    expect(lines()).toEqual([
      expect.objectContaining({
        level: 'info',
        requestId: 'req-put-1',
        action: 'api.put',
        userId: hungyen.id,
        method: 'PUT',
        path: '/api/v1/provinces/33/reports/2026S2',
        status: 200,
        durationMs: expect.any(Number),
        service: 'khuyenhoc-portal',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
    const text = captured.join('\n');
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.slice(4, 20));
    expect(text).not.toContain('cookie-bi-mat');
  });

  it('logs a refused request with its status and no user, and a new request id when none was sent', async () => {
    const answer = await callApi(ctx.db, { method: 'GET', path: '/api/v1/me', token: 'khp_sai-ma-bi-mat-0123456789' });
    expect(answer.status).toBe(401);
    const [line] = lines();
    expect(line).toMatchObject({ action: 'api.get', userId: null, status: 401, path: '/api/v1/me' });
    expect(line.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(captured.join('\n')).not.toContain('sai-ma-bi-mat');
  });
});

describe('server action logs', () => {
  const changePassword = defineFormAction({
    name: 'account.password',
    schema: z.object({ currentPassword: z.string(), newPassword: z.string().min(12, 'Ít nhất 12 ký tự.') }),
    authorize: () => true,
    run: async () => 'Đã đổi mật khẩu.',
  });
  const form = (fields: Record<string, string>) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.set(k, v);
    return fd;
  };

  it('names the action, the user and the outcome, never the submitted password', async () => {
    session.user = await sessionUserOf(ctx.db, demo('hungyen'));
    expect((await changePassword(null, form({ currentPassword: PASSWORD, newPassword: `${PASSWORD}-moi` })))?.ok).toBe(true);
    expect((await changePassword(null, form({ currentPassword: PASSWORD, newPassword: 'ngan' })))?.ok).toBe(false);
    session.user = null;
    await changePassword(null, form({ currentPassword: PASSWORD, newPassword: `${PASSWORD}-moi` }));

    const userId = (await sessionUserOf(ctx.db, demo('hungyen'))).id;
    expect(lines().map(({ action, userId, outcome }) => ({ action, userId, outcome }))).toEqual([
      { action: 'account.password', userId, outcome: 'ok' },
      { action: 'account.password', userId, outcome: 'refused' },
      { action: 'account.password', userId: null, outcome: 'refused' },
    ]);
    expect(captured.join('\n')).not.toContain(PASSWORD);
  });

  it('logs an unexpected failure at error level with the error, still without the form', async () => {
    const broken = defineFormAction({
      name: 'report.save',
      schema: z.object({ password: z.string() }),
      authorize: () => true,
      run: async () => {
        throw new Error('database went away');
      },
    });
    session.user = await sessionUserOf(ctx.db, demo('hungyen'));
    const state = await broken(null, form({ password: PASSWORD }));
    expect(state).toMatchObject({ ok: false });
    const [line] = lines();
    expect(line).toMatchObject({ level: 'error', action: 'report.save', outcome: 'error', err: { message: 'database went away' } });
    expect(captured.join('\n')).not.toContain(PASSWORD);
  });
});

describe('redaction', () => {
  it('replaces password, token, authorization and cookie fields wherever they sit', () => {
    // What a careless line about a sign-in request would hold.
    const signIn = {
      action: 'auth.signin',
      body: { email: 'hungyen@demo.khuyenhoc.vn', password: PASSWORD, csrfToken: 'csrf-bi-mat' },
      req: { headers: { authorization: 'Bearer khp_bi-mat', cookie: COOKIE, 'set-cookie': COOKIE } },
      user: { passwordHash: '$2b$10$bi-mat-hash', apiToken: { token: 'khp_token-bi-mat' } },
    };
    createLogger({ level: 'info', destination: { write: (line: string) => void captured.push(line.trim()) } }).info(signIn, 'sign-in');
    const [line] = lines();
    expect(line.body).toEqual({ email: 'hungyen@demo.khuyenhoc.vn', password: REDACTED, csrfToken: REDACTED });
    expect(line.req).toEqual({ headers: { authorization: REDACTED, cookie: REDACTED, 'set-cookie': REDACTED } });
    expect(line.user).toEqual({ passwordHash: REDACTED, apiToken: { token: REDACTED } });
    for (const secret of [PASSWORD, 'csrf-bi-mat', 'khp_bi-mat', 'cookie-bi-mat', 'bi-mat-hash', 'token-bi-mat']) {
      expect(captured.join('\n')).not.toContain(secret);
    }
  });

  it('follows LOG_LEVEL: below the level nothing is written', () => {
    const out: string[] = [];
    const logger = createLogger({ level: 'warn', destination: { write: (line: string) => void out.push(line) } });
    logger.info({ action: 'api.get' }, 'quiet');
    logger.warn({ action: 'api.get' }, 'loud');
    expect(out.map((l) => JSON.parse(l).msg)).toEqual(['loud']);
  });
});
