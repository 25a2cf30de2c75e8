// A national-scale data set for the benchmark (scripts/bench.ts): 63 provinces in 8 clusters,
// every half-year from 2014S1 to 2026S1, every report section filled. Deterministic (the demo's
// seeded generator, prisma/random.ts), generated in memory and written with one createMany per
// table and chunk, so a fresh database is ready in seconds. Not the demo: no mergers, invented names.
import bcrypt from 'bcryptjs';

import { AWARD_KINDS, FUND_SOURCES, LEARNING_MODELS, RECIPIENT_GROUPS, type ReportStatus } from '../lib/domain';
import type { PrismaClient } from '../lib/generated/prisma/client';
import { periodDates, periodRange } from '../lib/reference/periods';
import { buildDemoData, DEMO_PASSWORD } from '../prisma/demo-data';
import { seededRng } from '../prisma/random';

export const BENCH_PROVINCES = 63;
export const BENCH_CLUSTERS = 8;
export const BENCH_FIRST_PERIOD = '2014S1';
export const BENCH_LAST_PERIOD = '2026S1';
export const BENCH_PASSWORD = DEMO_PASSWORD;
export const BENCH_ACCOUNTS = {
  admin: 'admin@bench.khuyenhoc.vn',
  central: 'trunguong@bench.khuyenhoc.vn',
  /** Leader of CUM1. */
  leader: 'cum1@bench.khuyenhoc.vn',
  /** Staff of the first province. */
  staff: 'tinh01@bench.khuyenhoc.vn',
} as const;

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const pad = (n: number) => String(n).padStart(2, '0');

export function buildBenchData() {
  const provinces = Array.from({ length: BENCH_PROVINCES }, (_, i) => ({
    id: `bench-province-${pad(i + 1)}`,
    code: pad(i + 1),
    name: `Tỉnh thử ${pad(i + 1)}`,
    validFrom: day('1997-01-01'),
  }));
  const clusters = Array.from({ length: BENCH_CLUSTERS }, (_, k) => ({
    id: `bench-cluster-${k + 1}`,
    code: `CUM${k + 1}`,
    name: `Cụm thi đua số ${k + 1}`,
    region: `Vùng ${k + 1}`,
  }));
  // 8 provinces in each of the first seven clusters, 7 in the last.
  const clusterOf = (i: number) => Math.min(Math.floor(i / 8), BENCH_CLUSTERS - 1);
  const memberships = provinces.map((p, i) => ({ clusterId: clusters[clusterOf(i)].id, provinceId: p.id, validFrom: day('2014-01-01') }));
  const leaderTerms = clusters.map((c, k) => ({ clusterId: c.id, provinceId: provinces[k * 8].id, termLabel: '2021–2026', validFrom: day('2014-01-01') }));

  const codes = periodRange(BENCH_FIRST_PERIOD, BENCH_LAST_PERIOD);
  const periods = codes.map((code) => {
    const { start, end } = periodDates(code);
    const year = Number(code.slice(0, 4));
    const half = Number(code.slice(5));
    return {
      id: `bench-period-${code}`,
      code,
      year,
      half,
      startDate: start,
      endDate: end,
      deadline: new Date(Date.UTC(year, half === 1 ? 6 : 11, 15, 16, 59, 59)),
      locked: code !== BENCH_LAST_PERIOD,
    };
  });

  const reports = [];
  const modelFigures = [];
  const fundMobilisations = [];
  const awards = [];
  for (const [i, p] of provinces.entries()) {
    const r0 = seededRng(p.id).int;
    const scale = r0(5, 40) / 10; // provinces differ in size by a factor of 8
    let balance = BigInt(r0(20, 90)) * 1_000_000_000n;
    for (const [t, period] of periods.entries()) {
      const r = seededRng(`${p.id}|${period.code}`).int;
      // The last period is still under way: a few reports submitted, one draft, one missing.
      const last = period.code === BENCH_LAST_PERIOD;
      if (last && i === BENCH_PROVINCES - 1) continue;
      const status: ReportStatus = !last ? 'APPROVED' : i % 5 === 0 ? 'SUBMITTED' : i === BENCH_PROVINCES - 2 ? 'DRAFT' : 'APPROVED';
      const id = `bench-report-${p.code}-${period.code}`;
      const mobilised = FUND_SOURCES.map((source) => ({ reportId: id, source, amount: BigInt(r(1, 30)) * BigInt(Math.round(scale * 100)) * 10_000_000n }));
      const sourced = mobilised.reduce((a, m) => a + m.amount, 0n);
      const cells = AWARD_KINDS.flatMap((kind) =>
        RECIPIENT_GROUPS.map((group) => {
          const recipients = r(50, 2_000) * Math.round(scale);
          return { reportId: id, kind, group, recipients, amount: BigInt(recipients) * BigInt(r(3, 20)) * 100_000n };
        }),
      );
      const spent = cells.reduce((a, c) => a + c.amount, 0n) + BigInt(r(1, 9)) * 100_000_000n;
      const opening = balance;
      const closing = opening + sourced - spent > 0n ? opening + sourced - spent : 0n;
      const spentBalanced = opening + sourced - closing;
      balance = closing;
      const submittedAt = new Date(period.deadline.getTime() - r(1, 10) * 86_400_000);
      reports.push({
        id,
        provinceId: p.id,
        periodId: period.id,
        status,
        submittedAt: status === 'DRAFT' ? null : submittedAt,
        approvedAt: status === 'APPROVED' ? new Date(submittedAt.getTime() + 3 * 86_400_000) : null,
        fundOpening: opening,
        fundSpent: spentBalanced,
        fundClosing: closing,
        members: Math.round(scale * 100_000) + t * 500,
        newMembers: r(1_000, 5_000),
        branches: r(500, 3_000),
        learningCentres: r(100, 250),
        centreClasses: r(1_000, 4_000),
        centreLearners: r(40_000, 150_000),
        narrativeResults: `Kết quả ${period.code} của ${p.name}.`,
        narrativeLimitations: 'Một số hội cơ sở chưa chủ động vận động Quỹ khuyến học.',
        narrativePlan: 'Tiếp tục vận động đăng ký danh hiệu học tập.',
      });
      for (const model of LEARNING_MODELS) {
        const base = { FAMILY: 300_000, CLAN: 2_000, COMMUNITY: 1_500, UNIT: 2_500, CITIZEN: 800_000 }[model];
        const total = Math.round(base * scale * (1 + 0.004 * t));
        const registered = Math.round((total * r(7_500, 9_950)) / 10_000);
        const recognised = Math.round((registered * r(6_000, 9_500)) / 10_000);
        modelFigures.push({ reportId: id, model, total, registered, recognised });
      }
      fundMobilisations.push(...mobilised);
      awards.push(...cells);
    }
  }

  const users = [
    { email: BENCH_ACCOUNTS.admin, name: 'Quản trị (thử tải)', role: 'ADMIN' as const, provinceId: null, clusterId: null },
    { email: BENCH_ACCOUNTS.central, name: 'Trung ương Hội (thử tải)', role: 'CENTRAL' as const, provinceId: null, clusterId: null },
    { email: BENCH_ACCOUNTS.leader, name: 'Cụm trưởng cụm 1 (thử tải)', role: 'CLUSTER_LEADER' as const, provinceId: null, clusterId: clusters[0].id },
    { email: BENCH_ACCOUNTS.staff, name: 'Cán bộ tỉnh 01 (thử tải)', role: 'PROVINCE_STAFF' as const, provinceId: provinces[0].id, clusterId: null },
  ];
  return { provinces, clusters, memberships, leaderTerms, periods, reports, modelFigures, fundMobilisations, awards, users, targets: buildDemoData().targets };
}

export type BenchData = ReturnType<typeof buildBenchData>;

/** createMany in chunks: PostgreSQL takes at most 65,535 parameters per statement. */
async function inChunks<T>(rows: readonly T[], size: number, write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/** Writes the data set into an empty, migrated database. */
export async function writeBenchData(db: PrismaClient, data: BenchData): Promise<Record<string, number>> {
  const passwordHash = await bcrypt.hash(BENCH_PASSWORD, 10);
  await db.province.createMany({ data: data.provinces });
  await db.cluster.createMany({ data: data.clusters });
  await db.clusterMembership.createMany({ data: data.memberships });
  await db.clusterLeaderTerm.createMany({ data: data.leaderTerms });
  await db.period.createMany({ data: data.periods });
  await db.nationalTarget.createMany({ data: data.targets });
  await db.user.createMany({ data: data.users.map((u) => ({ ...u, passwordHash })) });
  await inChunks(data.reports, 2_000, (chunk) => db.report.createMany({ data: chunk }));
  await inChunks(data.modelFigures, 5_000, (chunk) => db.modelFigure.createMany({ data: chunk }));
  await inChunks(data.fundMobilisations, 5_000, (chunk) => db.fundMobilisation.createMany({ data: chunk }));
  await inChunks(data.awards, 5_000, (chunk) => db.awardFigure.createMany({ data: chunk }));
  return {
    provinces: data.provinces.length,
    clusters: data.clusters.length,
    periods: data.periods.length,
    reports: data.reports.length,
    modelFigures: data.modelFigures.length,
    fundMobilisations: data.fundMobilisations.length,
    awards: data.awards.length,
  };
}
