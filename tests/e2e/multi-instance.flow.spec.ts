// Several instances, one PostgreSQL database: a second `next start` on the
// same database and the same NEXTAUTH_SECRET as the end-to-end server. A
// session signed in on one instance works on the other (sessions are signed
// cookies, no server state); concurrent saves of the same report through both
// instances never lose an update: of two saves on the same version exactly one
// wins and the other gets 409, and every accepted save has its audit rows.
//
// PostgreSQL only (PGlite is one process's database): without DATABASE_URL
// this file defines no test. Uses Hà Nội's 2026S2 report, which no other flow
// touches.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';

import { expect, test, type APIRequestContext } from '@playwright/test';
import pg from 'pg';

import { signIn } from './helpers';

const SERVER_URL = process.env.DATABASE_URL?.trim();

if (SERVER_URL) {
  // The database scripts/e2e-server.ts made for the first instance, and its secret.
  const databaseUrl = Object.assign(new URL(SERVER_URL), { pathname: `/kh_e2e_${process.env.E2E_PORT ?? '3100'}` }).toString();
  const secret = process.env.NEXTAUTH_SECRET ?? 'e2e-secret-not-for-production-0123456789abcdef';
  const secondPort = Number(process.env.E2E_PORT ?? 3100) + 1;
  const second = `http://127.0.0.1:${secondPort}`;
  const REPORT = '/api/v1/provinces/01/reports/2026S2';

  test.describe('two instances on one database', () => {
    test.describe.configure({ mode: 'serial' });
    let server: ChildProcess | undefined;
    let db: pg.Client;

    test.beforeAll(async () => {
      test.setTimeout(120_000);
      const log = createWriteStream(path.join(test.info().project.outputDir, 'second-instance.log'));
      server = spawn(
        process.execPath,
        [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(secondPort), '-H', '127.0.0.1'],
        {
          env: { ...process.env, DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: second, NEXT_TELEMETRY_DISABLED: '1' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      server.stdout?.pipe(log);
      server.stderr?.pipe(log);
      // Ready when its health check says the database answers and is migrated.
      await expect
        .poll(async () => (await fetch(`${second}/api/health`).catch(() => null))?.status ?? 0, { timeout: 90_000, intervals: [500] })
        .toBe(200);
      db = new pg.Client({ connectionString: databaseUrl });
      await db.connect();
    });

    test.afterAll(async () => {
      await db?.end();
      if (server && server.exitCode === null) {
        const exited = new Promise((resolve) => server!.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
    });

    /** GET the report through one instance: its figures and version. */
    async function current(api: APIRequestContext, base: string) {
      const r = await api.get(`${base}${REPORT}`);
      expect(r.status()).toBe(200);
      const body = await r.json();
      return { version: (body.report?.version ?? 0) as number, data: body.report?.data };
    }

    function put(api: APIRequestContext, base: string, version: number, data: unknown) {
      return api.put(`${base}${REPORT}`, { data: { version, data } });
    }

    test('a session from one instance is accepted by the other, and exactly one of two same-version saves wins', async ({ page, baseURL }) => {
      await signIn(page, 'hanoi@demo.khuyenhoc.vn');
      const api = page.context().request; // the browser's session cookie (cookies are per host, not per port)
      const first = baseURL!;

      const me = await api.get(`${second}/api/v1/me`);
      expect(me.status()).toBe(200);
      expect((await me.json()).email).toBe('hanoi@demo.khuyenhoc.vn');

      let { version, data } = await current(api, first);
      if (version === 0) {
        const created = await put(api, first, 0, { membership: { newMembers: 0 } });
        expect(created.status()).toBe(200);
        ({ version, data } = await current(api, second));
      }

      for (let round = 0; round < 5; round++) {
        const viaFirst = { ...data, membership: { ...data.membership, members: 1000 + round } };
        const viaSecond = { ...data, membership: { ...data.membership, members: 2000 + round } };
        const [a, b] = await Promise.all([put(api, first, version, viaFirst), put(api, second, version, viaSecond)]);
        expect([a.status(), b.status()].sort(), `round ${round}`).toEqual([200, 409]);
        const loser = a.status() === 409 ? a : b;
        expect((await loser.json()).error.code).toBe('CONFLICT');
        const winner = a.status() === 200 ? viaFirst : viaSecond;

        // Both instances now show the winner's figures at the next version.
        for (const base of [first, second]) {
          const now = await current(api, base);
          expect(now.version).toBe(version + 1);
          expect(now.data.membership.members).toBe(winner.membership.members);
        }
        ({ version, data } = await current(api, first));
      }
    });

    test('increments made through both instances at once are all kept, each with its audit', async ({ page, baseURL }) => {
      await signIn(page, 'hanoi@demo.khuyenhoc.vn');
      const api = page.context().request;
      const start = await current(api, baseURL!);
      const PER_WORKER = 8;

      // Each worker adds 1 to newMembers PER_WORKER times: read, add, save on that
      // version; on 409 read again and retry. A lost update would show as a smaller total.
      const worker = async (base: string) => {
        let conflicts = 0;
        for (let done = 0; done < PER_WORKER; ) {
          const { version, data } = await current(api, base);
          const next = { ...data, membership: { ...data.membership, newMembers: data.membership.newMembers + 1 } };
          const r = await put(api, base, version, next);
          if (r.status() === 200) done++;
          else if (r.status() === 409) conflicts++;
          else throw new Error(`unexpected ${r.status()}: ${await r.text()}`);
        }
        return conflicts;
      };
      const conflicts = await Promise.all([worker(baseURL!), worker(second)]);
      console.info(`concurrent increments: ${2 * PER_WORKER} saves, ${conflicts[0] + conflicts[1]} conflicts retried`);

      const end = await current(api, second);
      expect(end.data.membership.newMembers).toBe(start.data.membership.newMembers + 2 * PER_WORKER);
      expect(end.version).toBe(start.version + 2 * PER_WORKER);

      // The audit, read from the database: one newMembers row per accepted save,
      // each one step up from the last, and every version of the report has its rows.
      const { rows: report } = await db.query<{ id: string; version: number }>(
        `SELECT r.id, r.version FROM "Report" r JOIN "Province" p ON p.id = r."provinceId" JOIN "Period" q ON q.id = r."periodId"
         WHERE p.code = '01' AND p."validTo" IS NULL AND q.code = '2026S2'`,
      );
      expect(report).toHaveLength(1);
      expect(report[0].version).toBe(end.version);
      const { rows: audit } = await db.query<{ version: number; old: string; new: string }>(
        `SELECT (details->>'version')::int AS version, "oldValue" AS old, "newValue" AS new FROM "AuditLog"
         WHERE "entityType" = 'Report' AND "entityId" = $1 AND action = 'report.update' AND field = 'membership.newMembers'
           AND (details->>'version')::int > $2
         ORDER BY id`,
        [report[0].id, start.version],
      );
      expect(audit.map((a) => a.version)).toEqual(Array.from({ length: 2 * PER_WORKER }, (_, i) => start.version + 1 + i));
      for (const a of audit) expect(Number(a.new)).toBe(Number(a.old) + 1);
      const { rows: versions } = await db.query<{ version: number }>(
        `SELECT DISTINCT (details->>'version')::int AS version FROM "AuditLog"
         WHERE "entityType" = 'Report' AND "entityId" = $1 AND action = 'report.update' ORDER BY 1`,
        [report[0].id],
      );
      expect(versions.map((v) => v.version)).toEqual(Array.from({ length: end.version }, (_, i) => i + 1));
    });
  });
}
