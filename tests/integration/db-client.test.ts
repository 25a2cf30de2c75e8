// The database as the app sees it through Prisma: test databases are fresh
// and isolated, money survives as BigInt beyond 2^53, and the audit log
// cannot be rewritten.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getDb } from '../../lib/platform/db';
import { readMigrationsList } from '../../lib/platform/migrations';
import { createTestDb, type TestDb } from '../helpers/test-db';

let testDb: TestDb;

beforeAll(async () => {
  const started = performance.now();
  testDb = await createTestDb();
  console.info(`first createTestDb (${testDb.kind}): ${Math.round(performance.now() - started)} ms`);
});

afterAll(async () => {
  await testDb?.close();
});

describe('createTestDb', () => {
  it('is what deploy produces: every migration recorded as applied', async () => {
    const local = (await readMigrationsList()).migrationDirectories.map((dir) => dir.path);
    const rows = await testDb.db.$queryRaw<{ migration_name: string; finished: boolean }[]>`
      SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows).toEqual(local.map((migration_name) => ({ migration_name, finished: true })));
  });

  it('gives each caller its own empty database', async () => {
    const timings: number[] = [];
    const open = async () => {
      const started = performance.now();
      const created = await createTestDb();
      timings.push(Math.round(performance.now() - started));
      return created;
    };
    const [a, b] = [await open(), await open()];
    try {
      await a.db.cluster.create({ data: { code: 'III', name: 'Cụm III' } });
      expect(await a.db.cluster.count()).toBe(1);
      expect(await b.db.cluster.count()).toBe(0);
      expect(await testDb.db.cluster.count({ where: { code: 'III' } })).toBe(0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    console.info(`createTestDb per call (${a.kind}): ${timings.join(' ms, ')} ms`);
  });
});

describe('Report money', () => {
  it('round-trips a fund above 2^53 VND exactly', async () => {
    const { db } = testDb;
    const fundOpening = 2n ** 53n + 123_456_789n; // 9 007 199 378 197 781 ₫, not a safe JS number
    const province = await db.province.create({
      data: { code: '01', name: 'Hà Nội', validFrom: new Date('2008-08-01') },
    });
    const period = await db.period.create({
      data: {
        code: '2025S1',
        year: 2025,
        half: 1,
        startDate: new Date('2025-01-01'),
        endDate: new Date('2025-06-30'),
        deadline: new Date('2025-07-15T16:59:59Z'),
      },
    });
    const { id } = await db.report.create({
      data: { provinceId: province.id, periodId: period.id, fundOpening },
    });

    const report = await db.report.findUniqueOrThrow({ where: { id } });
    expect(report.fundOpening).toBe(fundOpening);
    const [sum] = await db.$queryRaw<{ total: bigint }[]>`SELECT SUM("fundOpening")::bigint AS total FROM "Report"`;
    expect(sum.total).toBe(fundOpening);
  });
});

describe('AuditLog', () => {
  it('accepts new rows but refuses UPDATE, DELETE and TRUNCATE', async () => {
    const { db } = testDb;
    const row = await db.auditLog.create({
      data: { action: 'report.submit', entityType: 'Report', entityId: 'r1', newValue: 'SUBMITTED' },
    });
    expect(typeof row.id).toBe('bigint');

    await expect(db.auditLog.update({ where: { id: row.id }, data: { newValue: 'APPROVED' } })).rejects.toThrow(
      /AuditLog is append-only/,
    );
    await expect(db.auditLog.delete({ where: { id: row.id } })).rejects.toThrow(/AuditLog is append-only/);
    await expect(db.auditLog.deleteMany({})).rejects.toThrow(/AuditLog is append-only/);
    await expect(db.$executeRawUnsafe('TRUNCATE "AuditLog"')).rejects.toThrow(/AuditLog is append-only/);

    const after = await db.auditLog.findMany();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: row.id, newValue: 'SUBMITTED' });
  });
});

describe('getDb', () => {
  it('is one client per process, kept on globalThis across module reloads', () => {
    // Prisma connects lazily: nothing is opened until the first query.
    const db = getDb();
    expect(getDb()).toBe(db);
    expect((globalThis as { __khuyenhocDb?: unknown }).__khuyenhocDb).toBe(db);
  });
});

describe('createPrismaClient with onQuery (COUNT_DB_QUERIES, npm run bench)', () => {
  it('is told of every SQL statement the client sends, model operations and raw SQL alike', async () => {
    let sent = 0;
    const counted = await createTestDb({ onQuery: () => sent++ });
    try {
      await counted.db.cluster.findMany();
      await counted.db.$queryRaw`SELECT 1`;
      await Promise.all([counted.db.period.count(), counted.db.province.findMany({ select: { id: true } })]);
      expect(sent).toBe(4);
    } finally {
      await counted.close();
    }
  });
});
