// The summary queries against figures computed by hand on a small data set built here, and against
// the seeded demo; and the number of queries per call, which must not grow with the provinces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../lib/generated/prisma/client';
import type { LearningModel, ReportStatus } from '../../lib/domain';
import type { Db } from '../../lib/platform/db';
import { getClusterSpanSummary, getClusterSummary, type ClusterSummary } from '../../lib/dashboards/cluster-summary';
import { getNationalSummary } from '../../lib/dashboards/national-summary';
import { getClusterTrend } from '../../lib/dashboards/trend';
import { getProvinceHistory } from '../../lib/dashboards/province-history';
import { periodDates } from '../../lib/reference/periods';
import { useSeededDb } from '../helpers/seeded-db';
import { createTestDb, type TestDb } from '../helpers/test-db';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const NOW = new Date('2026-11-20T03:00:00Z');

// ---------------------------------------------------------------------------
// The small data set
//
// Provinces A (91), B (92) and E (94) merge into C (91, reusing A's code) on 1 July 2025; D (93)
// is unchanged. Cluster CUMX: A, B, D until 30 June 2025, then C and D. E never belonged to the
// cluster (like Hòa Bình for Phú Thọ). Cluster CUMY has D alone, from 1 July 2025 (so D belongs to
// two clusters). Periods 2025S1, 2025S2, 2026S1.
//
// period  province status     FAMILY (total/reg/rec)  CLAN       fund open/mobilised/spent/close   awards (recipients, amount)
// 2025S1  A        APPROVED   1000/900/800            100/50/20  100 / 50+30 / 60 / 120            SCHOLARSHIP·EXCELLENT 10, 20; REWARD·LIFELONG 5, 5
// 2025S1  B        SUBMITTED  500/400/300             0/0/0      200 / 100 / 50 / 250              SCHOLARSHIP·EXCELLENT 4, 8
// 2025S1  D        DRAFT      300/300/300             —          —                                  (not counted: a draft)
// 2025S1  E        APPROVED   200/100/50              —          10 / 10 / 5 / 15                   —
// 2025S2  C        APPROVED   1800/1500/1300          100/60/30  385 / 200 / 100 / 485              SUPPORT·DISADVANTAGED 20, 40
// 2025S2  D        APPROVED   400/200/100             0/0/0      0 / 0 / 0 / 0                      —
// 2026S1  C        SUBMITTED  1810/1600/1400          —          485 / 100 / 50 / 535               —
// 2026S1  D        RETURNED   400/300/200             —          0 / 40 / 10 / 30                   (not counted: returned)

type Fig = [number, number, number];
type ReportSpec = {
  province: string;
  period: string;
  status: ReportStatus;
  models: Partial<Record<LearningModel, Fig>>;
  fund?: { opening: bigint; sources: Partial<Record<'ENTERPRISE' | 'INDIVIDUAL' | 'ORGANISATION' | 'CLAN' | 'OTHER', bigint>>; spent: bigint; closing: bigint };
  awards?: Array<{ kind: 'SCHOLARSHIP' | 'SUPPORT' | 'REWARD'; group: 'EXCELLENT_STUDENT' | 'DISADVANTAGED_STUDENT' | 'TALENTED_WORKER' | 'LIFELONG_LEARNER'; recipients: number; amount: bigint }>;
  submittedAt?: string;
};

const REPORTS: ReportSpec[] = [
  {
    province: 'A', period: '2025S1', status: 'APPROVED', submittedAt: '2025-07-10T03:00:00Z',
    models: { FAMILY: [1000, 900, 800], CLAN: [100, 50, 20] },
    fund: { opening: 100n, sources: { ENTERPRISE: 50n, INDIVIDUAL: 30n }, spent: 60n, closing: 120n },
    awards: [
      { kind: 'SCHOLARSHIP', group: 'EXCELLENT_STUDENT', recipients: 10, amount: 20n },
      { kind: 'REWARD', group: 'LIFELONG_LEARNER', recipients: 5, amount: 5n },
    ],
  },
  {
    // Late: after the 15 July deadline.
    province: 'B', period: '2025S1', status: 'SUBMITTED', submittedAt: '2025-07-20T03:00:00Z',
    models: { FAMILY: [500, 400, 300], CLAN: [0, 0, 0] },
    fund: { opening: 200n, sources: { OTHER: 100n }, spent: 50n, closing: 250n },
    awards: [{ kind: 'SCHOLARSHIP', group: 'EXCELLENT_STUDENT', recipients: 4, amount: 8n }],
  },
  { province: 'D', period: '2025S1', status: 'DRAFT', models: { FAMILY: [300, 300, 300] } },
  {
    province: 'E', period: '2025S1', status: 'APPROVED', submittedAt: '2025-07-01T03:00:00Z',
    models: { FAMILY: [200, 100, 50] },
    fund: { opening: 10n, sources: { CLAN: 10n }, spent: 5n, closing: 15n },
  },
  {
    province: 'C', period: '2025S2', status: 'APPROVED', submittedAt: '2025-12-01T03:00:00Z',
    models: { FAMILY: [1800, 1500, 1300], CLAN: [100, 60, 30] },
    fund: { opening: 385n, sources: { ENTERPRISE: 200n }, spent: 100n, closing: 485n },
    awards: [{ kind: 'SUPPORT', group: 'DISADVANTAGED_STUDENT', recipients: 20, amount: 40n }],
  },
  {
    province: 'D', period: '2025S2', status: 'APPROVED', submittedAt: '2025-12-02T03:00:00Z',
    models: { FAMILY: [400, 200, 100], CLAN: [0, 0, 0] },
    fund: { opening: 0n, sources: { INDIVIDUAL: 0n }, spent: 0n, closing: 0n },
  },
  {
    province: 'C', period: '2026S1', status: 'SUBMITTED', submittedAt: '2026-07-01T03:00:00Z',
    models: { FAMILY: [1810, 1600, 1400] },
    fund: { opening: 485n, sources: { ENTERPRISE: 100n }, spent: 50n, closing: 535n },
  },
  {
    province: 'D', period: '2026S1', status: 'RETURNED', submittedAt: '2026-07-02T03:00:00Z',
    models: { FAMILY: [400, 300, 200] },
    fund: { opening: 0n, sources: { INDIVIDUAL: 40n }, spent: 10n, closing: 30n },
  },
];

async function buildSmallDataSet(db: PrismaClient): Promise<void> {
  const old = { validFrom: day('1997-01-01'), validTo: day('2025-06-30'), successorId: 'C' };
  await db.province.create({ data: { id: 'C', code: '91', name: 'Tỉnh C', validFrom: day('2025-07-01') } });
  await db.province.createMany({
    data: [
      { id: 'A', code: '91', name: 'Tỉnh A', ...old },
      { id: 'B', code: '92', name: 'Tỉnh B', ...old },
      { id: 'E', code: '94', name: 'Tỉnh E', ...old },
      { id: 'D', code: '93', name: 'Tỉnh D', validFrom: day('1997-01-01') },
    ],
  });
  await db.cluster.createMany({
    data: [
      { id: 'X', code: 'CUMX', name: 'Cụm X' },
      { id: 'Y', code: 'CUMY', name: 'Cụm Y' },
    ],
  });
  const before = { validFrom: day('2020-01-01'), validTo: day('2025-06-30') };
  const after = { validFrom: day('2025-07-01'), validTo: null };
  await db.clusterMembership.createMany({
    data: [
      { clusterId: 'X', provinceId: 'A', ...before },
      { clusterId: 'X', provinceId: 'B', ...before },
      { clusterId: 'X', provinceId: 'D', ...before },
      { clusterId: 'X', provinceId: 'C', ...after },
      { clusterId: 'X', provinceId: 'D', ...after },
      { clusterId: 'Y', provinceId: 'D', ...after },
    ],
  });
  await db.clusterLeaderTerm.create({ data: { clusterId: 'X', provinceId: 'A', termLabel: '2021–2025', ...before } });
  await db.period.createMany({
    data: ['2025S1', '2025S2', '2026S1'].map((code) => {
      const { start, end } = periodDates(code);
      const half = Number(code.slice(5));
      const year = Number(code.slice(0, 4));
      // 15 July / 15 December, 23:59:59 in Vietnam.
      const deadline = new Date(Date.UTC(year, half === 1 ? 6 : 11, 15, 16, 59, 59));
      return { id: code, code, year, half, startDate: start, endDate: end, deadline, locked: false };
    }),
  });
  await db.nationalTarget.create({
    data: {
      decision: 'QĐ T',
      model: 'FAMILY',
      metric: 'RECOGNITION',
      subject: null,
      rateBp: 7500,
      targetYear: 2030,
      validFrom: day('2020-01-01'),
      description: '75 % gia đình học tập',
    },
  });
  for (const r of REPORTS) {
    const id = `${r.province}-${r.period}`;
    await db.report.create({
      data: {
        id,
        provinceId: r.province,
        periodId: r.period,
        status: r.status,
        submittedAt: r.submittedAt ? new Date(r.submittedAt) : null,
        fundOpening: r.fund?.opening ?? null,
        fundSpent: r.fund?.spent ?? null,
        fundClosing: r.fund?.closing ?? null,
        modelFigures: {
          create: Object.entries(r.models).map(([model, [total, registered, recognised]]) => ({ model: model as LearningModel, total, registered, recognised })),
        },
        fundMobilisations: { create: Object.entries(r.fund?.sources ?? {}).map(([source, amount]) => ({ source: source as 'OTHER', amount })) },
        awards: { create: r.awards ?? [] },
      },
    });
  }
}

let small: TestDb;
beforeAll(async () => {
  small = await createTestDb();
  await buildSmallDataSet(small.db);
});
afterAll(async () => {
  await small?.close();
});

const row = (s: { provinces: Array<{ code: string; name: string }> }, name: string) => {
  const r = s.provinces.find((p) => p.name === name);
  if (!r) throw new Error(`no row ${name}`);
  return r as ClusterSummary['provinces'][number];
};

// ---------------------------------------------------------------------------

describe('getClusterSummary on the small data set', () => {
  it('2025S1 as reported: rates per province, Σ/Σ totals, drafts not counted', async () => {
    const s = (await getClusterSummary(small.db, { clusterCode: 'CUMX', periodCode: '2025S1', now: NOW }))!;
    expect(s.cluster).toMatchObject({ code: 'CUMX', name: 'Cụm X' });
    expect(s.period).toMatchObject({ code: '2025S1', startDate: day('2025-01-01'), endDate: day('2025-06-30') });
    expect(s.previousPeriod).toBeNull(); // 2024S2 is not in the database
    expect(s.leader).toMatchObject({ code: '91', name: 'Tỉnh A', termLabel: '2021–2025' });
    expect(s.provinces.map((p) => p.name)).toEqual(['Tỉnh A', 'Tỉnh B', 'Tỉnh D']);

    const a = row(s, 'Tỉnh A');
    expect(a.models.FAMILY).toMatchObject({ total: 1000, registered: 900, recognised: 800, registrationRate: 0.9, recognitionRate: 0.8, rank: 1, changePp: null });
    expect(a.fund).toEqual({
      opening: 100n,
      mobilised: 80n,
      mobilisedBySource: { ENTERPRISE: 50n, INDIVIDUAL: 30n, ORGANISATION: null, CLAN: null, OTHER: null },
      spent: 60n,
      closing: 120n,
    });
    expect(a.awards).toMatchObject({ recipients: 15, amount: 25n });
    expect(a.awards.byKind).toMatchObject({ SCHOLARSHIP: { recipients: 10, amount: 20n }, REWARD: { recipients: 5, amount: 5n }, SUPPORT: { recipients: null, amount: null } });
    expect(a.awards.byGroup.LIFELONG_LEARNER).toEqual({ recipients: 5, amount: 5n });
    expect(a).toMatchObject({ status: 'APPROVED', onTime: true, counted: true, mergedFrom: [] });

    const b = row(s, 'Tỉnh B');
    expect(b.models.FAMILY).toMatchObject({ registrationRate: 0.8, rank: 2 });
    // A zero denominator: the rate is null, not 0 or NaN, and the province is not ranked.
    expect(b.models.CLAN).toMatchObject({ total: 0, registrationRate: null, recognitionRate: null, rank: null });
    expect(b).toMatchObject({ status: 'SUBMITTED', onTime: false, counted: true });

    const d = row(s, 'Tỉnh D');
    expect(d).toMatchObject({ status: 'DRAFT', onTime: null, counted: false });
    expect(d.models.FAMILY).toMatchObject({ total: null, registrationRate: null, rank: null });
    expect(d.fund.opening).toBeNull();

    // Σ registered / Σ total over A and B: 1300 / 1500, not the mean of 90 % and 80 %.
    expect(s.totals.models.FAMILY).toMatchObject({ total: 1500, registered: 1300, recognised: 1100, registrationRate: 1300 / 1500, recognitionRate: 1100 / 1500, provinces: 2 });
    expect(s.totals.models.CLAN).toMatchObject({ total: 100, registered: 50, registrationRate: 0.5, provinces: 2 });
    expect(s.totals.models.UNIT).toMatchObject({ total: 0, registrationRate: null, provinces: 0 });
    expect(s.totals.fund).toMatchObject({ opening: 300n, mobilised: 180n, spent: 110n, closing: 370n });
    expect(s.totals.awards).toMatchObject({ recipients: 19, amount: 33n });
    expect(s.totals.provincesCounted).toBe(2);
    expect(s.completeness).toMatchObject({ expected: 3, notStarted: 0, draft: 1, submitted: 1, approved: 1, onTime: 1, late: 1, overdue: 1 });
  });

  it('approvedOnly leaves out the submitted report', async () => {
    const s = (await getClusterSummary(small.db, { clusterCode: 'CUMX', periodCode: '2025S1', approvedOnly: true, now: NOW }))!;
    expect(s.totals.models.FAMILY).toMatchObject({ total: 1000, registered: 900, provinces: 1 });
    expect(row(s, 'Tỉnh B')).toMatchObject({ status: 'SUBMITTED', counted: false });
    expect(row(s, 'Tỉnh B').models.FAMILY.registrationRate).toBeNull();
    expect(s.rules).toContain('Chỉ tính báo cáo đã duyệt.');
  });

  it("2025S1 by today's provinces: A, B and E added into C, rates recomputed from the sums", async () => {
    const s = (await getClusterSummary(small.db, { clusterCode: 'CUMX', periodCode: '2025S1', view: 'current', now: NOW }))!;
    expect(s.provinces.map((p) => p.name)).toEqual(['Tỉnh C', 'Tỉnh D']);
    const c = row(s, 'Tỉnh C');
    expect(c.code).toBe('91');
    // 1000 + 500 + 200 households, 900 + 400 + 100 registered.
    expect(c.models.FAMILY).toMatchObject({ total: 1700, registered: 1400, recognised: 1150, registrationRate: 1400 / 1700 });
    expect(c.fund).toMatchObject({ opening: 310n, mobilised: 190n, spent: 115n, closing: 385n });
    expect(c.mergedFrom.map((p) => [p.name, p.status, p.counted])).toEqual([
      ['Tỉnh A', 'APPROVED', true],
      ['Tỉnh B', 'SUBMITTED', true],
      ['Tỉnh E', 'APPROVED', true],
    ]);
    expect(c.status).toBe('SUBMITTED'); // the least advanced part
    expect(c.complete).toBe(true);
    expect(s.totals.models.FAMILY).toMatchObject({ total: 1700, registered: 1400 });
    // Completeness is still that of the provinces that had to report: A, B, D.
    expect(s.completeness.expected).toBe(3);
    expect(s.rules.join(' ')).toMatch(/cộng vào tỉnh kế thừa/);
  });

  it('2025S2: change since 2025S1 in points against the predecessors added up', async () => {
    const s = (await getClusterSummary(small.db, { clusterCode: 'CUMX', periodCode: '2025S2', now: NOW }))!;
    expect(s.previousPeriod).toBe('2025S1');
    expect(s.leader).toBeNull();
    const c = row(s, 'Tỉnh C');
    expect(c.models.FAMILY).toMatchObject({ registrationRate: 1500 / 1800, previousRegistrationRate: 1400 / 1700, rank: 1 });
    expect(c.models.FAMILY.changePp).toBeCloseTo((1500 / 1800 - 1400 / 1700) * 100, 7);
    expect(c.previousComplete).toBe(true);
    expect(c.mergedFrom).toEqual([]);
    const d = row(s, 'Tỉnh D');
    expect(d.models.FAMILY).toMatchObject({ registrationRate: 0.5, previousRegistrationRate: null, changePp: null, rank: 2 });
    expect(d.previousComplete).toBe(false); // its 2025S1 report was a draft
    expect(d.models.CLAN).toMatchObject({ total: 0, registrationRate: null, rank: null });
    expect(d.fund).toMatchObject({ opening: 0n, mobilised: 0n, spent: 0n, closing: 0n });
    expect(s.totals.models.FAMILY).toMatchObject({ total: 2200, registered: 1700, recognised: 1400 });
    // The cluster's previous Σ/Σ is that of the cluster as it was in 2025S1 (A and B counted),
    // the figure the 2025S1 dashboard showed; E was never a member.
    expect(s.totals.models.FAMILY.previousRegistrationRate).toBe(1300 / 1500);
    expect(row(s, 'Tỉnh C').complete).toBe(true);
  });

  it('targets in force with progress for every province and the cluster', async () => {
    const s = (await getClusterSummary(small.db, { clusterCode: 'CUMX', periodCode: '2025S2', now: NOW }))!;
    expect(s.targets).toHaveLength(1);
    // Cluster: 1400 / 2200 = 63.64 % recognised against 75 %.
    expect(s.targets[0]).toMatchObject({ targetRate: 0.75, rate: 1400 / 2200, status: 'BEHIND', provinces: { ON_TRACK: 0, BEHIND: 2, NO_DATA: 0 } });
    expect(s.targets[0].gap).toBeCloseTo((1400 / 2200 - 0.75) * 100, 7);
    expect(row(s, 'Tỉnh C').targets[0]).toMatchObject({ rate: 1300 / 1800, status: 'BEHIND' });
    const s26 = (await getClusterSummary(small.db, { clusterCode: 'CUMX', periodCode: '2026S1', now: NOW }))!;
    expect(row(s26, 'Tỉnh C').targets[0]).toMatchObject({ rate: 1400 / 1810, status: 'ON_TRACK' });
    expect(row(s26, 'Tỉnh D').targets[0]).toMatchObject({ status: 'NO_DATA' }); // returned: not counted
    expect(s26.targets[0].provinces).toEqual({ ON_TRACK: 1, BEHIND: 0, NO_DATA: 1 });
  });

  it('is null for an unknown cluster or period', async () => {
    expect(await getClusterSummary(small.db, { clusterCode: 'NOPE', periodCode: '2025S1' })).toBeNull();
    expect(await getClusterSummary(small.db, { clusterCode: 'CUMX', periodCode: '2030S1' })).toBeNull();
    expect(await getClusterSummary(small.db, { clusterCode: 'CUMX', periodCode: 'garbage' })).toBeNull();
  });
});

describe('getClusterSpanSummary on the small data set', () => {
  it('the year 2025: stocks from 2025S2, opening from 2025S1, flows summed, predecessors rolled in', async () => {
    const y = (await getClusterSpanSummary(small.db, { clusterCode: 'CUMX', from: '2025S1', to: '2025S2', now: NOW }))!;
    expect(y.span).toEqual({ from: '2025S1', to: '2025S2', label: 'Năm 2025', periods: ['2025S1', '2025S2'] });
    expect(y.previousSpan).toEqual({ from: '2024S1', to: '2024S2' });
    expect(y.provinces.map((p) => p.name)).toEqual(['Tỉnh C', 'Tỉnh D']);

    const c = y.provinces.find((p) => p.name === 'Tỉnh C')!;
    expect(c.periods).toEqual(['2025S1', '2025S2']);
    expect(c.stocksAsOf).toBe('2025S2');
    expect(c.models.FAMILY).toMatchObject({ total: 1800, registered: 1500, recognised: 1300, changePp: null });
    // Opening of the earliest reports (A + B + E), closing of the latest (C); flows of both halves.
    expect(c.fund).toMatchObject({ opening: 310n, mobilised: 390n, spent: 215n, closing: 485n });
    expect(c.fund.opening! + c.fund.mobilised! - c.fund.spent!).toBe(c.fund.closing);
    expect(c.fund.mobilisedBySource).toEqual({ ENTERPRISE: 250n, INDIVIDUAL: 30n, ORGANISATION: null, CLAN: 10n, OTHER: 100n });
    expect(c.awards).toMatchObject({ recipients: 39, amount: 73n });
    expect(c.awards.byKind.SCHOLARSHIP).toEqual({ recipients: 14, amount: 28n });
    expect(c.reports.map((r) => `${r.periodCode} ${r.name} ${r.status}`)).toEqual([
      '2025S1 Tỉnh A APPROVED',
      '2025S1 Tỉnh B SUBMITTED',
      '2025S1 Tỉnh E APPROVED',
      '2025S2 Tỉnh C APPROVED',
    ]);

    const d = y.provinces.find((p) => p.name === 'Tỉnh D')!;
    expect(d.periods).toEqual(['2025S2']); // the 2025S1 draft does not count
    expect(d.fund).toMatchObject({ opening: 0n, mobilised: 0n, spent: 0n, closing: 0n });

    expect(y.totals.models.FAMILY).toMatchObject({ total: 2200, registered: 1700, recognised: 1400, provinces: 2 });
    expect(y.totals.fund).toMatchObject({ opening: 310n, mobilised: 390n, spent: 215n, closing: 485n });
    expect(y.completeness.map((c) => [c.periodCode, c.expected, c.approved])).toEqual([
      ['2025S1', 3, 1],
      ['2025S2', 2, 2],
    ]);
    expect(y.rules.join(' ')).toMatch(/cả năm lấy số của báo cáo mới nhất/);
  });

  it('change against the previous span of the same length', async () => {
    const y = (await getClusterSpanSummary(small.db, { clusterCode: 'CUMX', from: '2025S2', to: '2026S1', now: NOW }))!;
    expect(y.previousSpan).toEqual({ from: '2024S2', to: '2025S1' });
    const c = y.provinces.find((p) => p.name === 'Tỉnh C')!;
    expect(c.stocksAsOf).toBe('2026S1');
    expect(c.models.FAMILY).toMatchObject({ total: 1810, registered: 1600, previousRegistrationRate: 1400 / 1700 });
    expect(c.models.FAMILY.changePp).toBeCloseTo((1600 / 1810 - 1400 / 1700) * 100, 7);
    expect(c.fund).toMatchObject({ opening: 385n, mobilised: 300n, spent: 150n, closing: 535n });
    // D's 2026S1 report was returned: its stocks are still those of 2025S2.
    const d = y.provinces.find((p) => p.name === 'Tỉnh D')!;
    expect(d.stocksAsOf).toBe('2025S2');
    expect(d.models.FAMILY).toMatchObject({ total: 400, registered: 200 });
  });

  it('is null for an unknown cluster, an empty span, or a span with no period in the database', async () => {
    expect(await getClusterSpanSummary(small.db, { clusterCode: 'NOPE', from: '2025S1', to: '2025S2' })).toBeNull();
    expect(await getClusterSpanSummary(small.db, { clusterCode: 'CUMX', from: '2025S2', to: '2025S1' })).toBeNull();
    expect(await getClusterSpanSummary(small.db, { clusterCode: 'CUMX', from: '2030S1', to: '2030S2' })).toBeNull();
  });
});

describe('getNationalSummary on the small data set', () => {
  it('clusters side by side, summed by the database, and the nation counting D once', async () => {
    const n = (await getNationalSummary(small.db, { periodCode: '2025S2', now: NOW }))!;
    expect(n.clusters.map((c) => [c.cluster.code, c.provinces])).toEqual([
      ['CUMX', 2],
      ['CUMY', 1],
    ]);
    const [x, y] = n.clusters;
    expect(x.models.FAMILY).toMatchObject({ total: 2200, registered: 1700, recognised: 1400, provinces: 2, rank: 1 });
    expect(x.models.FAMILY.previousRegistrationRate).toBe(1300 / 1500); // members A, B, D in 2025S1 (not E)
    expect(y.models.FAMILY).toMatchObject({ total: 400, registered: 200, registrationRate: 0.5, provinces: 1, rank: 2 });
    expect(y.models.CLAN).toMatchObject({ total: 0, registrationRate: null, rank: null, provinces: 1 });
    expect(x.fund).toMatchObject({ opening: 385n, mobilised: 200n, spent: 100n, closing: 485n });
    expect(x.awards).toMatchObject({ recipients: 20, amount: 40n });
    expect(x.completeness).toMatchObject({ expected: 2, approved: 2 });
    expect(n.totals.models.FAMILY).toMatchObject({ total: 2200, registered: 1700, provinces: 2 });
    expect(n.totals).toMatchObject({ provinces: 2, provincesCounted: 2 });
    expect(n.totals.completeness.expected).toBe(2);
  });

  it('agrees with the cluster summary (database Σ and JavaScript Σ are the same numbers)', async () => {
    for (const periodCode of ['2025S1', '2025S2', '2026S1']) {
      const n = (await getNationalSummary(small.db, { periodCode, now: NOW }))!;
      const s = (await getClusterSummary(small.db, { clusterCode: 'CUMX', periodCode, now: NOW }))!;
      const x = n.clusters.find((c) => c.cluster.code === 'CUMX')!;
      const { rank: _r, recognitionRank: _rr, ...models } = x.models.FAMILY;
      expect(models).toEqual(s.totals.models.FAMILY);
      expect(x.fund).toEqual(s.totals.fund);
      expect(x.awards).toEqual(s.totals.awards);
    }
  });

  it('is null for an unknown period', async () => {
    expect(await getNationalSummary(small.db, { periodCode: '2030S1' })).toBeNull();
  });
});

describe('getClusterTrend on the small data set', () => {
  it('per period, the Σ/Σ of the members of that period', async () => {
    const t = (await getClusterTrend(small.db, { clusterCode: 'CUMX' }))!;
    expect(t.points.map((p) => [p.periodCode, p.provincesExpected, p.models.FAMILY.total, p.models.FAMILY.registered, p.models.FAMILY.provinces])).toEqual([
      ['2025S1', 3, 1500, 1300, 2],
      ['2025S2', 2, 2200, 1700, 2],
      ['2026S1', 2, 1810, 1600, 1], // D's returned report does not count
    ]);
    expect(t.points[1].models.FAMILY.changePp).toBeCloseTo((1700 / 2200 - 1300 / 1500) * 100, 7);
    expect(t.points.map((p) => [p.fund.mobilised, p.fund.spent, p.awards.amount])).toEqual([
      [180n, 110n, 33n],
      [200n, 100n, 40n],
      [100n, 50n, null],
    ]);
  });

  it('bounds the range', async () => {
    const t = (await getClusterTrend(small.db, { clusterCode: 'CUMX', fromPeriod: '2025S2', toPeriod: '2025S2' }))!;
    expect(t.points.map((p) => p.periodCode)).toEqual(['2025S2']);
    expect(await getClusterTrend(small.db, { clusterCode: 'NOPE' })).toBeNull();
  });
});

describe('getProvinceHistory on the small data set', () => {
  it("today's 91 (C) with its predecessors A, B, E labelled and added up before the merger", async () => {
    const h = (await getProvinceHistory(small.db, { provinceCode: '91', asOf: day('2026-01-01') }))!;
    expect(h.province).toMatchObject({ id: 'C', name: 'Tỉnh C' });
    expect(h.predecessors.map((p) => p.name).sort()).toEqual(['Tỉnh A', 'Tỉnh B', 'Tỉnh E']);
    expect(h.periods.map((p) => p.periodCode)).toEqual(['2025S1', '2025S2', '2026S1']);
    const [s1, s2, s3] = h.periods;
    expect(s1.parts.map((p) => [p.label, p.own, p.status])).toEqual([
      ['Tỉnh A (đến 30/06/2025)', false, 'APPROVED'],
      ['Tỉnh B (đến 30/06/2025)', false, 'SUBMITTED'],
      ['Tỉnh E (đến 30/06/2025)', false, 'APPROVED'],
    ]);
    expect(s1.parts[0].models.FAMILY).toMatchObject({ total: 1000, registrationRate: 0.9 });
    expect(s1.models.FAMILY).toMatchObject({ total: 1700, registered: 1400, changePp: null });
    expect(s2.parts.map((p) => [p.label, p.own])).toEqual([['Tỉnh C', true]]);
    expect(s2.models.FAMILY.changePp).toBeCloseTo((1500 / 1800 - 1400 / 1700) * 100, 7);
    expect(s2.previousComplete).toBe(true);
    expect(s3.models.FAMILY).toMatchObject({ total: 1810, registered: 1600 });
  });

  it('91 before the merger is A alone', async () => {
    const h = (await getProvinceHistory(small.db, { provinceCode: '91', asOf: day('2024-01-01') }))!;
    expect(h.province.id).toBe('A');
    expect(h.predecessors).toEqual([]);
    expect(h.periods.map((p) => [p.periodCode, p.models.FAMILY.total])).toEqual([['2025S1', 1000]]);
    expect(await getProvinceHistory(small.db, { provinceCode: '99' })).toBeNull();
  });
});

// ---------------------------------------------------------------------------
// The seeded demo

/** The same client, counting every query it sends (model operations and raw SQL alike). */
function counting(db: PrismaClient): { db: Db; count: () => number; reset: () => void } {
  let n = 0;
  const extended = db.$extends({
    query: {
      async $allOperations({ args, query }) {
        n++;
        return query(args);
      },
    },
  });
  return { db: extended as unknown as Db, count: () => n, reset: () => (n = 0) };
}

describe('on the seeded demo', () => {
  const ctx = useSeededDb();

  it("gives the article's 2022S1 rates: Vĩnh Phúc exactly 0.9981, Thái Bình 0.94, Bắc Ninh 0.92", async () => {
    const s = (await getClusterSummary(ctx.db, { clusterCode: 'CUM3', periodCode: '2022S1', now: NOW }))!;
    expect(s.provinces).toHaveLength(8);
    const byCode = new Map(s.provinces.map((p) => [p.code, p]));
    expect(byCode.get('26')!.models.FAMILY.registrationRate).toBe(0.9981);
    expect(byCode.get('34')!.models.FAMILY.registrationRate).toBe(0.94);
    expect(byCode.get('27')!.models.FAMILY.registrationRate).toBe(0.92);
    expect(byCode.get('26')!.models.FAMILY.rank).toBe(1);
    expect(s.completeness).toMatchObject({ expected: 8, approved: 8, onTime: 8 });
    const family = s.provinces.map((p) => p.models.FAMILY);
    expect(s.totals.models.FAMILY.registered).toBe(family.reduce((a, f) => a + f.registered!, 0));
    expect(s.totals.models.FAMILY.total).toBe(family.reduce((a, f) => a + f.total!, 0));
  });

  it('a demo year: 2025 by the five successor provinces; a complete row balances its fund over the year', async () => {
    const y = (await getClusterSpanSummary(ctx.db, { clusterCode: 'CUM3', from: '2025S1', to: '2025S2', now: NOW }))!;
    expect(y.provinces.map((p) => p.name)).toEqual(['Bắc Ninh', 'Hà Nội', 'Hưng Yên', 'Ninh Bình', 'Phú Thọ']);
    // Bắc Giang, Hòa Bình and the old Phú Thọ (outside the cluster) have no demo reports, so the
    // 2025 figures of Bắc Ninh and Phú Thọ are partial, and say so.
    expect(y.provinces.map((p) => [p.name, p.complete])).toEqual([
      ['Bắc Ninh', false],
      ['Hà Nội', true],
      ['Hưng Yên', true],
      ['Ninh Bình', true],
      ['Phú Thọ', false],
    ]);
    for (const p of y.provinces) {
      expect(p.periods).toEqual(['2025S1', '2025S2']);
      if (p.complete) expect(p.fund.opening! + p.fund.mobilised! - p.fund.spent!).toBe(p.fund.closing);
    }
    const hy = y.provinces.find((p) => p.name === 'Hưng Yên')!;
    expect(hy.reports.map((r) => `${r.periodCode} ${r.name}`)).toEqual(['2025S1 Hưng Yên', '2025S1 Thái Bình', '2025S2 Hưng Yên']);
  });

  it('history of Phú Thọ labels Vĩnh Phúc as a predecessor', async () => {
    const h = (await getProvinceHistory(ctx.db, { provinceCode: '25', asOf: NOW }))!;
    expect(h.province.name).toBe('Phú Thọ');
    const p2022 = h.periods.find((p) => p.periodCode === '2022S1')!;
    expect(p2022.parts.filter((p) => p.counted).map((p) => p.label)).toEqual(['Vĩnh Phúc (đến 30/06/2025)']);
    expect(p2022.models.FAMILY.registrationRate).toBe(0.9981);
    expect(p2022.previousComplete).toBe(false); // Hòa Bình and the old Phú Thọ did not report 2021S2
  });

  describe('queries per call do not grow with the provinces', () => {
    beforeAll(async () => {
      // A cluster of three of the same provinces, beside Cluster III's eight.
      await ctx.db.cluster.create({ data: { id: 'cum-t', code: 'CUMT', name: 'Cụm thử' } });
      const ids = (await ctx.db.province.findMany({ where: { code: { in: ['01', '26', '27'] }, validFrom: day('2008-08-01') }, select: { id: true } })).map((p) => p.id);
      await ctx.db.clusterMembership.createMany({ data: ids.map((provinceId) => ({ clusterId: 'cum-t', provinceId, validFrom: day('2021-01-01'), validTo: day('2025-06-30') })) });
    });

    async function queriesOf(call: (db: Db) => Promise<unknown>): Promise<number> {
      const c = counting(ctx.db);
      const result = await call(c.db);
      expect(result).not.toBeNull();
      return c.count();
    }

    it('getClusterSummary: the same for a cluster of 3 and of 8, in either view', async () => {
      const three = (await getClusterSummary(ctx.db, { clusterCode: 'CUMT', periodCode: '2022S1' }))!;
      expect(three.provinces).toHaveLength(3);
      for (const view of ['reported', 'current'] as const) {
        const q3 = await queriesOf((db) => getClusterSummary(db, { clusterCode: 'CUMT', periodCode: '2022S1', view }));
        const q8 = await queriesOf((db) => getClusterSummary(db, { clusterCode: 'CUM3', periodCode: '2022S1', view }));
        expect(q3).toBe(q8);
        expect(q8).toBe(8);
      }
    });

    it('outside a page render nothing is memoised: a second call reads again, and sees what was written in between', async () => {
      const c = counting(ctx.db);
      const first = (await getClusterTrend(c.db, { clusterCode: 'CUMT' }))!;
      await ctx.db.cluster.update({ where: { code: 'CUMT' }, data: { name: 'Cụm thử (đổi tên)' } });
      const second = (await getClusterTrend(c.db, { clusterCode: 'CUMT' }))!;
      expect(c.count()).toBe(8); // 4 + 4
      expect([first.cluster.name, second.cluster.name]).toEqual(['Cụm thử', 'Cụm thử (đổi tên)']);
      await ctx.db.cluster.update({ where: { code: 'CUMT' }, data: { name: 'Cụm thử' } });
    });

    it('the span, the trend, the national view and the history too', async () => {
      const span = (code: string) => (db: Db) => getClusterSpanSummary(db, { clusterCode: code, from: '2022S1', to: '2022S2' });
      expect(await queriesOf(span('CUMT'))).toBe(await queriesOf(span('CUM3')));
      const trend = (code: string) => (db: Db) => getClusterTrend(db, { clusterCode: code });
      expect(await queriesOf(trend('CUMT'))).toBe(await queriesOf(trend('CUM3')));
      expect(await queriesOf(trend('CUM3'))).toBe(4);
      expect(await queriesOf((db) => getNationalSummary(db, { periodCode: '2022S1' }))).toBe(6);
      const history = (code: string) => (db: Db) => getProvinceHistory(db, { provinceCode: code, asOf: NOW });
      expect(await queriesOf(history('01'))).toBe(await queriesOf(history('37'))); // one province vs four merged
    });
  });
});
