// The API's check that a write riding on the session cookie was not sent by
// another site: the host it compares the Origin with is Host, and
// X-Forwarded-Host only when TRUSTED_PROXY_COUNT says proxies in front set it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { PrismaClient } from '../../lib/generated/prisma/client';
import type { SessionUser } from '../../lib/permissions';
import { callApi } from '../helpers/api';
import { createTestDb, type TestDb } from '../helpers/test-db';

// Anyone signed in: the check comes before the report is looked up, which on this
// empty database answers 404 once a request gets past it.
const session = { id: 'u-1', email: 'hungyen@demo.khuyenhoc.vn', name: 'Hưng Yên', role: 'PROVINCE_STAFF', provinceId: 'p-33', clusterId: null } as SessionUser;
const REPORT = '/api/v1/provinces/33/reports/2026S2';

let t: TestDb;
let db: PrismaClient;
const savedProxies = process.env.TRUSTED_PROXY_COUNT;

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
});
afterAll(() => t?.close());
afterEach(() => {
  if (savedProxies === undefined) delete process.env.TRUSTED_PROXY_COUNT;
  else process.env.TRUSTED_PROXY_COUNT = savedProxies;
});

const put = (headers: Record<string, string>) => callApi(db, { method: 'PUT', path: REPORT, session, headers, body: { version: 0, data: {} } });

describe('the API’s cross-site check', () => {
  it('does not believe an X-Forwarded-Host the client wrote itself', async () => {
    delete process.env.TRUSTED_PROXY_COUNT;
    const spoofed = await put({ Origin: 'https://evil.example', 'X-Forwarded-Host': 'evil.example' });
    expect(spoofed.status).toBe(403);
    expect(spoofed.body.error).toEqual({ code: 'FORBIDDEN', message: 'Yêu cầu từ trang web khác bị từ chối.' });
    // The portal's own origin, compared with Host, is not refused.
    expect((await put({ Origin: 'http://localhost' })).status).toBe(404);
  });

  it('believes X-Forwarded-Host from TRUSTED_PROXY_COUNT proxies in front', async () => {
    process.env.TRUSTED_PROXY_COUNT = '1';
    const viaProxy = { Origin: 'https://khuyenhoc.example.vn', Host: '127.0.0.1:3000', 'X-Forwarded-Host': 'khuyenhoc.example.vn' };
    expect((await put(viaProxy)).status).toBe(404);
    expect((await put({ ...viaProxy, Origin: 'https://evil.example' })).status).toBe(403);
  });
});
