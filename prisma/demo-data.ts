// Demo data for the Cluster III (Red River Delta) portal: the cluster with dated membership and
// leader terms, periods 2021S1–2026S2, approved reports for every member province up to 2026S1,
// and demo accounts. The provinces, before and after the 1 July 2025 mergers, and the national
// targets are reference data shipped with every installation (prisma/reference/provinces.json,
// prisma/reference/targets.json): the demo builds on those rows, named by their reference keys.
//
// Pure and deterministic: no I/O, no clock, no Math.random. Every random-looking figure comes from
// a seeded PRNG keyed by what it describes (province, period, purpose), so a figure does not change
// when another one is added or generated in a different order. Ids are deterministic too, so the
// seed can write every table with one createMany and reruns produce the same rows.
//
// Figures are invented but shaped after published ones (see docs/domain.md), except the three
// 2022S1 FAMILY registration rates quoted by the source article, which are exact.

import type {
  AwardKind,
  FundSource,
  LearningModel,
  RecipientGroup,
  ReportStatus,
} from '../lib/domain';
import type { Role } from '../lib/permissions';
import { AWARD_KINDS, FUND_SOURCES, LEARNING_MODELS, RECIPIENT_GROUPS } from '../lib/domain';
import { periodDates, periodLabel, periodRange } from '../lib/reference/periods';
import { PROVINCE_REFERENCE, referenceProvince, referenceProvinceId } from '../lib/reference/province-data';
import { REFERENCE_TARGETS, type ReferenceTarget } from './reference/targets';
import { type Rng, seededRng } from './random';

// ---------------------------------------------------------------------------
// Public types

/** A row of the shipped reference data (lib/reference/province-data.ts) that the demo builds on. */
export type DemoProvince = {
  id: string;
  referenceKey: string;
  code: string;
  name: string;
  validFrom: Date;
  validTo: Date | null;
  successorId: string | null;
};

export type DemoCluster = { id: string; code: string; name: string; region: string; note: string };

export type DemoMembership = {
  id: string;
  clusterId: string;
  provinceId: string;
  validFrom: Date;
  validTo: Date | null;
};

export type DemoLeaderTerm = DemoMembership & { termLabel: string };

export type DemoPeriod = {
  id: string;
  code: string;
  year: number;
  half: number;
  startDate: Date;
  endDate: Date;
  deadline: Date;
  locked: boolean;
};

export type DemoModelFigure = { model: LearningModel; total: number; registered: number; recognised: number };
export type DemoFundMobilisation = { source: FundSource; amount: bigint };
export type DemoAwardFigure = { kind: AwardKind; group: RecipientGroup; recipients: number; amount: bigint };
export type DemoStatusEvent = {
  fromStatus: ReportStatus | null;
  toStatus: ReportStatus;
  action: string;
  comment: string | null;
  actorId: string | null;
  at: Date;
};

export type DemoReport = {
  id: string;
  provinceId: string;
  periodId: string;
  /** Convenience for tests and logs; not a column. */
  periodCode: string;
  status: ReportStatus;
  version: number;
  submittedAt: Date;
  approvedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  fundOpening: bigint;
  fundSpent: bigint;
  fundClosing: bigint;
  members: number;
  newMembers: number;
  branches: number;
  learningCentres: number;
  centreClasses: number;
  centreLearners: number;
  narrativeResults: string;
  narrativeLimitations: string;
  narrativePlan: string;
  modelFigures: DemoModelFigure[];
  fundMobilisations: DemoFundMobilisation[];
  awards: DemoAwardFigure[];
  statusEvents: DemoStatusEvent[];
};

export type DemoTarget = ReferenceTarget;

export type DemoAccount = {
  email: string;
  role: Role;
  name: string;
  /** GSO code of the province (PROVINCE_STAFF), code of the cluster (CLUSTER_LEADER), else null. */
  scopeCode: string | null;
  /**
   * For PROVINCE_STAFF, the first day of the province row in scope (YYYY-MM-DD): a code is reused
   * by the province formed on 1 July 2025, so the code alone does not say which row.
   */
  scopeValidFrom: string | null;
};

export type DemoUser = DemoAccount & { id: string; provinceId: string | null; clusterId: string | null };

export type DemoData = {
  /**
   * The reference rows the demo builds on, successors first. The seed does not write them as they
   * are: it loads them from the reference data (lib/reference/load-reference-data.ts).
   */
  provinces: DemoProvince[];
  cluster: DemoCluster;
  memberships: DemoMembership[];
  leaderTerms: DemoLeaderTerm[];
  periods: DemoPeriod[];
  reports: DemoReport[];
  targets: DemoTarget[];
  users: DemoUser[];
};

// ---------------------------------------------------------------------------
// Constants

export const DEMO_PASSWORD = 'KhuyenHoc@2022';
export const DEMO_CLUSTER_CODE = 'CUM3';
export const FIRST_DEMO_PERIOD = '2021S1';
/** The open period: it exists but has no reports yet. */
export const CURRENT_DEMO_PERIOD = '2026S2';
export const LAST_REPORTED_DEMO_PERIOD = '2026S1';

/**
 * 2022S1 FAMILY registration rates quoted by the source article (GD&TĐ, 18 Aug 2022), in basis
 * points. The demo figures give exactly these rates: registered × 10000 = total × rateBp.
 */
export const ARTICLE_FAMILY_REGISTRATION_2022S1: ReadonlyArray<{ code: string; rateBp: number }> = [
  { code: '26', rateBp: 9981 }, // Vĩnh Phúc 99,81 %
  { code: '34', rateBp: 9400 }, // Thái Bình 94 %
  { code: '27', rateBp: 9200 }, // Bắc Ninh 92 %
];

// The days of the shipped reference data: the last day of the 63 provinces, the merger day.
const OLD_TO = isoDay(referenceProvince('thai-binh').validTo!);
const MERGER_DAY = isoDay(referenceProvince('hung-yen-2025').validFrom);

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'admin@demo.khuyenhoc.vn', role: 'ADMIN', name: 'Quản trị hệ thống', scopeCode: null, scopeValidFrom: null },
  {
    email: 'trunguong@demo.khuyenhoc.vn',
    role: 'CENTRAL',
    name: 'Cán bộ Trung ương Hội Khuyến học Việt Nam',
    scopeCode: null,
    scopeValidFrom: null,
  },
  {
    email: 'cum3@demo.khuyenhoc.vn',
    role: 'CLUSTER_LEADER',
    name: 'Cụm trưởng Cụm III – Đồng bằng sông Hồng',
    scopeCode: DEMO_CLUSTER_CODE,
    scopeValidFrom: null,
  },
  staff('hanoi', 'Cán bộ Hội Khuyến học thành phố Hà Nội', 'ha-noi'),
  staff('phutho', 'Cán bộ Hội Khuyến học tỉnh Phú Thọ', 'phu-tho-2025'),
  staff('bacninh', 'Cán bộ Hội Khuyến học tỉnh Bắc Ninh', 'bac-ninh-2025'),
  staff('hungyen', 'Cán bộ Hội Khuyến học tỉnh Hưng Yên', 'hung-yen-2025'),
  staff('ninhbinh', 'Cán bộ Hội Khuyến học tỉnh Ninh Bình', 'ninh-binh-2025'),
  staff('vinhphuc', 'Cán bộ Hội Khuyến học tỉnh Vĩnh Phúc (trước 1/7/2025)', 'vinh-phuc'),
  staff('thaibinh', 'Cán bộ Hội Khuyến học tỉnh Thái Bình (trước 1/7/2025)', 'thai-binh'),
  staff('hanam', 'Cán bộ Hội Khuyến học tỉnh Hà Nam (trước 1/7/2025)', 'ha-nam'),
  staff('namdinh', 'Cán bộ Hội Khuyến học tỉnh Nam Định (trước 1/7/2025)', 'nam-dinh'),
];

/** A province's staff account; its scope is the reference row of `referenceKey`, named by code and first day. */
function staff(login: string, name: string, referenceKey: string): DemoAccount {
  const { code, validFrom } = referenceProvince(referenceKey);
  return { email: `${login}@demo.khuyenhoc.vn`, role: 'PROVINCE_STAFF', name, scopeCode: code, scopeValidFrom: isoDay(validFrom) };
}

// ---------------------------------------------------------------------------
// Deterministic randomness

const SEED = 'khuyenhoc-cum3-demo-v1';

/** A generator for one figure or group of figures, seeded by what it describes. */
function rng(key: string): Rng {
  return seededRng(`${SEED}|${key}`);
}

// ---------------------------------------------------------------------------
// Dates

/** A date-only value (00:00 UTC), the way @db.Date columns are read back. */
function day(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

/** The YYYY-MM-DD of a date-only value. */
function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** An instant given in Vietnam time (UTC+7, no daylight saving). */
function vnTime(year: number, month: number, dayOfMonth: number, hour: number, minute = 0, second = 0): Date {
  return new Date(Date.UTC(year, month - 1, dayOfMonth, hour - 7, minute, second));
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------
// Provinces

type ProvinceProfile = {
  /** The reference row's key (prisma/reference/provinces.json); code and name come from that row. */
  key: string;
  code: string;
  name: string;
  /** "thành phố" for a centrally-run city, else "tỉnh". */
  kind: 'tỉnh' | 'thành phố';
  /** Stock denominators in 2021S1: households, clans, villages/residential groups, units, adults. */
  totals2021: Record<LearningModel, number>;
  /** Registration rate at 2022S1 (basis points), per model. */
  registrationBp2022: Record<LearningModel, number>;
  /** Recognition rate at 2024S2 (basis points), per model. */
  recognitionBp2024: Record<LearningModel, number>;
  /** Members at an anchor period; other periods grow from it. */
  membersAnchor: { period: string; members: number };
  learningCentres: number;
  /** Fund mobilised in 2021, billion VND; grows about 6 % a year. */
  fundPerYear2021: number;
};

type Rates = [number, number, number, number, number];

function byModel(values: Rates): Record<LearningModel, number> {
  return { FAMILY: values[0], CLAN: values[1], COMMUNITY: values[2], UNIT: values[3], CITIZEN: values[4] };
}

function profile(
  key: string,
  kind: 'tỉnh' | 'thành phố',
  totals: Rates,
  registrationBp2022: Rates,
  recognitionBp2024: Rates,
  membersAnchor: { period: string; members: number },
  learningCentres: number,
  fundPerYear2021: number,
): ProvinceProfile {
  const { code, name } = referenceProvince(key);
  return {
    key,
    code,
    name,
    kind,
    totals2021: byModel(totals),
    registrationBp2022: byModel(registrationBp2022),
    recognitionBp2024: byModel(recognitionBp2024),
    membersAnchor,
    learningCentres,
    fundPerYear2021,
  };
}

// Totals: households, clans, communities, units, adults. Rates: FAMILY, CLAN, COMMUNITY, UNIT, CITIZEN.
// Anchors: Vĩnh Phúc 2021 ≈ 303,000 members and > 199,000 learning families; Nam Định 2023: 709,617
// members; Bắc Ninh late 2024: 542,467.
// Bắc Ninh's 2024S2 recognition rates are the published ones (81.31 / 74.75 / 88.02 / 98.99 %).
// Nam Định's fund grows to ≈ 236 billion in 2023; Bắc Ninh's to ≈ 186 billion in 2024.
const OLD_PROVINCES: readonly ProvinceProfile[] = [
  profile('ha-noi', 'thành phố',
    [2_200_000, 7_800, 9_800, 9_500, 5_900_000], [9350, 8800, 9400, 9600, 7600], [8300, 7400, 8200, 8800, 4600],
    { period: '2021S2', members: 2_080_000 }, 579, 380),
  profile('vinh-phuc', 'tỉnh',
    [306_300, 1_450, 1_290, 2_300, 820_000], [9981, 9700, 9850, 9900, 8200], [6980, 7600, 8500, 9000, 4300],
    { period: '2021S2', members: 303_000 }, 136, 85),
  profile('bac-ninh', 'tỉnh',
    [397_000, 2_050, 1_120, 3_100, 1_000_000], [9200, 8900, 9500, 9980, 7800], [8131, 7475, 8802, 9899, 4500],
    { period: '2024S2', members: 542_467 }, 126, 156),
  profile('hung-yen', 'tỉnh',
    [352_000, 1_900, 1_180, 2_200, 880_000], [9100, 8600, 9200, 9500, 7500], [7900, 7100, 7800, 8600, 4200],
    { period: '2021S2', members: 381_000 }, 161, 100),
  profile('thai-binh', 'tỉnh',
    [560_000, 3_600, 1_950, 2_900, 1_300_000], [9400, 9000, 9300, 9600, 8000], [8400, 7400, 7900, 8800, 4500],
    { period: '2021S2', members: 617_000 }, 242, 160),
  profile('ha-nam', 'tỉnh',
    [302_000, 1_250, 1_100, 1_600, 600_000], [9000, 8500, 9000, 9400, 7200], [7600, 6900, 7500, 8400, 4000],
    { period: '2021S2', members: 252_000 }, 109, 55),
  profile('nam-dinh', 'tỉnh',
    [585_000, 3_300, 2_850, 3_000, 1_300_000], [9500, 9200, 9400, 9700, 8100], [8500, 7800, 8300, 8900, 4700],
    { period: '2023S2', members: 709_617 }, 226, 210),
  profile('ninh-binh', 'tỉnh',
    [318_000, 1_700, 1_750, 1_900, 700_000], [9200, 8700, 9100, 9500, 7600], [8000, 7200, 7800, 8600, 4300],
    { period: '2021S2', members: 310_000 }, 143, 75),
  // Not in Cluster III, but predecessors of the provinces formed on 1 July 2025.
  profile('phu-tho', 'tỉnh',
    [420_000, 2_400, 1_900, 2_800, 1_050_000], [9000, 8600, 8900, 9300, 7300], [7800, 7000, 7600, 8400, 4000],
    { period: '2021S2', members: 420_000 }, 225, 95),
  profile('bac-giang', 'tỉnh',
    [540_000, 2_900, 2_200, 3_200, 1_300_000], [8900, 8400, 8800, 9300, 7100], [7700, 6900, 7500, 8300, 3900],
    { period: '2021S2', members: 513_000 }, 209, 120),
  profile('hoa-binh', 'tỉnh',
    [240_000, 1_300, 1_500, 1_800, 580_000], [8600, 8000, 8500, 9000, 6800], [7200, 6400, 7000, 7900, 3600],
    { period: '2021S2', members: 218_000 }, 151, 45),
];

/** Old provinces that were members of Cluster III until 30 June 2025, in the article's order. */
const CLUSTER_OLD_KEYS = ['ha-noi', 'vinh-phuc', 'bac-ninh', 'hung-yen', 'thai-binh', 'ha-nam', 'nam-dinh', 'ninh-binh'] as const;

/**
 * Provinces formed on 1 July 2025 (Resolution 202/2025/QH15) from the cluster's members, as the
 * reference data has them (codes of QĐ 19/2025/QĐ-TTg: the new Bắc Ninh has Bắc Giang's 24).
 * The predecessors are listed in the order the first merged reports name them; they must be the
 * rows whose successor the new province is.
 */
const MERGED_PROVINCES: ReadonlyArray<{ key: string; predecessorKeys: string[] }> = [
  { key: 'phu-tho-2025', predecessorKeys: ['vinh-phuc', 'hoa-binh', 'phu-tho'] },
  { key: 'bac-ninh-2025', predecessorKeys: ['bac-ninh', 'bac-giang'] },
  { key: 'hung-yen-2025', predecessorKeys: ['hung-yen', 'thai-binh'] },
  { key: 'ninh-binh-2025', predecessorKeys: ['ninh-binh', 'ha-nam', 'nam-dinh'] },
];

/** The demo's provinces: the reference rows named above, successors first. */
export const DEMO_PROVINCE_KEYS: readonly string[] = [...MERGED_PROVINCES.map((m) => m.key), ...OLD_PROVINCES.map((p) => p.key)];

/** The id of a province of the demo: its reference row's, as the loader creates it. */
function provinceId(referenceKey: string): string {
  return referenceProvinceId(referenceKey);
}

function oldProfile(key: string): ProvinceProfile {
  const found = OLD_PROVINCES.find((p) => p.key === key);
  if (!found) throw new Error(`No demo profile for province ${key}`);
  return found;
}

function buildProvinces(): DemoProvince[] {
  for (const m of MERGED_PROVINCES) {
    const fromFile = PROVINCE_REFERENCE.provinces.filter((p) => p.successor === m.key).map((p) => p.referenceKey);
    if ([...fromFile].sort().join() !== [...m.predecessorKeys].sort().join()) {
      throw new Error(`Demo predecessors of ${m.key} (${m.predecessorKeys.join(', ')}) differ from the reference data (${fromFile.join(', ')})`);
    }
  }
  return DEMO_PROVINCE_KEYS.map((key) => {
    const row = referenceProvince(key);
    return {
      id: provinceId(key),
      referenceKey: key,
      code: row.code,
      name: row.name,
      validFrom: row.validFrom,
      validTo: row.validTo,
      successorId: row.successor ? provinceId(row.successor) : null,
    };
  });
}

// ---------------------------------------------------------------------------
// Cluster

const CLUSTER_ID = 'demo-cluster-cum3';

const CLUSTER_NOTE =
  'Từ kỳ 2025S2 (1/7/2025), sau khi sắp xếp đơn vị hành chính cấp tỉnh theo Nghị quyết 202/2025/QH15, ' +
  'thành viên của Cụm III được giả định là năm tỉnh, thành phố kế thừa (Hà Nội, Phú Thọ, Bắc Ninh, Hưng Yên, Ninh Bình), ' +
  'cụm trưởng được giả định là Hội Khuyến học tỉnh Hưng Yên (kế thừa Thái Bình), vì chưa có nguồn công khai nào ' +
  'công bố việc tổ chức lại các cụm. Quản trị viên có thể sửa thành viên và cụm trưởng của cụm.';

/** Provinces in force at a day, among the cluster members: the eight old ones, then the five current ones. */
function memberProvinceIds(dayIso: string): string[] {
  return dayIso < MERGER_DAY
    ? CLUSTER_OLD_KEYS.map(provinceId)
    : [provinceId('ha-noi'), ...MERGED_PROVINCES.map((m) => provinceId(m.key))];
}

function buildMemberships(): DemoMembership[] {
  // Two generations of membership, each a separate row: the post-merger one is an assumption an
  // administrator may edit without touching the documented 2021–2025 membership. Hà Nội has one
  // row in each.
  const before = memberProvinceIds('2021-01-01').map((id) => ({
    id: `demo-membership-${id}-20210101`,
    clusterId: CLUSTER_ID,
    provinceId: id,
    validFrom: day('2021-01-01'),
    validTo: day(OLD_TO),
  }));
  const after = memberProvinceIds(MERGER_DAY).map((id) => ({
    id: `demo-membership-${id}-20250701`,
    clusterId: CLUSTER_ID,
    provinceId: id,
    validFrom: day(MERGER_DAY),
    validTo: null,
  }));
  return [...before, ...after];
}

function buildLeaderTerms(): DemoLeaderTerm[] {
  return [
    {
      id: 'demo-leader-term-20210101',
      clusterId: CLUSTER_ID,
      provinceId: provinceId('thai-binh'),
      termLabel: '2021–2026',
      validFrom: day('2021-01-01'),
      validTo: day(OLD_TO),
    },
    {
      id: 'demo-leader-term-20250701',
      clusterId: CLUSTER_ID,
      provinceId: provinceId('hung-yen-2025'),
      termLabel: '2021–2026 (kế thừa Thái Bình)',
      validFrom: day(MERGER_DAY),
      validTo: day('2026-12-31'),
    },
  ];
}

// ---------------------------------------------------------------------------
// Periods

const PERIOD_CODES = periodRange(FIRST_DEMO_PERIOD, CURRENT_DEMO_PERIOD);

function periodId(code: string): string {
  return `demo-period-${code}`;
}

/** Deadline: S1 → 15 July, S2 → 15 December of the same year, 23:59:59 Vietnam time. */
function deadlineOf(year: number, half: number): Date {
  return vnTime(year, half === 1 ? 7 : 12, 15, 23, 59, 59);
}

/** A period's row: its dates from the code, the usual deadline (also for periods added in tests). */
export function periodRow(code: string, locked: boolean): Omit<DemoPeriod, 'id'> {
  const year = Number(code.slice(0, 4));
  const half = Number(code.slice(5));
  const { start, end } = periodDates(code);
  return { code, year, half, startDate: start, endDate: end, deadline: deadlineOf(year, half), locked };
}

function buildPeriods(): DemoPeriod[] {
  return PERIOD_CODES.map((code) => ({ id: periodId(code), ...periodRow(code, code !== CURRENT_DEMO_PERIOD) }));
}

// ---------------------------------------------------------------------------
// Figures of one province in one period

/** Half-years since 2021S1 (2021S1 = 0, 2022S1 = 2, 2024S2 = 7, 2026S1 = 10). */
function periodIndex(code: string): number {
  return (Number(code.slice(0, 4)) - 2021) * 2 + (Number(code.slice(5)) - 1);
}

/** Yearly growth of the denominators (households form, units open; villages were already consolidated). */
const TOTAL_GROWTH_PER_HALF: Record<LearningModel, number> = {
  FAMILY: 0.006,
  CLAN: 0.002,
  COMMUNITY: 0,
  UNIT: 0.004,
  CITIZEN: 0.005,
};
const REGISTRATION_DRIFT_BP = 12; // per half-year
const RECOGNITION_DRIFT_BP = 70; // per half-year
const MAX_REGISTRATION_BP = 9990;
/** Recognised units registered first: keep the recognition rate a little below registration. */
const MIN_GAP_BP = 50;

type ProvinceFigures = {
  models: DemoModelFigure[];
  members: number;
  newMembers: number;
  branches: number;
  learningCentres: number;
  centreClasses: number;
  centreLearners: number;
};

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function modelFigure(p: ProvinceProfile, code: string, model: LearningModel): DemoModelFigure {
  const t = periodIndex(code);
  const r = rng(`${p.code}|${code}|model|${model}`);
  let total = Math.round(p.totals2021[model] * (1 + TOTAL_GROWTH_PER_HALF[model] * t));

  const article = model === 'FAMILY' && code === '2022S1'
    ? ARTICLE_FAMILY_REGISTRATION_2022S1.find((a) => a.code === p.code)
    : undefined;
  let registered: number;
  let registrationBp: number;
  if (article) {
    // Exact rate: make total a multiple of 10000 / gcd(rateBp, 10000), so registered is an integer.
    const step = 10_000 / gcd(article.rateBp, 10_000);
    total = Math.round(total / step) * step;
    registered = (total * article.rateBp) / 10_000; // exact: integers far below 2^53
    registrationBp = article.rateBp;
  } else {
    registrationBp = Math.min(
      MAX_REGISTRATION_BP,
      p.registrationBp2022[model] + REGISTRATION_DRIFT_BP * (t - 2) + r.int(-8, 8),
    );
    registered = Math.round((total * registrationBp) / 10_000);
  }
  const recognitionBp = Math.min(
    registrationBp - MIN_GAP_BP,
    p.recognitionBp2024[model] + RECOGNITION_DRIFT_BP * (t - 7) + r.int(-15, 15),
  );
  const recognised = Math.min(registered, Math.round((total * recognitionBp) / 10_000));
  return { model, total, registered: Math.min(registered, total), recognised };
}

const MEMBER_GROWTH_PER_HALF = 0.012;
const MEMBER_ATTRITION_PER_HALF = 0.008;

function membersAt(p: ProvinceProfile, t: number): number {
  const anchor = periodIndex(p.membersAnchor.period);
  return Math.round(p.membersAnchor.members * (1 + MEMBER_GROWTH_PER_HALF) ** (t - anchor));
}

function oldProvinceFigures(p: ProvinceProfile, code: string): ProvinceFigures {
  const t = periodIndex(code);
  const r = rng(`${p.code}|${code}|organisation`);
  const models = LEARNING_MODELS.map((m) => modelFigure(p, code, m));
  const members = membersAt(p, t);
  const previous = membersAt(p, t - 1);
  const newMembers = members - previous + Math.round(previous * MEMBER_ATTRITION_PER_HALF * r.between(0.85, 1.15));
  const totals = p.totals2021;
  const branches = Math.round((totals.COMMUNITY * 1.15 + totals.UNIT * 0.35) * (1 + 0.004 * t));
  const centreClasses = Math.round(p.learningCentres * r.between(12, 20));
  const centreLearners = Math.round(centreClasses * r.between(35, 55));
  return {
    models,
    members,
    newMembers,
    branches,
    learningCentres: p.learningCentres,
    centreClasses,
    centreLearners,
  };
}

/** A merged province's figures: the sum of what its predecessors would have reported. */
function sumFigures(parts: ProvinceFigures[]): ProvinceFigures {
  const sum = (pick: (f: ProvinceFigures) => number) => parts.reduce((acc, f) => acc + pick(f), 0);
  return {
    models: LEARNING_MODELS.map((model) => {
      const rows = parts.map((f) => f.models.find((m) => m.model === model)!);
      return {
        model,
        total: rows.reduce((a, m) => a + m.total, 0),
        registered: rows.reduce((a, m) => a + m.registered, 0),
        recognised: rows.reduce((a, m) => a + m.recognised, 0),
      };
    }),
    members: sum((f) => f.members),
    newMembers: sum((f) => f.newMembers),
    branches: sum((f) => f.branches),
    learningCentres: sum((f) => f.learningCentres),
    centreClasses: sum((f) => f.centreClasses),
    centreLearners: sum((f) => f.centreLearners),
  };
}

// ---------------------------------------------------------------------------
// Fund and awards

const BILLION = 1_000_000_000;
const FUND_GROWTH_PER_YEAR = 0.06;
const FUND_SOURCE_SHARES: Record<FundSource, number> = {
  ENTERPRISE: 0.35,
  INDIVIDUAL: 0.25,
  ORGANISATION: 0.15,
  CLAN: 0.15,
  OTHER: 0.1,
};
const AWARD_KIND_SHARES: Record<AwardKind, number> = { SCHOLARSHIP: 0.38, SUPPORT: 0.3, REWARD: 0.32 };
const RECIPIENT_GROUP_SHARES: Record<RecipientGroup, number> = {
  EXCELLENT_STUDENT: 0.4,
  DISADVANTAGED_STUDENT: 0.35,
  TALENTED_WORKER: 0.1,
  LIFELONG_LEARNER: 0.15,
};
/** Typical amount per recipient, VND (kept within 300,000–5,000,000). */
const AMOUNT_PER_RECIPIENT: Record<AwardKind, Record<RecipientGroup, number>> = {
  SCHOLARSHIP: { EXCELLENT_STUDENT: 1_500_000, DISADVANTAGED_STUDENT: 1_000_000, TALENTED_WORKER: 2_000_000, LIFELONG_LEARNER: 1_000_000 },
  SUPPORT: { EXCELLENT_STUDENT: 800_000, DISADVANTAGED_STUDENT: 700_000, TALENTED_WORKER: 1_500_000, LIFELONG_LEARNER: 500_000 },
  REWARD: { EXCELLENT_STUDENT: 500_000, DISADVANTAGED_STUDENT: 400_000, TALENTED_WORKER: 1_000_000, LIFELONG_LEARNER: 300_000 },
};
const MIN_PER_RECIPIENT = 300_000;
const MAX_PER_RECIPIENT = 5_000_000;

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

type FundFigures = {
  opening: bigint;
  mobilisations: DemoFundMobilisation[];
  spent: bigint;
  closing: bigint;
  awards: DemoAwardFigure[];
};

/**
 * One period of a fund: mobilised by source, spent on awards plus running costs, and the
 * balance carried over. All amounts are whole VND, computed with BigInt so that
 * opening + Σ mobilised − spent = closing holds exactly.
 */
function fundPeriod(key: string, code: string, fundPerYear2021: number, opening: bigint): FundFigures {
  const r = rng(`${key}|${code}|fund`);
  const year = Number(code.slice(0, 4));
  const half = Number(code.slice(5));
  // More is raised in the second half, around the school year's opening and the year-end review.
  const halfShare = half === 1 ? 0.42 : 0.58;
  const target = fundPerYear2021 * BILLION * (1 + FUND_GROWTH_PER_YEAR) ** (year - 2021) * halfShare * r.between(0.9, 1.1);

  const mobilisations = FUND_SOURCES.map((source) => ({
    source,
    amount: BigInt(roundTo(target * FUND_SOURCE_SHARES[source] * r.between(0.85, 1.15), 1_000)),
  }));
  const mobilised = mobilisations.reduce((a, m) => a + m.amount, 0n);

  const spendTarget = Number(mobilised) * r.between(0.86, 1.0);
  const awards: DemoAwardFigure[] = [];
  for (const kind of AWARD_KINDS) {
    for (const group of RECIPIENT_GROUPS) {
      const budget = spendTarget * 0.92 * AWARD_KIND_SHARES[kind] * RECIPIENT_GROUP_SHARES[group] * r.between(0.85, 1.15);
      const perRecipient = Math.min(
        MAX_PER_RECIPIENT,
        Math.max(MIN_PER_RECIPIENT, roundTo(AMOUNT_PER_RECIPIENT[kind][group] * r.between(0.9, 1.1), 10_000)),
      );
      const recipients = Math.max(1, Math.round(budget / perRecipient));
      awards.push({ kind, group, recipients, amount: BigInt(recipients) * BigInt(perRecipient) });
    }
  }
  const awarded = awards.reduce((a, x) => a + x.amount, 0n);
  // Running costs (meetings, printing of certificates) on top of the awards.
  const runningCosts = BigInt(roundTo(spendTarget * 0.08 * r.between(0.8, 1.2), 1_000));
  const spent = awarded + runningCosts;
  const closing = opening + mobilised - spent;
  if (closing < 0n) throw new Error(`Demo fund of ${key} would be negative in ${code}`);
  return { opening, mobilisations, spent, closing, awards };
}

/** Fund series of a province over consecutive periods, each closing carried to the next opening. */
function fundSeries(key: string, codes: readonly string[], fundPerYear2021: number, opening: bigint): Map<string, FundFigures> {
  const series = new Map<string, FundFigures>();
  let balance = opening;
  for (const code of codes) {
    const f = fundPeriod(key, code, fundPerYear2021, balance);
    series.set(code, f);
    balance = f.closing;
  }
  return series;
}

function initialOpening(p: ProvinceProfile): bigint {
  return BigInt(roundTo(p.fundPerYear2021 * BILLION * rng(`${p.code}|opening`).between(0.3, 0.45), 1_000));
}

// ---------------------------------------------------------------------------
// Narratives

function percent(numerator: number, denominator: number): string {
  return `${((numerator / denominator) * 100).toFixed(2).replace('.', ',')}%`;
}

function billions(amount: bigint): string {
  return `${(Number(amount) / BILLION).toFixed(1).replace('.', ',')}`;
}

function thousands(n: number): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

const LIMITATIONS = [
  'Một số hội cơ sở chưa chủ động vận động Quỹ khuyến học; việc đánh giá, công nhận các mô hình học tập ở một số nơi còn mang tính hình thức.',
  'Công tác tuyên truyền về xây dựng xã hội học tập chưa thường xuyên; hoạt động của một số trung tâm học tập cộng đồng còn hạn chế.',
  'Nguồn Quỹ khuyến học ở một số xã còn thấp; số liệu báo cáo của một số chi hội gửi chưa kịp thời.',
  'Mô hình "Công dân học tập" mới triển khai, nhiều nơi còn lúng túng trong việc hướng dẫn, đánh giá, công nhận.',
  'Tỉ lệ dòng họ được công nhận danh hiệu "Dòng họ học tập" chưa đồng đều giữa các địa phương.',
] as const;

const MERGER_LIMITATION =
  'Việc kiện toàn tổ chức hội sau sắp xếp đơn vị hành chính còn nhiều khó khăn; số liệu của các tỉnh trước sáp nhập cần tiếp tục rà soát, thống nhất.';

const PLANS = [
  'tiếp tục vận động các gia đình, dòng họ, cộng đồng, đơn vị đăng ký danh hiệu học tập; phấn đấu đạt các chỉ tiêu của Quyết định 387/QĐ-TTg',
  'tăng cường vận động Quỹ khuyến học từ doanh nghiệp, dòng họ và nhà hảo tâm; trao học bổng, khen thưởng kịp thời, đúng đối tượng',
  'nâng cao chất lượng hoạt động của trung tâm học tập cộng đồng; đẩy mạnh xây dựng mô hình "Công dân học tập" theo Quyết định 677/QĐ-TTg',
  'phát triển hội viên, củng cố chi hội; quan tâm khen thưởng người lớn có thành tích trong học tập suốt đời, tự học thành tài',
] as const;

function narratives(
  key: string,
  code: string,
  orgName: string,
  figures: ProvinceFigures,
  fund: FundFigures,
  mergedFrom: string[] | null,
): { narrativeResults: string; narrativeLimitations: string; narrativePlan: string } {
  const r = rng(`${key}|${code}|narrative`);
  const family = figures.models.find((m) => m.model === 'FAMILY')!;
  const mobilised = fund.mobilisations.reduce((a, m) => a + m.amount, 0n);
  const recipients = fund.awards.reduce((a, x) => a + x.recipients, 0);
  const label = periodLabel(code);
  const opening = mergedFrom
    ? `Trong ${label}, sau khi hợp nhất với ${mergedFrom.join(', ')} (từ 1/7/2025), Hội Khuyến học ${orgName} đã kiện toàn tổ chức và duy trì phong trào khuyến học, khuyến tài, xây dựng xã hội học tập.`
    : `Trong ${label}, Hội Khuyến học ${orgName} tiếp tục đẩy mạnh phong trào khuyến học, khuyến tài, xây dựng xã hội học tập.`;
  const narrativeResults =
    `${opening} Tỉ lệ hộ gia đình đăng ký danh hiệu "Gia đình học tập" đạt ${percent(family.registered, family.total)}, ` +
    `được công nhận đạt ${percent(family.recognised, family.total)}. Quỹ khuyến học huy động được ${billions(mobilised)} tỷ đồng; ` +
    `đã trao ${thousands(recipients)} suất học bổng, hỗ trợ và khen thưởng.`;
  const narrativeLimitations = mergedFrom ? MERGER_LIMITATION : r.pick(LIMITATIONS);
  const year = Number(code.slice(0, 4));
  const next = code.endsWith('S1') ? `6 tháng cuối năm ${year}` : `Năm ${year + 1}`;
  const [first, second] = [r.int(0, PLANS.length - 1), r.int(0, PLANS.length - 2)];
  const plans = [PLANS[first], PLANS.filter((_, i) => i !== first)[second]];
  const narrativePlan = `${next}: ${plans[0]}; ${plans[1]}.`;
  return { narrativeResults, narrativeLimitations, narrativePlan };
}

// ---------------------------------------------------------------------------
// Reports

function reportTimes(key: string, code: string) {
  const r = rng(`${key}|${code}|times`);
  const year = Number(code.slice(0, 4));
  const half = Number(code.slice(5));
  // On time: S1 reports between 3 and 14 July, S2 between 1 and 14 December, office hours.
  const submittedAt = vnTime(year, half === 1 ? 7 : 12, half === 1 ? r.int(3, 14) : r.int(1, 14), r.int(8, 16), r.int(0, 59));
  const approvedAt = new Date(submittedAt.getTime() + r.int(1, 10) * DAY + r.int(0, 6) * HOUR);
  const createdAt = new Date(submittedAt.getTime() - r.int(5, 20) * DAY);
  return { submittedAt, approvedAt, createdAt };
}

function reportOf(
  province: { id: string; key: string; orgName: string; staffUserId: string | null },
  code: string,
  figures: ProvinceFigures,
  fund: FundFigures,
  leaderUserId: string,
  mergedFrom: string[] | null,
): DemoReport {
  const { submittedAt, approvedAt, createdAt } = reportTimes(province.key, code);
  return {
    id: `demo-report-${province.key}-${code}`,
    provinceId: province.id,
    periodId: periodId(code),
    periodCode: code,
    status: 'APPROVED',
    version: 1,
    submittedAt,
    approvedAt,
    createdAt,
    updatedAt: approvedAt,
    fundOpening: fund.opening,
    fundSpent: fund.spent,
    fundClosing: fund.closing,
    members: figures.members,
    newMembers: figures.newMembers,
    branches: figures.branches,
    learningCentres: figures.learningCentres,
    centreClasses: figures.centreClasses,
    centreLearners: figures.centreLearners,
    ...narratives(province.key, code, province.orgName, figures, fund, mergedFrom),
    modelFigures: figures.models,
    fundMobilisations: fund.mobilisations,
    awards: fund.awards,
    statusEvents: [
      { fromStatus: 'DRAFT', toStatus: 'SUBMITTED', action: 'SUBMIT', comment: null, actorId: province.staffUserId, at: submittedAt },
      { fromStatus: 'SUBMITTED', toStatus: 'APPROVED', action: 'APPROVE', comment: null, actorId: leaderUserId, at: approvedAt },
    ],
  };
}

function orgName(p: { kind: 'tỉnh' | 'thành phố'; name: string }): string {
  return `${p.kind} ${p.name}`;
}

function buildReports(users: DemoUser[]): DemoReport[] {
  const userOfProvince = (id: string) => users.find((u) => u.provinceId === id)?.id ?? null;
  const leaderUserId = users.find((u) => u.role === 'CLUSTER_LEADER')!.id;
  const beforeMerger = PERIOD_CODES.filter((c) => periodDates(c).start < day(MERGER_DAY));
  const afterMerger = periodRange('2025S2', LAST_REPORTED_DEMO_PERIOD);
  const reported = periodRange(FIRST_DEMO_PERIOD, LAST_REPORTED_DEMO_PERIOD);

  // Hà Nội, not rearranged in 2025, reports every period on its one row; the others until 2025S1.
  const periodsOf = (p: ProvinceProfile) => (referenceProvince(p.key).validTo === null ? reported : beforeMerger);

  // Funds of every old province, members or not, up to 2025S1: the merged provinces open with
  // the sum of their predecessors' balances.
  const oldFunds = new Map(
    OLD_PROVINCES.map((p) => [p.key, fundSeries(p.key, periodsOf(p), p.fundPerYear2021, initialOpening(p))]),
  );

  const reports: DemoReport[] = [];
  for (const key of CLUSTER_OLD_KEYS) {
    const p = oldProfile(key);
    const id = provinceId(key);
    for (const period of periodsOf(p)) {
      reports.push(
        reportOf(
          { id, key: p.key, orgName: orgName(p), staffUserId: userOfProvince(id) },
          period,
          oldProvinceFigures(p, period),
          oldFunds.get(key)!.get(period)!,
          leaderUserId,
          null,
        ),
      );
    }
  }

  const lastBefore = beforeMerger[beforeMerger.length - 1];
  for (const m of MERGED_PROVINCES) {
    const predecessors = m.predecessorKeys.map(oldProfile);
    const { name } = referenceProvince(m.key);
    const id = provinceId(m.key);
    const opening = predecessors.reduce((a, p) => a + oldFunds.get(p.key)!.get(lastBefore)!.closing, 0n);
    const fundPerYear = predecessors.reduce((a, p) => a + p.fundPerYear2021, 0);
    const funds = fundSeries(m.key, afterMerger, fundPerYear, opening);
    // The provinces merged into the one whose name it took (the new Bắc Ninh: Bắc Giang).
    const others = predecessors.filter((p) => p.name !== name).map((p) => `tỉnh ${p.name}`);
    for (const period of afterMerger) {
      reports.push(
        reportOf(
          { id, key: m.key, orgName: `tỉnh ${name}`, staffUserId: userOfProvince(id) },
          period,
          sumFigures(predecessors.map((p) => oldProvinceFigures(p, period))),
          funds.get(period)!,
          leaderUserId,
          period === afterMerger[0] ? others : null,
        ),
      );
    }
  }
  return reports;
}

// ---------------------------------------------------------------------------
// Users

/** The demo province with this code and first day (how an account names its scope). */
function demoProvinceIdAt(code: string, validFrom: string): string {
  const key = DEMO_PROVINCE_KEYS.find((k) => referenceProvince(k).code === code && isoDay(referenceProvince(k).validFrom) === validFrom);
  if (!key) throw new Error(`No demo province ${code} from ${validFrom}`);
  return provinceId(key);
}

function buildUsers(): DemoUser[] {
  return DEMO_ACCOUNTS.map((a) => ({
    ...a,
    id: `demo-user-${a.email.split('@')[0]}`,
    provinceId: a.role === 'PROVINCE_STAFF' ? demoProvinceIdAt(a.scopeCode!, a.scopeValidFrom!) : null,
    clusterId: a.role === 'CLUSTER_LEADER' ? CLUSTER_ID : null,
  }));
}

// ---------------------------------------------------------------------------

/** The whole demo data set. Same output on every call. */
export function buildDemoData(): DemoData {
  const users = buildUsers();
  return {
    provinces: buildProvinces(),
    cluster: { id: CLUSTER_ID, code: DEMO_CLUSTER_CODE, name: 'Cụm III – Đồng bằng sông Hồng', region: 'Đồng bằng sông Hồng', note: CLUSTER_NOTE },
    memberships: buildMemberships(),
    leaderTerms: buildLeaderTerms(),
    periods: buildPeriods(),
    reports: buildReports(users),
    // The shipped reference targets, which every installation has: prisma/seed.ts loads them
    // idempotently (loadReferenceTargets), the bench data writes them as they are.
    targets: [...REFERENCE_TARGETS],
    users,
  };
}
