// The summaries' cache (lib/dashboards/summary-cache.ts) on the seeded demo: it answers what the
// uncached computation answers, costs one query once warm, and sees every write at once: a report
// saved, a membership changed, a deadline passing, a write by another instance (a second
// PrismaClient on the same database), and, on PostgreSQL, a transaction that commits after a
// later one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getClusterSpanSummary, getClusterSummary } from '../../lib/dashboards/cluster-summary';
import { getNationalSummary } from '../../lib/dashboards/national-summary';
import {
  findCachedClusterByCode,
  getCachedClusterSpanSummary,
  getCachedClusterSummary,
  getCachedClusterTrend,
  getCachedNationalSummary,
  listCachedPeriods,
  readDataVersion,
} from '../../lib/dashboards/summary-cache';
import { getClusterTrend } from '../../lib/dashboards/trend';
import type { PrismaClient } from '../../lib/generated/prisma/client';
import type { SessionUser } from '../../lib/permissions';
import { writeAudit } from '../../lib/platform/audit';
import { applyMigrations } from '../../lib/platform/migrations';
import { openBlankPglite } from '../../lib/platform/pglite-snapshot';
import { createPrismaClient } from '../../lib/platform/prisma-factory';
import { listClusters, listPeriods } from '../../lib/reference/clusters';
import { endClusterMembership } from '../../lib/reference/cluster-admin';
import { setDeadlineExtension } from '../../lib/reference/period-admin';
import { emptyReportData } from '../../lib/reports/data';
import { approveReport, getReportView, saveReportDraft, submitReport } from '../../lib/reports/store';
import { seedDemo } from '../../prisma/seed';
import { createPostgresDatabase, dropPostgresDatabase } from '../helpers/seeded-database';

// Inside 2026S2's entry window (deadline 15 December 2026, 23:59:59 in Vietnam), and after it.
const DURING = new Date('2026-11-25T03:00:00Z');
const AFTER_DEADLINE = new Date('2026-12-20T03:00:00Z');
const OPEN = { clusterCode: 'CUM3', periodCode: '2026S2' };

// Two PrismaClients on one seeded database: two instances of the portal. On PGlite, two clients
// on one in-process database (one process may open a PGlite database); on PostgreSQL, two pools
// on a database of its own.
let a: PrismaClient;
let b: PrismaClient;
let onPostgres = false;
let closeAll: () => Promise<void>;

beforeAll(async () => {
  const serverUrl = process.env.DATABASE_URL?.trim();
  if (serverUrl) {
    onPostgres = true;
    const name = `kh_test_cache_${process.pid}`;
    await dropPostgresDatabase(serverUrl, name);
    const databaseUrl = await createPostgresDatabase(serverUrl, name);
    a = createPrismaClient({ databaseUrl });
    b = createPrismaClient({ databaseUrl });
    closeAll = async () => {
      await Promise.all([a.$disconnect(), b.$disconnect()]);
      await dropPostgresDatabase(serverUrl, name);
    };
  } else {
    const pglite = await openBlankPglite();
    await applyMigrations({ pglite });
    a = createPrismaClient({ pglite });
    b = createPrismaClient({ pglite });
    await seedDemo(a, { bcryptRounds: 4 });
    closeAll = async () => {
      await Promise.all([a.$disconnect(), b.$disconnect()]);
      await pglite.close();
    };
  }
});
afterAll(async () => {
  await closeAll?.();
});

async function user(db: PrismaClient, email: string): Promise<SessionUser> {
  return db.user.findUniqueOrThrow({ where: { email: `${email}@demo.khuyenhoc.vn` }, select: { id: true, email: true, name: true, role: true, provinceId: true, clusterId: true } });
}

/** The same client, counting the queries it sends; the cache keeps one map per client. */
function counting(db: PrismaClient): { db: PrismaClient; count: () => number } {
  let n = 0;
  const extended = db.$extends({ query: { async $allOperations({ args, query }) { n++; return query(args); } } });
  return { db: extended as unknown as PrismaClient, count: () => n };
}

/** Hưng Yên's row in the cluster's 2026S2 summary, read through the cache of `db`. */
async function hungYenRow(db: PrismaClient, now = DURING) {
  const s = (await getCachedClusterSummary(db, { ...OPEN, now }))!;
  return s.provinces.find((p) => p.name === 'Hưng Yên')!;
}

describe('the summary cache', () => {
  it('answers what the uncached computation answers, for every summary and view', async () => {
    const now = DURING;
    for (const view of ['reported', 'current'] as const) {
      for (const approvedOnly of [false, true]) {
        const args = { clusterCode: 'CUM3', periodCode: '2022S1', view, approvedOnly, now };
        expect(await getCachedClusterSummary(a, args)).toEqual(await getClusterSummary(a, args));
        const span = { clusterCode: 'CUM3', from: '2025S1', to: '2025S2', view, approvedOnly, now };
        expect(await getCachedClusterSpanSummary(a, span)).toEqual(await getClusterSpanSummary(a, span));
      }
    }
    expect(await getCachedNationalSummary(a, { periodCode: '2026S1', now })).toEqual(await getNationalSummary(a, { periodCode: '2026S1', now }));
    expect(await getCachedClusterTrend(a, { clusterCode: 'CUM3', now })).toEqual(await getClusterTrend(a, { clusterCode: 'CUM3' }));
    expect(await listCachedPeriods(a, { now })).toEqual(await listPeriods(a));
    expect(await findCachedClusterByCode(a, 'CUM3', { now })).toEqual((await listClusters(a)).find((c) => c.code === 'CUM3'));
    // An unknown cluster or period is remembered as such, and still null.
    expect(await getCachedClusterSummary(a, { clusterCode: 'CUM9', periodCode: '2022S1', now })).toBeNull();
    expect(await getCachedNationalSummary(a, { periodCode: '2031S1', now })).toBeNull();
  });

  it('sends on a first call what the summary sends, plus the version; then one query alone', async () => {
    const c = counting(a);
    const args = { clusterCode: 'CUM3', periodCode: '2022S2', now: DURING };
    const first = await getCachedClusterSummary(c.db, args);
    // Which database this client is on (once per client), the version, the deadlines of this
    // version of the audit log (once per version), then getClusterSummary's eight
    // (tests/integration/summary.test.ts).
    expect(c.count()).toBe(1 + 1 + 1 + 8);
    const second = await getCachedClusterSummary(c.db, args);
    expect(c.count()).toBe(1 + 1 + 1 + 8 + 1);
    expect(second).toBe(first); // the same, shared object…
    expect(Object.isFrozen(second!.provinces[0].models)).toBe(true); // …which no request may change for the next
  });

  it('sees a report saved, submitted and approved at the next call', async () => {
    expect(await hungYenRow(a)).toMatchObject({ status: null, counted: false });
    const staff = await user(a, 'hungyen');
    const data = emptyReportData();
    data.models.FAMILY = { total: 1000, registered: 900, recognised: 800 };
    const ref = { provinceCode: '33', periodCode: '2026S2' };
    const saved = await saveReportDraft(a, staff, { ...ref, version: 0, data }, DURING);
    expect(await hungYenRow(a)).toMatchObject({ status: 'DRAFT', counted: false });
    expect((await getCachedClusterSummary(a, { ...OPEN, now: DURING }))!.completeness).toMatchObject({ draft: 1 });

    // Submitting needs every required figure: the approved figures of 2026S1.
    const complete = (await getReportView(a, staff, { provinceCode: '33', periodCode: '2026S1' }, DURING)).data!;
    const resaved = await saveReportDraft(a, staff, { ...ref, version: saved.version, data: complete }, DURING);
    const submitted = await submitReport(a, staff, { ...ref, version: resaved.version }, DURING);
    const row = await hungYenRow(a);
    expect(row).toMatchObject({ status: 'SUBMITTED', counted: true });
    expect(row.models.FAMILY.total).toBe(complete.models.FAMILY.total);

    await approveReport(a, await user(a, 'cum3'), { ...ref, version: submitted.version }, DURING);
    expect(await hungYenRow(a)).toMatchObject({ status: 'APPROVED' });
    expect(await getCachedClusterSummary(a, { ...OPEN, now: DURING })).toEqual(await getClusterSummary(a, { ...OPEN, now: DURING }));
  });

  it('sees a membership ended at the next call, and so does the national summary', async () => {
    const before = (await getCachedClusterSummary(a, { ...OPEN, now: DURING }))!;
    const national = (await getCachedNationalSummary(a, { periodCode: '2026S2', now: DURING }))!;
    const membership = await a.clusterMembership.findFirstOrThrow({
      where: { cluster: { code: 'CUM3' }, province: { name: 'Ninh Bình', validTo: null }, validTo: null },
      select: { id: true },
    });
    expect(before.provinces.map((p) => p.name)).toContain('Ninh Bình');
    await endClusterMembership(a, await user(a, 'admin'), { membershipId: membership.id, validTo: new Date('2026-06-30T00:00:00Z') });

    const after = (await getCachedClusterSummary(a, { ...OPEN, now: DURING }))!;
    expect(after.provinces.map((p) => p.name)).not.toContain('Ninh Bình');
    expect(after.completeness.expected).toBe(before.completeness.expected - 1);
    const nationalAfter = (await getCachedNationalSummary(a, { periodCode: '2026S2', now: DURING }))!;
    expect(nationalAfter.totals.provinces).toBe(national.totals.provinces - 1);
    expect(nationalAfter).toEqual(await getNationalSummary(a, { periodCode: '2026S2', now: DURING }));
  });

  it('sees a deadline pass: the same data is a new version after it', async () => {
    const onTime = (await getCachedClusterSummary(a, { ...OPEN, now: DURING }))!;
    const late = (await getCachedClusterSummary(a, { ...OPEN, now: AFTER_DEADLINE }))!;
    expect(onTime.completeness.overdue).toBe(0);
    expect(late.completeness.overdue).toBe(late.completeness.expected - late.completeness.inReview);
    expect(late.completeness.overdue).toBeGreaterThan(0);
    expect(late).toEqual(await getClusterSummary(a, { ...OPEN, now: AFTER_DEADLINE }));
    // To the second: 23:59:59 in Vietnam on 15 December is still on time.
    const deadline = onTime.period.deadline;
    expect((await readDataVersion(a, deadline)).key).toBe((await readDataVersion(a, DURING)).key);
    expect((await readDataVersion(a, new Date(deadline.getTime() + 1))).key).not.toBe((await readDataVersion(a, DURING)).key);
  });

  it("sees an extension granted, and the extension's own deadline pass", async () => {
    const overdue = async (now: Date) => (await getCachedClusterSummary(a, { ...OPEN, now }))!.completeness.overdue;
    const before = await overdue(AFTER_DEADLINE);
    await setDeadlineExtension(a, await user(a, 'admin'), { period: '2026S2', province: '01', deadline: new Date('2026-12-25T16:59:59Z'), reason: 'Lũ lụt' }, DURING);
    expect(await overdue(AFTER_DEADLINE)).toBe(before - 1); // Hà Nội's deadline is now 25 December
    expect(await overdue(new Date('2026-12-26T00:00:00Z'))).toBe(before);
    expect((await getCachedClusterSummary(a, { ...OPEN, now: AFTER_DEADLINE }))).toEqual(await getClusterSummary(a, { ...OPEN, now: AFTER_DEADLINE }));
  });

  it('two instances: each sees the writes of the other at its next call', async () => {
    const ref = { provinceCode: '01', periodCode: '2026S2' };
    const hanoi = async (db: PrismaClient) => (await getCachedClusterSummary(db, { ...OPEN, now: DURING }))!.provinces.find((p) => p.name === 'Hà Nội')!;
    expect([(await hanoi(a)).status, (await hanoi(b)).status]).toEqual([null, null]);

    const data = emptyReportData();
    data.models.CLAN = { total: 50, registered: 40, recognised: 30 };
    const saved = await saveReportDraft(b, await user(b, 'hanoi'), { ...ref, version: 0, data }, DURING);
    expect((await hanoi(a)).status).toBe('DRAFT');

    data.models.CLAN = { total: 50, registered: 45, recognised: 30 };
    await saveReportDraft(a, await user(a, 'hanoi'), { ...ref, version: saved.version, data }, DURING);
    const fromB = (await getCachedClusterSummary(b, { ...OPEN, now: DURING }))!;
    expect(fromB).toEqual(await getClusterSummary(b, { ...OPEN, now: DURING }));
  });

  it.skipIf(!process.env.DATABASE_URL?.trim())(
    'PostgreSQL: a transaction that commits after a later one (its audit id below the newest) is seen at once',
    async () => {
      expect(onPostgres).toBe(true);
      const membership = await a.clusterMembership.findFirstOrThrow({
        where: { cluster: { code: 'CUM3' }, province: { name: 'Phú Thọ', validTo: null }, validTo: null },
        select: { id: true },
      });
      const admin = await user(a, 'admin');
      // The slow writer takes its audit id first and holds its transaction open…
      let release!: () => void;
      let written!: () => void;
      const hasWritten = new Promise<void>((r) => (written = r));
      const slow = b.$transaction(
        async (tx) => {
          await tx.clusterMembership.update({ where: { id: membership.id }, data: { validTo: new Date('2026-06-30T00:00:00Z') } });
          await writeAudit(tx, { actorId: admin.id, action: 'cluster.member.end', entityType: 'ClusterMembership', entityId: membership.id, field: 'validTo' });
          written();
          await new Promise<void>((r) => (release = r));
        },
        { timeout: 20_000 },
      );
      await hasWritten;
      // …while a quick one commits a later id; a reader caches what it sees.
      await a.$transaction((tx) => writeAudit(tx, { actorId: admin.id, action: 'test.other', entityType: 'Test', entityId: 'x' }));
      expect((await getCachedClusterSummary(a, { ...OPEN, now: DURING }))!.provinces.map((p) => p.name)).toContain('Phú Thọ');
      release();
      await slow;
      // The newest audit id is the quick writer's still, yet the slow write is seen.
      expect((await getCachedClusterSummary(a, { ...OPEN, now: DURING }))!.provinces.map((p) => p.name)).not.toContain('Phú Thọ');
    },
  );
});
