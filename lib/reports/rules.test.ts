import { describe, expect, it } from 'vitest';
import { AWARD_KINDS, RECIPIENT_GROUPS } from '../domain';
import { emptyReportData, type ReportData } from './data';
import { REPORT_FIELDS, REPORT_FIELD_BY_PATH } from './fields';
import {
  MAX_AWARD_PER_RECIPIENT,
  MAX_REGISTRATION_RATE_CHANGE,
  REPORT_RULES,
  USUAL_AWARD_PER_RECIPIENT,
  checkReport,
  evaluateRules,
  missingRequiredFields,
  type Expr,
  type RuleResult,
  type ValidationRule,
} from './rules';

const NBSP = '\u00A0';
const vnd = (digits: string) => `${digits}${NBSP}₫`;
const pct = (n: string) => `${n}${NBSP}%`;
const pts = (n: string) => `${n}${NBSP}điểm${NBSP}%`;

/** A complete report on which every rule passes. */
function sampleReport(): ReportData {
  const d = emptyReportData();
  d.models.FAMILY = { total: 1_000, registered: 950, recognised: 900 };
  d.models.CLAN = { total: 400, registered: 350, recognised: 299 };
  d.models.COMMUNITY = { total: 250, registered: 240, recognised: 220 };
  d.models.UNIT = { total: 198, registered: 196, recognised: 196 };
  d.models.CITIZEN = { total: 100_000, registered: 60_000, recognised: 45_000 };
  d.fund = {
    opening: 185_600_000_000n,
    mobilised: {
      ENTERPRISE: 40_000_000_000n,
      INDIVIDUAL: 12_500_000_000n,
      ORGANISATION: 8_000_000_000n,
      CLAN: 3_000_000_000n,
      OTHER: 500_000_000n,
    },
    spent: 50_000_000_000n,
    closing: 199_600_000_000n,
  };
  for (const kind of AWARD_KINDS) {
    for (const group of RECIPIENT_GROUPS) d.awards[kind][group] = { recipients: 1_000, amount: 1_500_000_000n };
  }
  d.membership = { members: 542_467, newMembers: 12_000, branches: 6_100 };
  d.centres = { centres: 126, classes: 3_400, learners: 250_000 };
  d.narrative = { results: 'Hoàn thành các chỉ tiêu.', limitations: '', plan: '' };
  return d;
}

/** The previous period: registration rates within 15 points of sampleReport's. */
function previousReport(): ReportData {
  const d = sampleReport();
  d.models.FAMILY = { total: 1_000, registered: 900, recognised: 850 };
  d.models.CITIZEN = { total: 90_000, registered: 50_000, recognised: 40_000 };
  return d;
}

function resultOf(id: string, data: ReportData, previous: ReportData | null = null): RuleResult {
  const r = evaluateRules(data, previous).find((x) => x.rule.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
}

function exprPaths(e: Expr): string[] {
  if ('field' in e) return [e.field];
  if ('prev' in e) return [e.prev];
  if ('const' in e) return [];
  if ('sum' in e) return e.sum.flatMap(exprPaths);
  if ('abs' in e) return exprPaths(e.abs);
  const [a, b] = 'sub' in e ? e.sub : 'mul' in e ? e.mul : e.ratio;
  return [...exprPaths(a), ...exprPaths(b)];
}

describe('REPORT_RULES', () => {
  it('has 3 rules per model, 2 fund rules, 3 per award kind × group and 1 membership rule', () => {
    expect(REPORT_RULES).toHaveLength(5 * 3 + 2 + 12 * 3 + 1);
    expect(REPORT_RULES.filter((r) => r.importance === 'BLOCKING')).toHaveLength(5 * 2 + 1 + 12 + 1);
    expect(REPORT_RULES.filter((r) => r.importance === 'WARNING')).toHaveLength(5 + 1 + 12 * 2);
  });

  it('has unique, stable ids (explanations are stored by id)', () => {
    const ids = REPORT_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 3)).toEqual([
      'models.FAMILY.recognised-le-registered',
      'models.FAMILY.registered-le-total',
      'models.FAMILY.registration-rate-change',
    ]);
    expect(ids).toContain('fund.balance');
    expect(ids).toContain('fund.spent-le-available');
    expect(ids).toContain('membership.new-members-le-members');
    expect(ids).toContain('awards.SCHOLARSHIP.EXCELLENT_STUDENT.amount-ceiling');
    expect(ids).toContain('awards.REWARD.LIFELONG_LEARNER.average-min');
    expect(ids).toContain('awards.SUPPORT.TALENTED_WORKER.average-max');
  });

  it('refers only to numeric catalogue figures, and highlights catalogue figures', () => {
    for (const rule of REPORT_RULES) {
      const values = Object.values(rule.values ?? {}).map((v) => v.expr);
      for (const path of [rule.left, rule.right, ...values].flatMap(exprPaths)) {
        expect(REPORT_FIELD_BY_PATH.get(path)?.kind, `${rule.id}: ${path}`).toMatch(/^(count|amount)$/);
      }
      expect(rule.fields.length).toBeGreaterThan(0);
      for (const path of rule.fields) expect(REPORT_FIELD_BY_PATH.has(path), `${rule.id}: ${path}`).toBe(true);
    }
  });

  it('uses only placeholders it defines (every message can be filled)', () => {
    for (const rule of REPORT_RULES) {
      for (const [, name] of rule.message.matchAll(/\{(\w+)\}/g)) {
        expect(name === 'left' || name === 'right' || name in (rule.values ?? {}), `${rule.id}: {${name}}`).toBe(true);
      }
    }
  });

  it('states its thresholds', () => {
    expect(MAX_REGISTRATION_RATE_CHANGE).toBe(0.15);
    expect(MAX_AWARD_PER_RECIPIENT).toBe(100_000_000);
    expect(USUAL_AWARD_PER_RECIPIENT).toEqual({ min: 50_000, max: 20_000_000 });
  });
});

describe('evaluateRules on complete, consistent figures', () => {
  it('passes every rule, saying what was checked', () => {
    const results = evaluateRules(sampleReport(), previousReport());
    expect(results.map((r) => r.rule)).toEqual([...REPORT_RULES]);
    expect(results.filter((r) => r.status !== 'PASS').map((r) => r.rule.id)).toEqual([]);
    expect(resultOf('models.FAMILY.registered-le-total', sampleReport())).toEqual({
      rule: REPORT_RULES[1],
      status: 'PASS',
      left: 950,
      right: 1000,
      message: 'Gia đình học tập: số đã đăng ký không lớn hơn tổng số.',
    });
  });
});

describe('evaluateRules on an empty draft', () => {
  it('skips every rule, with no previous report either', () => {
    const results = evaluateRules(emptyReportData(), null);
    expect(results.filter((r) => r.status !== 'SKIPPED')).toEqual([]);
    expect(results[0]).toEqual({
      rule: REPORT_RULES[0],
      status: 'SKIPPED',
      left: null,
      right: null,
      message: 'Gia đình học tập: số đạt danh hiệu không lớn hơn số đã đăng ký (chưa đủ số liệu để kiểm tra).',
    });
  });
});

describe('learning model rules (BLOCKING)', () => {
  it('fails when more units registered than exist', () => {
    const d = sampleReport();
    d.models.FAMILY = { total: 1_200, registered: 1_250, recognised: 1_000 };
    expect(resultOf('models.FAMILY.registered-le-total', d)).toMatchObject({
      status: 'FAIL',
      left: 1250,
      right: 1200,
      message: 'Gia đình học tập: số đã đăng ký (1.250) lớn hơn tổng số (1.200).',
    });
  });

  it('fails when more units were recognised than registered', () => {
    const d = sampleReport();
    d.models.COMMUNITY = { total: 2_500, registered: 2_400, recognised: 2_401 };
    expect(resultOf('models.COMMUNITY.recognised-le-registered', d)).toMatchObject({
      status: 'FAIL',
      left: 2401,
      right: 2400,
      message: 'Cộng đồng học tập: số đạt danh hiệu (2.401) lớn hơn số đã đăng ký (2.400).',
    });
  });

  it('passes at equality', () => {
    const d = sampleReport();
    d.models.UNIT = { total: 198, registered: 198, recognised: 198 };
    expect(resultOf('models.UNIT.registered-le-total', d).status).toBe('PASS');
    expect(resultOf('models.UNIT.recognised-le-registered', d).status).toBe('PASS');
  });

  it('is skipped while one of the two figures is empty', () => {
    const d = sampleReport();
    d.models.CLAN.total = null;
    expect(resultOf('models.CLAN.registered-le-total', d)).toMatchObject({ status: 'SKIPPED', left: 350, right: null });
    expect(resultOf('models.CLAN.recognised-le-registered', d).status).toBe('PASS');
  });
});

describe('registration rate change (WARNING)', () => {
  const id = 'models.FAMILY.registration-rate-change';
  function withFamily(now: [number, number], before: [number, number]) {
    const d = sampleReport();
    d.models.FAMILY = { total: now[1], registered: now[0], recognised: 0 };
    const p = sampleReport();
    p.models.FAMILY = { total: before[1], registered: before[0], recognised: 0 };
    return resultOf(id, d, p);
  }

  it('fails on a rise of more than 15 points, showing both rates and the change', () => {
    expect(withFamily([951, 1000], [800, 1000])).toMatchObject({
      status: 'FAIL',
      left: 0.151,
      right: 0.15,
      message: `Gia đình học tập: tỷ lệ đăng ký thay đổi ${pts('+15,1')} so với kỳ trước (từ ${pct('80')} thành ${pct('95,1')}), quá ${pts('15')}.`,
    });
  });

  it('fails on a fall of more than 15 points', () => {
    expect(withFamily([8_000, 10_000], [9_981, 10_000])).toMatchObject({
      status: 'FAIL',
      left: 0.1981,
      message: `Gia đình học tập: tỷ lệ đăng ký thay đổi ${pts('\u221219,81')} so với kỳ trước (từ ${pct('99,81')} thành ${pct('80')}), quá ${pts('15')}.`,
    });
  });

  it('passes at exactly 15 points, computed exactly (0.45 − 0.3 is 0.15000000000000002 in floating point)', () => {
    expect(withFamily([450, 1000], [300, 1000])).toMatchObject({ status: 'PASS', left: 0.15, right: 0.15 });
    expect(withFamily([300, 1000], [450, 1000]).status).toBe('PASS');
  });

  it('compares rates of different totals', () => {
    // 9 981 / 10 000 → 1 690 / 2 000: −15,31 points.
    expect(withFamily([1_690, 2_000], [9_981, 10_000]).status).toBe('FAIL');
    // 900 / 1 000 → 1 500 / 2 000: −15 points exactly.
    expect(withFamily([1_500, 2_000], [900, 1_000]).status).toBe('PASS');
  });

  it('is skipped without a previous report, or with a zero total now or before', () => {
    const d = sampleReport();
    expect(resultOf(id, d, null)).toMatchObject({ status: 'SKIPPED', right: 0.15 });
    expect(withFamily([0, 0], [800, 1000])).toMatchObject({ status: 'SKIPPED', left: null });
    expect(withFamily([900, 1000], [0, 0]).status).toBe('SKIPPED');
    const p = sampleReport();
    p.models.FAMILY.registered = null;
    expect(resultOf(id, d, p).status).toBe('SKIPPED');
  });
});

describe('fund rules', () => {
  it('passes when opening + mobilised − spent equals closing', () => {
    expect(resultOf('fund.balance', sampleReport())).toMatchObject({
      status: 'PASS',
      left: 199_600_000_000,
      right: 199_600_000_000,
      message: 'Quỹ khuyến học: số dư đầu kỳ + vận động trong kỳ − đã chi bằng số dư cuối kỳ.',
    });
  });

  it('fails (BLOCKING) when the fund does not balance, showing every figure and the difference', () => {
    const d = sampleReport();
    d.fund.closing = 199_500_000_000n;
    const r = resultOf('fund.balance', d);
    expect(r.rule.importance).toBe('BLOCKING');
    expect(r).toMatchObject({
      status: 'FAIL',
      left: 199_600_000_000,
      right: 199_500_000_000,
      message:
        `Quỹ khuyến học không cân đối: số dư đầu kỳ (${vnd('185.600.000.000')}) + vận động trong kỳ (${vnd('64.000.000.000')})` +
        ` − đã chi (${vnd('50.000.000.000')}) = ${vnd('199.600.000.000')}, nhưng số dư cuối kỳ là ${vnd('199.500.000.000')}` +
        ` (chênh lệch ${vnd('100.000.000')}).`,
    });
  });

  it('is exact to the dong at the largest amounts', () => {
    const d = emptyReportData();
    d.fund = {
      opening: 10n ** 15n,
      mobilised: { ENTERPRISE: 10n ** 15n, INDIVIDUAL: 10n ** 15n, ORGANISATION: 10n ** 15n, CLAN: 10n ** 15n, OTHER: 10n ** 15n },
      spent: 5n * 10n ** 15n + 1n,
      closing: 10n ** 15n,
    };
    const r = resultOf('fund.balance', d);
    expect(r.status).toBe('FAIL');
    expect(r.message).toContain(`(chênh lệch ${vnd('\u22121')})`);
    d.fund.closing = 10n ** 15n - 1n;
    expect(resultOf('fund.balance', d).status).toBe('PASS');
  });

  it('is skipped while any fund figure is empty', () => {
    const d = sampleReport();
    d.fund.mobilised.OTHER = null;
    expect(resultOf('fund.balance', d)).toMatchObject({ status: 'SKIPPED', left: null, right: 199_600_000_000 });
    expect(resultOf('fund.spent-le-available', d).status).toBe('SKIPPED');
  });

  it('warns when more was spent than was available, even before the closing balance is entered', () => {
    const d = sampleReport();
    d.fund.spent = 250_000_000_000n;
    d.fund.closing = null;
    const r = resultOf('fund.spent-le-available', d);
    expect(r.rule.importance).toBe('WARNING');
    expect(r).toMatchObject({
      status: 'FAIL',
      left: 250_000_000_000,
      right: 249_600_000_000,
      message: `Quỹ khuyến học: số đã chi (${vnd('250.000.000.000')}) lớn hơn số dư đầu kỳ cộng vận động trong kỳ (${vnd('249.600.000.000')}).`,
    });
    d.fund.spent = 249_600_000_000n;
    expect(resultOf('fund.spent-le-available', d).status).toBe('PASS');
  });
});

describe('membership rule (BLOCKING)', () => {
  it('fails when more new members than members', () => {
    const d = sampleReport();
    d.membership.members = 1_000;
    d.membership.newMembers = 1_001;
    expect(resultOf('membership.new-members-le-members', d)).toMatchObject({
      status: 'FAIL',
      message: 'Số hội viên mới kết nạp (1.001) lớn hơn số hội viên (1.000).',
    });
    d.membership.newMembers = 1_000;
    expect(resultOf('membership.new-members-le-members', d).status).toBe('PASS');
    d.membership.members = null;
    expect(resultOf('membership.new-members-le-members', d).status).toBe('SKIPPED');
  });
});

describe('award rules', () => {
  const prefix = 'awards.SCHOLARSHIP.EXCELLENT_STUDENT';
  function withAward(recipients: number | null, amount: bigint | null) {
    const d = sampleReport();
    d.awards.SCHOLARSHIP.EXCELLENT_STUDENT = { recipients, amount };
    return {
      ceiling: resultOf(`${prefix}.amount-ceiling`, d),
      min: resultOf(`${prefix}.average-min`, d),
      max: resultOf(`${prefix}.average-max`, d),
    };
  }

  it('refuses (BLOCKING) money reported for nobody', () => {
    const { ceiling, min, max } = withAward(0, 5_000_000n);
    expect(ceiling.rule.importance).toBe('BLOCKING');
    expect(ceiling).toMatchObject({
      status: 'FAIL',
      left: 5_000_000,
      right: 0,
      message: `Học bổng – học sinh giỏi: số tiền (${vnd('5.000.000')}) lớn hơn 0 người nhận × ${vnd('100.000.000')} = ${vnd('0')}.`,
    });
    // No average over zero recipients.
    expect(min.status).toBe('SKIPPED');
    expect(max.status).toBe('SKIPPED');
  });

  it('refuses (BLOCKING) more than 100.000.000 ₫ per recipient, exactly at the limit it passes', () => {
    expect(withAward(3, 300_000_001n).ceiling).toMatchObject({
      status: 'FAIL',
      right: 300_000_000,
      message: `Học bổng – học sinh giỏi: số tiền (${vnd('300.000.001')}) lớn hơn 3 người nhận × ${vnd('100.000.000')} = ${vnd('300.000.000')}.`,
    });
    expect(withAward(3, 300_000_000n).ceiling.status).toBe('PASS');
    expect(withAward(0, 0n).ceiling.status).toBe('PASS');
  });

  it('compares recipients × ceiling exactly beyond 2^53', () => {
    // 100 000 000 recipients × 100 000 000 ₫ = 10^16 > 2^53; the amount itself is capped by the schema,
    // but the rule must not overflow.
    expect(withAward(100_000_000, 10n ** 15n).ceiling).toMatchObject({ status: 'PASS', right: 1e16 });
  });

  it('warns when the average per recipient is below 50.000 ₫', () => {
    const { min, max } = withAward(100, 4_000_000n);
    expect(min.rule.importance).toBe('WARNING');
    expect(min).toMatchObject({
      status: 'FAIL',
      left: 40_000,
      right: 50_000,
      message: `Học bổng – học sinh giỏi: bình quân ${vnd('40.000')} mỗi người nhận (${vnd('4.000.000')} cho 100 người), thấp hơn ${vnd('50.000')}.`,
    });
    expect(max.status).toBe('PASS');
    expect(withAward(100, 5_000_000n).min.status).toBe('PASS');
  });

  it('warns when the average per recipient is above 20.000.000 ₫', () => {
    const { ceiling, min, max } = withAward(3, 70_000_000n);
    expect(ceiling.status).toBe('PASS');
    expect(min.status).toBe('PASS');
    expect(max).toMatchObject({
      status: 'FAIL',
      right: 20_000_000,
      message: `Học bổng – học sinh giỏi: bình quân ${vnd('23.333.333')} mỗi người nhận (${vnd('70.000.000')} cho 3 người), cao hơn ${vnd('20.000.000')}.`,
    });
    expect(max.left).toBeCloseTo(23_333_333.333, 3);
    expect(withAward(3, 60_000_000n).max.status).toBe('PASS');
  });

  it('is skipped while a figure is empty', () => {
    const r = withAward(null, 1_000_000n);
    expect([r.ceiling.status, r.min.status, r.max.status]).toEqual(['SKIPPED', 'SKIPPED', 'SKIPPED']);
    const s = withAward(10, null);
    expect([s.ceiling.status, s.min.status, s.max.status]).toEqual(['SKIPPED', 'SKIPPED', 'SKIPPED']);
  });

  it('names the kind and group of each award', () => {
    const d = sampleReport();
    d.awards.REWARD.LIFELONG_LEARNER = { recipients: 10, amount: 100_000n };
    expect(resultOf('awards.REWARD.LIFELONG_LEARNER.average-min', d).message).toBe(
      `Khen thưởng – học tập suốt đời, tự học thành tài: bình quân ${vnd('10.000')} mỗi người nhận (${vnd('100.000')} cho 10 người), thấp hơn ${vnd('50.000')}.`,
    );
  });
});

describe('evaluateRules with custom rules', () => {
  const d = sampleReport(); // members 542 467, newMembers 12 000, branches 6 100
  const rule = (left: Expr, operator: ValidationRule['operator'], right: Expr, extra: Partial<ValidationRule> = {}): ValidationRule => ({
    id: 'test',
    description: 'Kiểm tra',
    left,
    operator,
    right,
    importance: 'WARNING',
    message: '{left} / {right}',
    fields: ['membership.members'],
    ...extra,
  });
  const status = (r: ValidationRule) => evaluateRules(d, null, [r])[0].status;
  const branches = { field: 'membership.branches' };

  it('applies each operator', () => {
    expect(status(rule(branches, '<', { const: 6_101 }))).toBe('PASS');
    expect(status(rule(branches, '<', { const: 6_100 }))).toBe('FAIL');
    expect(status(rule(branches, '>', { const: 6_099 }))).toBe('PASS');
    expect(status(rule(branches, '>', { const: 6_100 }))).toBe('FAIL');
    expect(status(rule(branches, '>=', { const: 6_100 }))).toBe('PASS');
    expect(status(rule(branches, '>=', { const: 6_101 }))).toBe('FAIL');
    expect(status(rule(branches, '<=', { const: 6_100 }))).toBe('PASS');
    expect(status(rule(branches, '==', { const: 6_100 }))).toBe('PASS');
    expect(status(rule(branches, '==', { const: 6_100.5 }))).toBe('FAIL');
  });

  it('computes sum, sub, mul, ratio and abs exactly, reading constants as written', () => {
    // (0.1 + 0.2) == 0.3 holds in decimal though not in binary floating point.
    expect(status(rule({ sum: [{ const: 0.1 }, { const: 0.2 }] }, '==', { const: 0.3 }))).toBe('PASS');
    expect(status(rule({ abs: { sub: [{ const: 1 }, branches] } }, '==', { const: 6_099 }))).toBe('PASS');
    expect(status(rule({ mul: [branches, { const: 1e-2 }] }, '==', { const: 61 }))).toBe('PASS');
    expect(status(rule({ ratio: [{ const: 1 }, { const: 3 }] }, '<', { const: 0.3333333333333333 }))).toBe('FAIL');
    expect(status(rule({ ratio: [branches, { const: 0 }] }, '<', { const: 1 }))).toBe('SKIPPED');
    expect(status(rule({ sum: [] }, '==', { const: 0 }))).toBe('PASS');
  });

  it('fills {left}, {right} and named values in the chosen formats', () => {
    const r = rule(
      { ratio: [{ field: 'membership.newMembers' }, { field: 'membership.members' }] },
      '>',
      { const: 0.05 },
      {
        format: 'percent',
        message: 'Tỷ lệ {left} ≤ {right}; {n} người; quỹ {fund}; thay đổi {pp}.',
        values: {
          n: { expr: { field: 'membership.newMembers' }, format: 'count' },
          fund: { expr: { field: 'fund.opening' }, format: 'vnd' },
          pp: { expr: { const: -0.0123 }, format: 'points' },
        },
      },
    );
    expect(evaluateRules(d, null, [r])[0]).toMatchObject({
      status: 'FAIL',
      message: `Tỷ lệ ${pct('2,21')} ≤ ${pct('5')}; 12.000 người; quỹ ${vnd('185.600.000.000')}; thay đổi ${pts('\u22121,23')}.`,
    });
  });

  it('shows a missing named value as missing', () => {
    const r = rule(branches, '<', { const: 0 }, {
      message: '{x}',
      values: { x: { expr: { prev: 'membership.branches' }, format: 'count' } },
    });
    expect(evaluateRules(d, null, [r])[0].message).toBe('—');
  });

  it('throws on a placeholder the rule does not define, or on a rule over a text', () => {
    expect(() => evaluateRules(d, null, [rule(branches, '<', { const: 0 }, { message: '{oops}' })])).toThrow(
      'Rule test: unknown placeholder {oops}',
    );
    expect(() => evaluateRules(d, null, [rule({ field: 'narrative.results' }, '<', { const: 0 })])).toThrow(TypeError);
  });
});

describe('missingRequiredFields', () => {
  it('lists every required figure of an empty report, in catalogue order', () => {
    const missing = missingRequiredFields(emptyReportData());
    expect(missing).toEqual(REPORT_FIELDS.filter((f) => f.required).map((f) => f.path));
    expect(missing).toHaveLength(54);
    expect(missing).toContain('narrative.results');
    expect(missing).not.toContain('narrative.limitations');
    expect(missing).not.toContain('narrative.plan');
  });

  it('lists nothing for a complete report; 0 is a value, blank text is not', () => {
    const d = sampleReport();
    expect(missingRequiredFields(d)).toEqual([]);
    d.fund.spent = 0n;
    d.membership.newMembers = 0;
    expect(missingRequiredFields(d)).toEqual([]);
    d.narrative.results = '  \n ';
    d.centres.classes = null;
    expect(missingRequiredFields(d)).toEqual(['centres.classes', 'narrative.results']);
  });
});

describe('checkReport', () => {
  it('is clear for a complete, consistent report', () => {
    expect(checkReport(sampleReport(), previousReport())).toEqual({ blocking: [], warnings: [], missing: [] });
  });

  it('lists failed rules by importance, and missing figures; passed and skipped rules are left out', () => {
    const d = sampleReport();
    d.models.FAMILY = { total: 1_200, registered: 1_250, recognised: 1_000 }; // blocking; rate 104 % vs 90 %: within 15 points
    d.membership.newMembers = 600_000; // blocking
    d.awards.SUPPORT.TALENTED_WORKER = { recipients: 1, amount: 30_000_000n }; // warning: average above 20 million
    d.models.CLAN.total = null; // missing; its rules are skipped
    const check = checkReport(d, previousReport());
    expect(check.blocking.map((r) => r.rule.id)).toEqual([
      'models.FAMILY.registered-le-total',
      'membership.new-members-le-members',
    ]);
    expect(check.warnings.map((r) => r.rule.id)).toEqual(['awards.SUPPORT.TALENTED_WORKER.average-max']);
    expect(check.missing).toEqual(['models.CLAN.total']);
    expect([...check.blocking, ...check.warnings].every((r) => r.status === 'FAIL')).toBe(true);
    expect(check.blocking[0].message).toBe('Gia đình học tập: số đã đăng ký (1.250) lớn hơn tổng số (1.200).');
  });

  it('warns about a registration rate change only when the previous report is given', () => {
    const d = sampleReport();
    d.models.CITIZEN.registered = 90_000; // 90 % vs 50 000 / 90 000 = 55,56 % before
    expect(checkReport(d, null).warnings).toEqual([]);
    const [warning] = checkReport(d, previousReport()).warnings;
    expect(warning.rule.id).toBe('models.CITIZEN.registration-rate-change');
    expect(warning.message).toBe(
      `Công dân học tập: tỷ lệ đăng ký thay đổi ${pts('+34,44')} so với kỳ trước (từ ${pct('55,56')} thành ${pct('90')}), quá ${pts('15')}.`,
    );
  });
});
