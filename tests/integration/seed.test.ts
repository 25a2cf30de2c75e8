// The demo seed, checked against a freshly migrated database: the article's figures come back
// exactly, every report is internally consistent, the calendar and the 2025 mergers are as
// documented, the demo accounts can log in, and a second run changes nothing.
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { PrismaClient } from '../../lib/generated/prisma/client';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../prisma/demo-data';
import { isDatabaseEmpty, seedDemo } from '../../prisma/seed';
import { createTestDb } from '../helpers/test-db';

let testDb: Awaited<ReturnType<typeof createTestDb>>;
let db: PrismaClient;
let emptyBefore: boolean;
let firstRun: { created: boolean };

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

beforeAll(async () => {
  testDb = await createTestDb();
  db = testDb.db;
  emptyBefore = await isDatabaseEmpty(db);
  const started = performance.now();
  firstRun = await seedDemo(db, { bcryptRounds: 4 });
  console.info(`seedDemo on ${testDb.kind}: ${Math.round(performance.now() - started)} ms`);
});

afterAll(async () => {
  await testDb?.close();
});

/** Row counts of every table the seed writes. */
async function counts() {
  const [provinces, clusters, memberships, leaderTerms, periods, reports, models, funds, awards, events, targets, users, audit] =
    await Promise.all([
      db.province.count(),
      db.cluster.count(),
      db.clusterMembership.count(),
      db.clusterLeaderTerm.count(),
      db.period.count(),
      db.report.count(),
      db.modelFigure.count(),
      db.fundMobilisation.count(),
      db.awardFigure.count(),
      db.reportStatusEvent.count(),
      db.nationalTarget.count(),
      db.user.count(),
      db.auditLog.count(),
    ]);
  return { provinces, clusters, memberships, leaderTerms, periods, reports, models, funds, awards, events, targets, users, audit };
}

/** Province ids in CUM3 on a given day, from the dated membership rows. */
async function membersOn(date: Date): Promise<string[]> {
  const rows = await db.clusterMembership.findMany({
    where: { cluster: { code: 'CUM3' }, validFrom: { lte: date }, OR: [{ validTo: null }, { validTo: { gte: date } }] },
    select: { provinceId: true },
  });
  return rows.map((r) => r.provinceId).sort();
}

describe('seedDemo', () => {
  it('seeds an empty database and says so', async () => {
    expect(emptyBefore).toBe(true);
    expect(firstRun).toEqual({ created: true });
    expect(await isDatabaseEmpty(db)).toBe(false);
    const audit = await db.auditLog.findMany({ where: { action: 'seed.demo' } });
    expect(audit).toHaveLength(1);
  });

  it('gives the article’s 2022S1 family registration rates exactly', async () => {
    const figures = await db.modelFigure.findMany({
      where: { model: 'FAMILY', report: { period: { code: '2022S1' }, province: { code: { in: ['26', '34', '27'] } } } },
      select: { total: true, registered: true, report: { select: { province: { select: { code: true, name: true } } } } },
    });
    const rate = Object.fromEntries(figures.map((f) => [f.report.province.code, f.registered! / f.total!]));
    expect(rate).toEqual({ '26': 0.9981, '34': 0.94, '27': 0.92 });
    // The same, in integers: registered × 10000 = total × basis points.
    const bp: Record<string, number> = { '26': 9981, '34': 9400, '27': 9200 };
    for (const f of figures) expect(f.registered! * 10_000).toBe(f.total! * bp[f.report.province.code]);
    expect(figures.map((f) => f.report.province.name).sort()).toEqual(['Bắc Ninh', 'Thái Bình', 'Vĩnh Phúc']);
  });

  it('fills every section of every report with consistent figures', async () => {
    const reports = await db.report.findMany({
      include: { modelFigures: true, fundMobilisations: true, awards: true, statusEvents: true, period: true },
    });
    expect(reports.length).toBeGreaterThan(0);
    for (const r of reports) {
      expect(r.modelFigures).toHaveLength(5);
      expect(r.fundMobilisations).toHaveLength(5);
      expect(r.awards).toHaveLength(12);
      for (const f of r.modelFigures) {
        expect(f.total).toBeGreaterThan(0);
        expect(f.recognised!).toBeLessThanOrEqual(f.registered!);
        expect(f.registered!).toBeLessThanOrEqual(f.total!);
      }
      for (const a of r.awards) {
        expect(a.recipients).toBeGreaterThan(0);
        const perRecipient = Number(a.amount) / a.recipients!;
        expect(perRecipient).toBeGreaterThanOrEqual(300_000);
        expect(perRecipient).toBeLessThanOrEqual(5_000_000);
      }
      expect(r.members).toBeGreaterThan(0);
      expect(r.learningCentres).toBeGreaterThan(0);
      expect(r.narrativeResults?.length).toBeGreaterThan(20);
      expect(r.narrativeLimitations?.length).toBeGreaterThan(20);
      expect(r.narrativePlan?.length).toBeGreaterThan(20);
      expect(r.status).toBe('APPROVED');
      expect(r.version).toBe(1);
      expect(r.submittedAt!.getTime()).toBeLessThanOrEqual(r.period.deadline.getTime());
      expect(r.approvedAt!.getTime()).toBeGreaterThan(r.submittedAt!.getTime());
      expect(r.statusEvents.map((e) => e.toStatus).sort()).toEqual(['APPROVED', 'SUBMITTED']);
    }
  });

  it('balances every fund exactly and carries each closing balance to the next opening', async () => {
    const reports = await db.report.findMany({
      select: {
        provinceId: true,
        fundOpening: true,
        fundSpent: true,
        fundClosing: true,
        fundMobilisations: { select: { amount: true } },
        awards: { select: { amount: true } },
        period: { select: { year: true, half: true } },
      },
      orderBy: [{ provinceId: 'asc' }, { period: { year: 'asc' } }, { period: { half: 'asc' } }],
    });
    for (const r of reports) {
      const mobilised = r.fundMobilisations.reduce((a, m) => a + m.amount!, 0n);
      expect(r.fundOpening! + mobilised - r.fundSpent!).toBe(r.fundClosing!);
      expect(r.fundClosing!).toBeGreaterThanOrEqual(0n);
      // Awards are paid from the fund.
      expect(r.awards.reduce((a, x) => a + x.amount!, 0n)).toBeLessThanOrEqual(r.fundSpent!);
    }
    let carried = 0;
    for (let i = 1; i < reports.length; i++) {
      if (reports[i].provinceId !== reports[i - 1].provinceId) continue;
      expect(reports[i].fundOpening).toBe(reports[i - 1].fundClosing);
      carried++;
    }
    // Every report but each province's first (8 old provinces, Hà Nội included, and 4 merged ones).
    expect(carried).toBe(reports.length - 12);
  });

  it('keeps 2026S2 open with its deadline on 15 December 2026 in Vietnam and no reports', async () => {
    const periods = await db.period.findMany({ orderBy: [{ year: 'asc' }, { half: 'asc' }], include: { _count: { select: { reports: true } } } });
    expect(periods.map((p) => p.code)).toEqual([
      '2021S1', '2021S2', '2022S1', '2022S2', '2023S1', '2023S2',
      '2024S1', '2024S2', '2025S1', '2025S2', '2026S1', '2026S2',
    ]);
    const current = periods.at(-1)!;
    expect(current.locked).toBe(false);
    expect(current._count.reports).toBe(0);
    expect(current.deadline.toISOString()).toBe('2026-12-15T16:59:59.000Z');
    const inVietnam = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    }).format(current.deadline);
    expect(inVietnam).toBe('2026-12-15, 23:59:59');
    expect(isoDay(current.startDate)).toBe('2026-07-01');
    expect(isoDay(current.endDate)).toBe('2026-12-31');
    for (const p of periods.slice(0, -1)) expect(p.locked).toBe(true);
    const s1 = periods.find((p) => p.code === '2022S1')!;
    expect(s1.deadline.toISOString()).toBe('2022-07-15T16:59:59.000Z');
  });

  it('has an approved report from every member province for every earlier period', async () => {
    const periods = await db.period.findMany({
      where: { code: { not: '2026S2' } },
      include: { reports: { select: { provinceId: true, status: true } } },
    });
    expect(periods).toHaveLength(11);
    for (const p of periods) {
      const members = await membersOn(p.startDate);
      expect(members).toHaveLength(p.startDate < day('2025-07-01') ? 8 : 5);
      expect(p.reports.map((r) => r.provinceId).sort()).toEqual(members);
      expect(p.reports.every((r) => r.status === 'APPROVED')).toBe(true);
    }
  });

  it('records the 2025 mergers as dated rows with successor links', async () => {
    const provinces = await db.province.findMany({ include: { successor: true } });
    const key = (p: { code: string; validFrom: Date }) => `${p.code}@${isoDay(p.validFrom)}`;
    const successorOf = Object.fromEntries(provinces.map((p) => [key(p), p.successor ? key(p.successor) : null]));
    expect(successorOf).toEqual({
      '01@2008-08-01': null,
      '26@2008-08-01': '25@2025-07-01',
      '17@2008-08-01': '25@2025-07-01',
      '25@2008-08-01': '25@2025-07-01',
      '27@2008-08-01': '24@2025-07-01',
      '24@2008-08-01': '24@2025-07-01',
      '33@2008-08-01': '33@2025-07-01',
      '34@2008-08-01': '33@2025-07-01',
      '37@2008-08-01': '37@2025-07-01',
      '35@2008-08-01': '37@2025-07-01',
      '36@2008-08-01': '37@2025-07-01',
      '25@2025-07-01': null,
      '24@2025-07-01': null,
      '33@2025-07-01': null,
      '37@2025-07-01': null,
    });
    for (const p of provinces) {
      const stillInForce = p.code === '01' || isoDay(p.validFrom) === '2025-07-01';
      expect(p.validTo === null ? null : isoDay(p.validTo)).toBe(stillInForce ? null : '2025-06-30');
    }
    const names = Object.fromEntries(provinces.map((p) => [key(p), p.name]));
    expect(names['01@2008-08-01']).toBe('Hà Nội');
    expect(names['26@2008-08-01']).toBe('Vĩnh Phúc');
    expect(names['34@2008-08-01']).toBe('Thái Bình');
    expect(names['17@2008-08-01']).toBe('Hòa Bình');

    const byId = new Map(provinces.map((p) => [p.id, key(p)]));
    const codesOn = async (iso: string) => (await membersOn(day(iso))).map((id) => byId.get(id)).sort();
    expect(await codesOn('2021-01-01')).toEqual(
      ['01', '26', '27', '33', '34', '35', '36', '37'].map((c) => `${c}@2008-08-01`).sort(),
    );
    expect(await codesOn('2025-06-30')).toEqual(await codesOn('2021-01-01'));
    expect(await codesOn('2025-07-01')).toEqual(
      ['01@2008-08-01', '24@2025-07-01', '25@2025-07-01', '33@2025-07-01', '37@2025-07-01'],
    );
    expect(await codesOn('2020-12-31')).toEqual([]);

    const cluster = await db.cluster.findUniqueOrThrow({ where: { code: 'CUM3' }, include: { leaderTerms: { orderBy: { validFrom: 'asc' } } } });
    expect(cluster.name).toBe('Cụm III – Đồng bằng sông Hồng');
    expect(cluster.note).toMatch(/2025S2/);
    expect(
      cluster.leaderTerms.map((t) => [byId.get(t.provinceId), t.termLabel, isoDay(t.validFrom), t.validTo && isoDay(t.validTo)]),
    ).toEqual([
      ['34@2008-08-01', '2021–2026', '2021-01-01', '2025-06-30'],
      ['33@2025-07-01', '2021–2026 (kế thừa Thái Bình)', '2025-07-01', '2026-12-31'],
    ]);
  });

  it('rolls the merged provinces’ first figures up from their predecessors', async () => {
    // Ninh Bình (from 1/7/2025) = Ninh Bình + Hà Nam + Nam Định: its 2025S2 fund opens with their 2025S1 balances.
    const [merged, old] = await Promise.all([
      db.report.findFirstOrThrow({ where: { period: { code: '2025S2' }, province: { code: '37', validFrom: day('2025-07-01') } } }),
      db.report.findMany({ where: { period: { code: '2025S1' }, province: { code: { in: ['37', '35', '36'] }, validFrom: day('2008-08-01') } } }),
    ]);
    expect(old).toHaveLength(3);
    expect(merged.fundOpening).toBe(old.reduce((a, r) => a + r.fundClosing!, 0n));
  });

  it('creates the twelve demo accounts with their roles, scopes and the demo password', async () => {
    const users = await db.user.findMany({ include: { province: true, cluster: true } });
    expect(users).toHaveLength(12);
    expect(DEMO_ACCOUNTS).toHaveLength(12);
    for (const account of DEMO_ACCOUNTS) {
      const user = users.find((u) => u.email === account.email);
      expect(user, account.email).toBeDefined();
      expect(user!.role).toBe(account.role);
      expect(user!.name).toBe(account.name);
      expect(user!.active).toBe(true);
      if (account.role === 'PROVINCE_STAFF') {
        expect(user!.province?.code).toBe(account.scopeCode);
        expect(isoDay(user!.province!.validFrom)).toBe(account.scopeValidFrom);
        expect(user!.clusterId).toBeNull();
      } else if (account.role === 'CLUSTER_LEADER') {
        expect(user!.cluster?.code).toBe('CUM3');
        expect(user!.provinceId).toBeNull();
      } else {
        expect(user!.provinceId).toBeNull();
        expect(user!.clusterId).toBeNull();
      }
      expect(await bcrypt.compare(DEMO_PASSWORD, user!.passwordHash)).toBe(true);
    }
    expect(await bcrypt.compare('khuyenhoc@2022', users[0].passwordHash)).toBe(false);
    // Staff of a merged province keep their old province; staff of a current one get the new row.
    const scope = (login: string) => {
      const p = users.find((u) => u.email === `${login}@demo.khuyenhoc.vn`)!.province!;
      return `${p.code}@${isoDay(p.validFrom)}${p.validTo ? `..${isoDay(p.validTo)}` : ''}`;
    };
    expect(scope('hanoi')).toBe('01@2008-08-01');
    expect(scope('bacninh')).toBe('24@2025-07-01');
    expect(scope('thaibinh')).toBe('34@2008-08-01..2025-06-30');
  });

  it('stores the national targets as dated data in basis points', async () => {
    const targets = await db.nationalTarget.findMany();
    const rate = (decision: string, model: string, year: number, subject: string | null = null) =>
      targets.find((t) => t.decision === decision && t.model === model && t.targetYear === year && t.subject === subject)?.rateBp;
    expect(rate('QĐ 387/QĐ-TTg', 'FAMILY', 2025)).toBe(7000);
    expect(rate('QĐ 387/QĐ-TTg', 'CLAN', 2025)).toBe(6500);
    expect(rate('QĐ 387/QĐ-TTg', 'COMMUNITY', 2025)).toBe(6500);
    expect(rate('QĐ 387/QĐ-TTg', 'UNIT', 2025, 'tổ chức cấp xã')).toBe(8000);
    expect(rate('QĐ 677/QĐ-TTg', 'CITIZEN', 2025, 'người lớn')).toBe(4000);
    expect(rate('QĐ 677/QĐ-TTg', 'CITIZEN', 2030, 'cán bộ, công chức, viên chức')).toBe(8000);
    expect(rate('QĐ 281/QĐ-TTg', 'CLAN', 2020)).toBe(5000);
    expect(targets.every((t) => t.metric === 'RECOGNITION')).toBe(true);
  });

  it('does nothing the second time', async () => {
    const before = await counts();
    expect(await seedDemo(db, { bcryptRounds: 4 })).toEqual({ created: false });
    expect(await counts()).toEqual(before);
    expect(before).toMatchObject({ provinces: 15, clusters: 1, memberships: 13, leaderTerms: 2, periods: 12, reports: 82, users: 12 });
  });
});
