// GET /api/health, the route handler called as Next calls it: 200 when the
// database answers and every migration is applied, else 503 naming the part
// that failed.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { readMigrationsList } from '../../lib/platform/migrations';
import { POSTGRES_LIMITS } from '../../lib/platform/prisma-factory';
import { createTestDb, type TestDb } from '../helpers/test-db';

const live = vi.hoisted(() => ({ db: null as unknown, queries: null as number | null }));
vi.mock('../../lib/platform/db', () => ({ getDb: () => live.db, dbQueriesSent: () => live.queries }));

const { GET } = await import('../../app/api/health/route');

let testDb: TestDb;
let migrations: string[];

beforeAll(async () => {
  testDb = await createTestDb();
  migrations = (await readMigrationsList()).migrationDirectories.map((d) => d.path);
});
afterAll(async () => {
  await testDb?.close();
});
beforeEach(() => {
  live.db = testDb.db;
  live.queries = null;
});

async function health() {
  const response = await GET();
  return { status: response.status, body: await response.json(), cache: response.headers.get('cache-control') };
}

describe('GET /api/health', () => {
  it('answers 200 ok on a migrated database, without a session', async () => {
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', database: 'ok', migrations: 'up-to-date' }, cache: 'no-store' });
  });

  it('answers 503 naming the migration not yet applied', async () => {
    const last = migrations[migrations.length - 1];
    await testDb.db.$executeRaw`UPDATE _prisma_migrations SET migration_name = 'renamed-for-test' WHERE migration_name = ${last}`;
    try {
      expect(await health()).toEqual({
        status: 503,
        body: { status: 'error', database: 'ok', migrations: 'pending', pending: [last] },
        cache: 'no-store',
      });
    } finally {
      await testDb.db.$executeRaw`UPDATE _prisma_migrations SET migration_name = ${last} WHERE migration_name = 'renamed-for-test'`;
    }
    expect((await health()).status).toBe(200);
  });

  it('answers 503 for a migration that started and did not finish (a failed deploy)', async () => {
    const last = migrations[migrations.length - 1];
    await testDb.db.$executeRaw`UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = ${last}`;
    try {
      const { status, body } = await health();
      expect(status).toBe(503);
      expect(body).toMatchObject({ status: 'error', database: 'ok', migrations: 'failed', failed: [last] });
    } finally {
      await testDb.db.$executeRaw`UPDATE _prisma_migrations SET finished_at = now() WHERE migration_name = ${last}`;
    }
  });

  it('answers 503 with every migration pending on an empty database', async () => {
    const empty = await createTestDb();
    try {
      await empty.db.$executeRawUnsafe('DROP TABLE _prisma_migrations');
      live.db = empty.db;
      expect((await health()).body).toEqual({ status: 'error', database: 'ok', migrations: 'pending', pending: migrations });
    } finally {
      await empty.close();
    }
  });

  it('answers 503 database error when the database does not answer', async () => {
    live.db = { $queryRaw: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) };
    expect(await health()).toEqual({
      status: 503,
      body: { status: 'error', database: 'error', migrations: 'unknown' },
      cache: 'no-store',
    });
  });

  it('answers 503 when the database hangs, within a few seconds', async () => {
    live.db = { $queryRaw: () => new Promise(() => {}) };
    const started = Date.now();
    expect((await health()).body.database).toBe('error');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  // Only a PostgreSQL pool has connections to keep; PGlite has one, which an open transaction holds.
  if (process.env.DATABASE_URL?.trim()) {
    it('answers 200 at once while transactions hold every connection they may take (PostgreSQL)', async () => {
      // As many transactions as the pool has connections, each stuck (as behind a locked row).
      let released = false;
      const waiting: Array<() => void> = [];
      const stuck = Array.from({ length: POSTGRES_LIMITS.poolSize }, () =>
        testDb.db.$transaction(
          async (tx) => {
            await tx.$queryRaw`SELECT 1`;
            if (!released) await new Promise<void>((resolve) => waiting.push(resolve));
          },
          { maxWait: 15_000, timeout: 20_000 },
        ),
      );
      try {
        await vi.waitFor(() => expect(waiting.length).toBe(POSTGRES_LIMITS.poolSize - 2));
        const started = performance.now();
        expect(await health()).toMatchObject({ status: 200, body: { status: 'ok' } });
        expect(performance.now() - started).toBeLessThan(1_000);
      } finally {
        released = true;
        for (const resolve of waiting) resolve();
        await Promise.all(stuck);
      }
    });
  } else {
    it.skip('answers 200 while transactions hold the pool: needs DATABASE_URL (PGlite has one connection, no pool)', () => {});
  }

  it('with COUNT_DB_QUERIES (npm run bench), adds the statements the server has sent, its own included', async () => {
    const counted = await createTestDb({ onQuery: () => (live.queries = (live.queries ?? 0) + 1) });
    try {
      live.db = counted.db;
      live.queries = 0;
      const first = (await health()).body;
      expect(first).toMatchObject({ status: 'ok', queries: expect.any(Number) });
      const own = first.queries;
      expect(own).toBeGreaterThan(0);
      await counted.db.period.findMany();
      expect((await health()).body.queries).toBe(own + 1 + own);
    } finally {
      await counted.close();
    }
  });
});
