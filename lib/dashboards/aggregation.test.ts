import { describe, expect, it } from 'vitest';
import {
  addGiven,
  aggregateSpan,
  assignToRows,
  combineStatus,
  countedStatuses,
  emptyAwards,
  emptyFigures,
  emptyFund,
  MERGER_ROLL_UP_RULE,
  modelCell,
  modelTotal,
  onTimeOf,
  previousSpan,
  rankModels,
  ratesOf,
  sumAcrossProvinces,
  type ModelCell,
  type PeriodFacts,
} from './aggregation';
import type { ProvinceNode } from '../reference/mergers';
import type { ModelFigures } from './metrics';

const f = (total: number, registered: number, recognised: number): ModelFigures => ({ total, registered, recognised });

/** Facts of one report: FAMILY figures, a fund and one award cell. */
function facts(
  periodCode: string,
  o: {
    family?: ModelFigures | null;
    clan?: ModelFigures | null;
    opening?: bigint | null;
    enterprise?: bigint | null;
    individual?: bigint | null;
    spent?: bigint | null;
    closing?: bigint | null;
    scholarships?: { recipients: number; amount: bigint } | null;
  } = {},
): PeriodFacts {
  const base = emptyFigures();
  base.models.FAMILY = o.family ?? null;
  base.models.CLAN = o.clan ?? null;
  base.fund.opening = o.opening ?? null;
  base.fund.mobilisedBySource.ENTERPRISE = o.enterprise ?? null;
  base.fund.mobilisedBySource.INDIVIDUAL = o.individual ?? null;
  base.fund.mobilised = addGiven([o.enterprise ?? null, o.individual ?? null]);
  base.fund.spent = o.spent ?? null;
  base.fund.closing = o.closing ?? null;
  if (o.scholarships) {
    base.awards.recipients = o.scholarships.recipients;
    base.awards.amount = o.scholarships.amount;
    base.awards.byKind.SCHOLARSHIP = { ...o.scholarships };
    base.awards.byGroup.EXCELLENT_STUDENT = { ...o.scholarships };
  }
  return { periodCode, ...base };
}

describe('addGiven', () => {
  it('sums what was given, null only when nothing was', () => {
    expect(addGiven([1, null, 2])).toBe(3);
    expect(addGiven([null, null] as Array<number | null>)).toBeNull();
    expect(addGiven([] as Array<bigint | null>)).toBeNull();
    expect(addGiven([0, null])).toBe(0);
    expect(addGiven([5n, null, 7n])).toBe(12n);
  });

  it('keeps amounts above 2^53 exact as bigint', () => {
    expect(addGiven([9_007_199_254_740_993n, 1n])).toBe(9_007_199_254_740_994n);
  });
});

describe('aggregateSpan: stocks take the latest, flows sum', () => {
  const s1 = facts('2025S1', {
    family: f(1000, 900, 700),
    opening: 100n,
    enterprise: 40n,
    individual: 10n,
    spent: 30n,
    closing: 120n,
    scholarships: { recipients: 5, amount: 20n },
  });
  const s2 = facts('2025S2', {
    family: f(1010, 950, 800),
    opening: 120n,
    enterprise: 60n,
    individual: 20n,
    spent: 50n,
    closing: 150n,
    scholarships: { recipients: 7, amount: 30n },
  });

  it('a year = S1 + S2: models from S2, opening of S1, closing of S2, mobilised and spent summed', () => {
    const year = aggregateSpan([s1, s2]);
    expect(year.periods).toEqual(['2025S1', '2025S2']);
    expect(year.stocksAsOf).toBe('2025S2');
    expect(year.models.FAMILY).toEqual(f(1010, 950, 800)); // not 2010 / 1850 / 1500
    expect(year.fund.opening).toBe(100n);
    expect(year.fund.closing).toBe(150n);
    expect(year.fund.mobilised).toBe(130n);
    expect(year.fund.mobilisedBySource.ENTERPRISE).toBe(100n);
    expect(year.fund.mobilisedBySource.INDIVIDUAL).toBe(30n);
    expect(year.fund.mobilisedBySource.OTHER).toBeNull();
    expect(year.fund.spent).toBe(80n);
    expect(year.awards.recipients).toBe(12);
    expect(year.awards.amount).toBe(50n);
    expect(year.awards.byKind.SCHOLARSHIP).toEqual({ recipients: 12, amount: 50n });
    expect(year.awards.byKind.REWARD).toEqual({ recipients: null, amount: null });
    expect(year.awards.byGroup.EXCELLENT_STUDENT).toEqual({ recipients: 12, amount: 50n });
  });

  it('keeps the balance identity over the span: opening + mobilised − spent = closing', () => {
    const year = aggregateSpan([s1, s2]);
    expect(year.fund.opening! + year.fund.mobilised! - year.fund.spent!).toBe(year.fund.closing);
  });

  it('does not depend on the order the periods are given in', () => {
    expect(aggregateSpan([s2, s1])).toEqual(aggregateSpan([s1, s2]));
  });

  it('a span of one period is that period', () => {
    const one = aggregateSpan([s1]);
    expect(one.models).toEqual(s1.models);
    expect(one.fund).toEqual(s1.fund);
    expect(one.awards).toEqual(s1.awards);
  });

  it('with S2 missing, stocks are those of S1 and flows only S1', () => {
    const half = aggregateSpan([s1, facts('2025S2')]);
    expect(half.periods).toEqual(['2025S1']);
    expect(half.stocksAsOf).toBe('2025S1');
    expect(half.models.FAMILY).toEqual(f(1000, 900, 700));
    expect(half.fund.closing).toBe(120n);
    expect(half.fund.mobilised).toBe(50n);
  });

  it('with S1 missing, the opening is that of the earliest report (S2)', () => {
    expect(aggregateSpan([facts('2025S1'), s2]).fund.opening).toBe(120n);
  });

  it('a longer span (three periods) sums three flows and takes the last stock', () => {
    const s3 = facts('2026S1', { family: f(1020, 1000, 900), opening: 150n, enterprise: 1n, spent: 1n, closing: 150n });
    const span = aggregateSpan([s3, s1, s2]);
    expect(span.models.FAMILY).toEqual(f(1020, 1000, 900));
    expect(span.fund.opening).toBe(100n);
    expect(span.fund.closing).toBe(150n);
    expect(span.fund.spent).toBe(81n);
    expect(span.fund.mobilised).toBe(131n);
  });

  it('takes each model from the latest period that gives it', () => {
    const a = facts('2024S1', { family: f(10, 5, 1), clan: f(4, 2, 1) });
    const b = facts('2024S2', { family: f(12, 6, 2) });
    const span = aggregateSpan([a, b]);
    expect(span.models.FAMILY).toEqual(f(12, 6, 2));
    expect(span.models.CLAN).toEqual(f(4, 2, 1));
  });

  it('an empty span has no figures, not zeros', () => {
    const empty = aggregateSpan([]);
    expect(empty.periods).toEqual([]);
    expect(empty.stocksAsOf).toBeNull();
    expect(empty.models.FAMILY).toBeNull();
    expect(empty.fund).toEqual(emptyFund());
    expect(empty.awards).toEqual(emptyAwards());
  });

  it('refuses a period given twice (it would be summed twice)', () => {
    expect(() => aggregateSpan([s1, s1])).toThrow(/2025S1 given twice/);
  });
});

describe('sumAcrossProvinces: a cluster Σ', () => {
  const a = facts('2022S1', { family: f(10_000, 9_981, 9_000), opening: 5n, enterprise: 3n, spent: 2n, closing: 6n });
  const b = facts('2022S1', { family: f(500, 470, 400), opening: 1n, individual: 4n, spent: 1n, closing: 4n });

  it('adds stocks and flows alike', () => {
    const s = sumAcrossProvinces([a, b]);
    expect(s.models.FAMILY).toEqual(f(10_500, 10_451, 9_400));
    expect(s.fund).toEqual({
      opening: 6n,
      mobilised: 7n,
      mobilisedBySource: { ENTERPRISE: 3n, INDIVIDUAL: 4n, ORGANISATION: null, CLAN: null, OTHER: null },
      spent: 3n,
      closing: 10n,
    });
  });

  it('leaves out provinces without a figure instead of counting them as zero', () => {
    const s = sumAcrossProvinces([a, facts('2022S1')]);
    expect(s.models.FAMILY).toEqual(f(10_000, 9_981, 9_000));
    expect(s.models.CLAN).toBeNull();
    expect(s.fund.opening).toBe(5n);
  });

  it('of nothing is nothing', () => {
    expect(sumAcrossProvinces([])).toEqual(emptyFigures());
  });
});

describe('rates: Σ/Σ, never an average of percentages; zero denominators give null', () => {
  it('the cluster rate is Σ registered / Σ total', () => {
    const t = modelTotal([f(10_000, 9_981, 0), f(500, 470, 0)], []);
    expect(t.registrationRate).toBe(10_451 / 10_500);
    expect(t.registrationRate).not.toBeCloseTo((0.9981 + 0.94) / 2, 3);
    expect(t).toMatchObject({ total: 10_500, registered: 10_451, recognised: 0, provinces: 2, recognitionRate: 0 });
  });

  it('counts only the provinces that gave a figure', () => {
    expect(modelTotal([f(100, 50, 10), null, null], []).provinces).toBe(1);
  });

  it('is null for zero totals or no figures, and the change is null too', () => {
    expect(ratesOf(f(0, 0, 0))).toEqual({ registrationRate: null, recognitionRate: null });
    expect(ratesOf(null)).toEqual({ registrationRate: null, recognitionRate: null });
    const empty = modelTotal([], [f(10, 5, 1)]);
    expect(empty).toMatchObject({ total: 0, registered: 0, recognised: 0, registrationRate: null, provinces: 0, changePp: null });
    expect(modelTotal([f(0, 0, 0)], []).registrationRate).toBeNull();
  });

  it("gives the article's Vĩnh Phúc rate exactly", () => {
    expect(modelCell(f(306_300, 305_718, 200_000), null).registrationRate).toBe(305_718 / 306_300);
    expect(modelCell(f(10_000, 9_981, 0), null).registrationRate).toBe(0.9981);
  });
});

describe('change since the previous period, in percentage points', () => {
  it('is the difference of the rates × 100, exact to the displayed decimals', () => {
    const c = modelCell(f(10_000, 9_981, 9_000), f(10_000, 9_500, 8_000));
    expect(c.previousRegistrationRate).toBe(0.95);
    expect(c.changePp).toBe(4.81);
    expect(c.recognitionChangePp).toBe(10);
  });

  it('is negative for a fall, and null without a previous figure or with a zero total', () => {
    expect(modelCell(f(100, 90, 0), f(100, 95, 0)).changePp).toBe(-5);
    expect(modelCell(f(100, 90, 0), null).changePp).toBeNull();
    expect(modelCell(f(100, 90, 0), f(0, 0, 0)).changePp).toBeNull();
    expect(modelCell(null, f(100, 90, 0)).changePp).toBeNull();
  });

  it('for a cluster, is the change of Σ/Σ rates', () => {
    const t = modelTotal([f(100, 90, 0), f(300, 300, 0)], [f(100, 80, 0), f(100, 100, 0)]);
    expect(t.registrationRate).toBe(0.975);
    expect(t.previousRegistrationRate).toBe(0.9);
    expect(t.changePp).toBe(7.5);
  });
});

describe('previousSpan', () => {
  it('is the span of the same length just before', () => {
    expect(previousSpan('2025S1', '2025S2')).toEqual({ from: '2024S1', to: '2024S2' });
    expect(previousSpan('2025S2', '2026S1')).toEqual({ from: '2024S2', to: '2025S1' });
    expect(previousSpan('2022S1', '2022S1')).toEqual({ from: '2021S2', to: '2021S2' });
    expect(previousSpan('2021S1', '2022S2')).toEqual({ from: '2019S1', to: '2020S2' });
  });

  it('refuses an empty span', () => {
    expect(() => previousSpan('2025S2', '2025S1')).toThrow(/Empty span/);
  });
});

describe('rankModels', () => {
  const row = (name: string, reg: number | null, rec: number | null) => {
    const cell: ModelCell = { ...modelCell(null, null), registrationRate: reg, recognitionRate: rec };
    return { name, models: { FAMILY: cell, CLAN: cell, COMMUNITY: cell, UNIT: cell, CITIZEN: cell } };
  };

  it('ranks each model by registration and by recognition, highest first, ties shared, no rate unranked', () => {
    const ranked = rankModels([row('A', 0.9, 0.5), row('B', 0.95, 0.5), row('C', null, 0.7), row('D', 0.9, null)]);
    expect(ranked.map((r) => r.name)).toEqual(['A', 'B', 'C', 'D']); // input order kept
    expect(ranked.map((r) => r.models.FAMILY.rank)).toEqual([2, 1, null, 2]);
    expect(ranked.map((r) => r.models.FAMILY.recognitionRank)).toEqual([2, 2, 1, null]);
    expect(ranked.map((r) => r.models.CITIZEN.rank)).toEqual([2, 1, null, 2]);
  });

  it('does not modify its input, and ranks an empty list', () => {
    const input = [row('A', 0.9, 0.5)];
    rankModels(input);
    expect(input[0].models.FAMILY.rank).toBeNull();
    expect(rankModels([])).toEqual([]);
  });
});

describe('statuses of a combined row', () => {
  const t = (iso: string) => new Date(iso);

  it('is the least advanced part, submitted at the latest part', () => {
    expect(
      combineStatus([
        { status: 'APPROVED', submittedAt: t('2025-07-10T00:00:00Z') },
        { status: 'SUBMITTED', submittedAt: t('2025-07-12T00:00:00Z') },
      ]),
    ).toEqual({ status: 'SUBMITTED', submittedAt: t('2025-07-12T00:00:00Z') });
    expect(combineStatus([{ status: 'APPROVED', submittedAt: null }, { status: null, submittedAt: null }]).status).toBeNull();
    expect(combineStatus([{ status: 'RETURNED', submittedAt: null }, { status: 'DRAFT', submittedAt: null }]).status).toBe('DRAFT');
    expect(combineStatus([])).toEqual({ status: null, submittedAt: null });
  });

  it('is on time when delivered by the deadline; null when not delivered', () => {
    const deadline = t('2022-07-15T16:59:59Z');
    expect(onTimeOf({ status: 'APPROVED', submittedAt: t('2022-07-15T16:59:59Z') }, deadline)).toBe(true);
    expect(onTimeOf({ status: 'SUBMITTED', submittedAt: t('2022-07-15T17:00:00Z') }, deadline)).toBe(false);
    expect(onTimeOf({ status: 'RETURNED', submittedAt: t('2022-07-01T00:00:00Z') }, deadline)).toBeNull();
    expect(onTimeOf({ status: null, submittedAt: null }, deadline)).toBeNull();
  });

  it('counts delivered reports, or only approved ones', () => {
    expect(countedStatuses(false)).toEqual(['SUBMITTED', 'APPROVED']);
    expect(countedStatuses(true)).toEqual(['APPROVED']);
  });
});

describe('merger roll-ups', () => {
  const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
  // Hưng Yên + Thái Bình → Hưng Yên (new); Hà Nội unchanged; a two-step chain X → Y → Z.
  const nodes: ProvinceNode[] = [
    { id: 'hy-new', code: '33', validFrom: d('2025-07-01'), validTo: null, successorId: null },
    { id: 'hy-old', code: '33', validFrom: d('1997-01-01'), validTo: d('2025-06-30'), successorId: 'hy-new' },
    { id: 'tb', code: '34', validFrom: d('1997-01-01'), validTo: d('2025-06-30'), successorId: 'hy-new' },
    { id: 'hn', code: '01', validFrom: d('1997-01-01'), validTo: null, successorId: null },
    { id: 'z', code: '90', validFrom: d('2030-01-01'), validTo: null, successorId: null },
    { id: 'y', code: '91', validFrom: d('2028-01-01'), validTo: d('2029-12-31'), successorId: 'z' },
    { id: 'x', code: '92', validFrom: d('2000-01-01'), validTo: d('2027-12-31'), successorId: 'y' },
  ];

  it('assigns each province to the first row on its successor chain', () => {
    const map = assignToRows(['hy-old', 'tb', 'hy-new', 'hn', 'x'], ['hy-new', 'y'], nodes);
    expect(Object.fromEntries(map)).toEqual({ 'hy-old': 'hy-new', tb: 'hy-new', 'hy-new': 'hy-new', x: 'y' });
    // Rows that are old provinces themselves keep their own figures ("as reported").
    expect(Object.fromEntries(assignToRows(['hy-old', 'tb'], ['hy-old', 'tb', 'hy-new'], nodes))).toEqual({ 'hy-old': 'hy-old', tb: 'tb' });
  });

  it('refuses unknown provinces and cycles', () => {
    expect(() => assignToRows(['nowhere'], ['hn'], nodes)).toThrow(/Unknown province/);
    const cyclic: ProvinceNode[] = [
      { id: 'a', code: '1', validFrom: d('2000-01-01'), validTo: null, successorId: 'b' },
      { id: 'b', code: '2', validFrom: d('2000-01-01'), validTo: null, successorId: 'a' },
    ];
    expect(() => assignToRows(['a'], ['c'], cyclic)).toThrow(/Cycle/);
  });

  it('states the rule in Vietnamese for the page', () => {
    expect(MERGER_ROLL_UP_RULE).toMatch(/cộng vào tỉnh kế thừa/);
    expect(MERGER_ROLL_UP_RULE).toMatch(/tính lại từ tổng số/);
  });
});
