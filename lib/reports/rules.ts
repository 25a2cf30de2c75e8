// Validation rules as data (DHIS2 style): a left expression, an operator, a right expression,
// an importance and a message. BLOCKING rules stop a submission; WARNING rules ask the province
// to explain (Report.warningExplanations, keyed by rule id, so ids must never change).
//
// Arithmetic is exact: every value is a fraction of two bigints, so a sum of amounts, a rate
// (registered / total) or a difference of rates is compared without rounding, and 0.15 means
// the decimal 0.15 exactly (constants are read from their decimal form). Amounts are at most
// MAX_AMOUNT < 2^53, so even plain Number sums would be exact; fractions make ratios and
// products (recipients × ceiling, up to 10^16) exact as well. Numbers become doubles only
// for display and for RuleResult.left/right.
//
// A rule with a missing operand (an empty figure, no previous report, a zero denominator) is
// SKIPPED, never FAILed: a draft may be incomplete, and completeness is checked separately by
// missingRequiredFields().
//
// The warning thresholds are settings an administrator may change (lib/reference/settings.ts):
// the rules are built from them, so every caller passes the thresholds in force.

import { AWARD_KINDS, FUND_SOURCES, LEARNING_MODELS, LEARNING_MODEL_LABELS, RECIPIENT_GROUPS } from '../domain';
import { formatInteger, formatPercent, formatPercentagePoints, formatVnd } from '../format';
import { AWARD_CEILING_PER_RECIPIENT, DEFAULT_THRESHOLDS, formatThreshold, type ValidationThresholds } from '../reference/settings';
import { getFieldValue, type ReportData } from './data';
import { REPORT_FIELDS, REPORT_GROUP_LABELS } from './fields';

/**
 * field: a figure of this report; prev: the same figure in the previous period's report.
 * `mul` is not in DHIS2's minimal set but is needed for "amount ≤ recipients × ceiling".
 */
export type Expr =
  | { field: string }
  | { prev: string }
  | { const: number }
  | { sum: Expr[] }
  | { sub: [Expr, Expr] }
  | { mul: [Expr, Expr] }
  | { ratio: [Expr, Expr] }
  | { abs: Expr };

export type RuleImportance = 'BLOCKING' | 'WARNING';
export type RuleOperator = '<=' | '>=' | '==' | '<' | '>';
/** How a value is shown in a message: count "1.250", vnd "1.250 ₫", percent "95 %", points "+4,81 điểm %". */
export type ValueFormat = 'count' | 'vnd' | 'percent' | 'points';

export type ValidationRule = {
  /** Stable: explanations of warnings are stored by rule id. */
  id: string;
  /** What the rule checks, as a statement that holds when it passes (no final period). */
  description: string;
  left: Expr;
  operator: RuleOperator;
  right: Expr;
  importance: RuleImportance;
  /** Shown when the rule fails. Placeholders: {left}, {right} and the names in `values`. */
  message: string;
  /** Format of {left} and {right}; 'count' when absent. */
  format?: ValueFormat;
  /** Further values a message shows, e.g. both rates behind a change. */
  values?: Record<string, { expr: Expr; format: ValueFormat }>;
  /** Catalogue paths to highlight in the form. */
  fields: string[];
};

export type RuleResult = {
  rule: ValidationRule;
  status: 'PASS' | 'FAIL' | 'SKIPPED';
  left: number | null;
  right: number | null;
  message: string;
};

// ---------------------------------------------------------------------------------------------
// Exact fractions

type Fraction = { n: bigint; d: bigint }; // d > 0, reduced

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function fraction(n: bigint, d: bigint = 1n): Fraction {
  if (d === 0n) throw new RangeError('Zero denominator');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

const add = (a: Fraction, b: Fraction) => fraction(a.n * b.d + b.n * a.d, a.d * b.d);
const subtract = (a: Fraction, b: Fraction) => fraction(a.n * b.d - b.n * a.d, a.d * b.d);
const multiply = (a: Fraction, b: Fraction) => fraction(a.n * b.n, a.d * b.d);
const compare = (a: Fraction, b: Fraction) => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};

// The decimal the constant was written as (0.15 → 15/100), not the binary double's exact value.
function fractionOfConstant(x: number): Fraction {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(x));
  if (!match) throw new RangeError(`Invalid rule constant: ${x}`);
  const [, sign, whole, decimals = '', exponent = '0'] = match;
  let n = BigInt(whole + decimals) * (sign ? -1n : 1n);
  let d = 10n ** BigInt(decimals.length);
  const e = Number(exponent);
  if (e >= 0) n *= 10n ** BigInt(e);
  else d *= 10n ** BigInt(-e);
  return fraction(n, d);
}

const TWO_53 = 2n ** 53n;

function toNumber(q: Fraction): number {
  const absN = q.n < 0n ? -q.n : q.n;
  // Both exact as doubles: IEEE division is then correctly rounded.
  if (absN <= TWO_53 && q.d <= TWO_53) return Number(q.n) / Number(q.d);
  const whole = q.n / q.d;
  return Number(whole) + Number(((q.n - whole * q.d) * TWO_53) / q.d) / Number(TWO_53);
}

// ---------------------------------------------------------------------------------------------
// Evaluation

function valueOf(data: ReportData | null, path: string): Fraction | null {
  if (data === null) return null;
  const v = getFieldValue(data, path);
  if (v === null) return null;
  if (typeof v === 'string') throw new TypeError(`Rule refers to a text field: ${path}`);
  return fraction(typeof v === 'bigint' ? v : BigInt(v));
}

function evaluate(expr: Expr, data: ReportData, previous: ReportData | null): Fraction | null {
  if ('field' in expr) return valueOf(data, expr.field);
  if ('prev' in expr) return valueOf(previous, expr.prev);
  if ('const' in expr) return fractionOfConstant(expr.const);
  if ('sum' in expr) {
    let total = fraction(0n);
    for (const term of expr.sum) {
      const v = evaluate(term, data, previous);
      if (v === null) return null;
      total = add(total, v);
    }
    return total;
  }
  if ('abs' in expr) {
    const v = evaluate(expr.abs, data, previous);
    return v === null ? null : fraction(v.n < 0n ? -v.n : v.n, v.d);
  }
  const [leftExpr, rightExpr] = 'sub' in expr ? expr.sub : 'mul' in expr ? expr.mul : expr.ratio;
  const a = evaluate(leftExpr, data, previous);
  const b = evaluate(rightExpr, data, previous);
  if (a === null || b === null) return null;
  if ('sub' in expr) return subtract(a, b);
  if ('mul' in expr) return multiply(a, b);
  if (b.n === 0n) return null; // a ratio over zero has no value: the rule is skipped
  return fraction(a.n * b.d, a.d * b.n);
}

function holds(operator: RuleOperator, c: number): boolean {
  switch (operator) {
    case '<=':
      return c <= 0;
    case '>=':
      return c >= 0;
    case '==':
      return c === 0;
    case '<':
      return c < 0;
    case '>':
      return c > 0;
  }
}

function display(q: Fraction | null, format: ValueFormat): string {
  switch (format) {
    case 'count':
      return formatInteger(q === null ? null : q.d === 1n ? q.n : toNumber(q));
    case 'vnd':
      return formatVnd(q === null ? null : q.d === 1n ? q.n : toNumber(q));
    case 'percent':
      return formatPercent(q === null ? null : toNumber(q));
    case 'points':
      return formatPercentagePoints(q === null ? null : toNumber(multiply(q, fraction(100n))));
  }
}

function fillMessage(
  rule: ValidationRule,
  left: Fraction | null,
  right: Fraction | null,
  data: ReportData,
  previous: ReportData | null,
): string {
  const format = rule.format ?? 'count';
  return rule.message.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'left') return display(left, format);
    if (name === 'right') return display(right, format);
    const value = rule.values?.[name];
    if (!value) throw new Error(`Rule ${rule.id}: unknown placeholder {${name}}`);
    return display(evaluate(value.expr, data, previous), value.format);
  });
}

/** Every rule's outcome, in rule order. `previous` is the province's report for the period before. */
export function evaluateRules(
  data: ReportData,
  previous: ReportData | null,
  rules: readonly ValidationRule[] = REPORT_RULES,
): RuleResult[] {
  return rules.map((rule) => {
    const left = evaluate(rule.left, data, previous);
    const right = evaluate(rule.right, data, previous);
    const numbers = { left: left && toNumber(left), right: right && toNumber(right) };
    if (left === null || right === null) {
      return { rule, status: 'SKIPPED', ...numbers, message: `${rule.description} (chưa đủ số liệu để kiểm tra).` };
    }
    if (holds(rule.operator, compare(left, right))) {
      return { rule, status: 'PASS', ...numbers, message: `${rule.description}.` };
    }
    return { rule, status: 'FAIL', ...numbers, message: fillMessage(rule, left, right, data, previous) };
  });
}

/** Catalogue paths of the required figures still empty (a text of only spaces is empty). */
export function missingRequiredFields(data: ReportData): string[] {
  return REPORT_FIELDS.filter((field) => {
    if (!field.required) return false;
    const v = getFieldValue(data, field.path);
    return v === null || (typeof v === 'string' && v.trim() === '');
  }).map((field) => field.path);
}

export type ReportCheck = { blocking: RuleResult[]; warnings: RuleResult[]; missing: string[] };

/**
 * What stands between a report and its submission: failed rules by importance, and empty required
 * figures. `thresholds`: the settings in force (lib/reference/settings-store.ts); the defaults only
 * where no database is at hand.
 */
export function checkReport(data: ReportData, previous: ReportData | null, thresholds: ValidationThresholds = DEFAULT_THRESHOLDS): ReportCheck {
  const failed = evaluateRules(data, previous, reportRules(thresholds)).filter((r) => r.status === 'FAIL');
  return {
    blocking: failed.filter((r) => r.rule.importance === 'BLOCKING'),
    warnings: failed.filter((r) => r.rule.importance === 'WARNING'),
    missing: missingRequiredFields(data),
  };
}

// ---------------------------------------------------------------------------------------------
// The rules

/** Largest change of a model's registration rate from the previous period before a warning (fraction), by default. */
export const MAX_REGISTRATION_RATE_CHANGE = DEFAULT_THRESHOLDS.registrationRateChangePoints / 100;
/** Highest average award per recipient (VND) accepted at all: above it the figures are surely mistyped. */
export const MAX_AWARD_PER_RECIPIENT = AWARD_CEILING_PER_RECIPIENT;
/** Usual range of the average award per recipient (VND), by default; outside it the province is asked to explain. */
export const USUAL_AWARD_PER_RECIPIENT = { min: DEFAULT_THRESHOLDS.awardAverageMin, max: DEFAULT_THRESHOLDS.awardAverageMax } as const;

const field = (path: string): Expr => ({ field: path });
const prev = (path: string): Expr => ({ prev: path });
const constant = (n: number): Expr => ({ const: n });

function modelRules(t: ValidationThresholds): ValidationRule[] {
  const threshold = formatThreshold('registrationRateChangePoints', t.registrationRateChangePoints);
  // points / 100, exactly: 12.5 points is the fraction 1/8, not the double nearest 0.125.
  const maxChange: Expr = { ratio: [constant(t.registrationRateChangePoints), constant(100)] };
  return LEARNING_MODELS.flatMap((model): ValidationRule[] => {
    const name = LEARNING_MODEL_LABELS[model];
    const p = (key: string) => `models.${model}.${key}`;
    const rate: Expr = { ratio: [field(p('registered')), field(p('total'))] };
    const previousRate: Expr = { ratio: [prev(p('registered')), prev(p('total'))] };
    return [
      {
        id: `models.${model}.recognised-le-registered`,
        description: `${name}: số đạt danh hiệu không lớn hơn số đã đăng ký`,
        left: field(p('recognised')),
        operator: '<=',
        right: field(p('registered')),
        importance: 'BLOCKING',
        message: `${name}: số đạt danh hiệu ({left}) lớn hơn số đã đăng ký ({right}).`,
        fields: [p('recognised'), p('registered')],
      },
      {
        id: `models.${model}.registered-le-total`,
        description: `${name}: số đã đăng ký không lớn hơn tổng số`,
        left: field(p('registered')),
        operator: '<=',
        right: field(p('total')),
        importance: 'BLOCKING',
        message: `${name}: số đã đăng ký ({left}) lớn hơn tổng số ({right}).`,
        fields: [p('registered'), p('total')],
      },
      {
        id: `models.${model}.registration-rate-change`,
        description: `${name}: tỷ lệ đăng ký thay đổi không quá ${threshold} so với kỳ trước`,
        left: { abs: { sub: [rate, previousRate] } },
        operator: '<=',
        right: maxChange,
        importance: 'WARNING',
        message: `${name}: tỷ lệ đăng ký thay đổi {change} so với kỳ trước (từ {previousRate} thành {rate}), quá ${threshold}.`,
        format: 'points',
        values: {
          change: { expr: { sub: [rate, previousRate] }, format: 'points' },
          rate: { expr: rate, format: 'percent' },
          previousRate: { expr: previousRate, format: 'percent' },
        },
        fields: [p('registered'), p('total')],
      },
    ];
  });
}

function fundRules(): ValidationRule[] {
  const mobilisedPaths = FUND_SOURCES.map((s) => `fund.mobilised.${s}`);
  const mobilised: Expr = { sum: mobilisedPaths.map(field) };
  const available: Expr = { sum: [field('fund.opening'), mobilised] };
  const computedClosing: Expr = { sub: [available, field('fund.spent')] };
  return [
    {
      id: 'fund.balance',
      description: 'Quỹ khuyến học: số dư đầu kỳ + vận động trong kỳ − đã chi bằng số dư cuối kỳ',
      left: computedClosing,
      operator: '==',
      right: field('fund.closing'),
      importance: 'BLOCKING',
      message:
        'Quỹ khuyến học không cân đối: số dư đầu kỳ ({opening}) + vận động trong kỳ ({mobilised}) − đã chi ({spent}) = {left}, nhưng số dư cuối kỳ là {right} (chênh lệch {difference}).',
      format: 'vnd',
      values: {
        opening: { expr: field('fund.opening'), format: 'vnd' },
        mobilised: { expr: mobilised, format: 'vnd' },
        spent: { expr: field('fund.spent'), format: 'vnd' },
        difference: { expr: { sub: [computedClosing, field('fund.closing')] }, format: 'vnd' },
      },
      fields: ['fund.opening', ...mobilisedPaths, 'fund.spent', 'fund.closing'],
    },
    {
      id: 'fund.spent-le-available',
      description: 'Quỹ khuyến học: số đã chi không lớn hơn số dư đầu kỳ + vận động trong kỳ',
      left: field('fund.spent'),
      operator: '<=',
      right: available,
      importance: 'WARNING',
      message: 'Quỹ khuyến học: số đã chi ({left}) lớn hơn số dư đầu kỳ cộng vận động trong kỳ ({right}).',
      format: 'vnd',
      fields: ['fund.spent', 'fund.opening', ...mobilisedPaths],
    },
  ];
}

function membershipRules(): ValidationRule[] {
  return [
    {
      id: 'membership.new-members-le-members',
      description: 'Số hội viên mới kết nạp không lớn hơn số hội viên',
      left: field('membership.newMembers'),
      operator: '<=',
      right: field('membership.members'),
      importance: 'BLOCKING',
      message: 'Số hội viên mới kết nạp ({left}) lớn hơn số hội viên ({right}).',
      fields: ['membership.newMembers', 'membership.members'],
    },
  ];
}

function awardRules(t: ValidationThresholds): ValidationRule[] {
  const ceiling = formatVnd(MAX_AWARD_PER_RECIPIENT);
  return AWARD_KINDS.flatMap((kind) =>
    RECIPIENT_GROUPS.flatMap((group): ValidationRule[] => {
      const prefix = `awards.${kind}.${group}`;
      const name = REPORT_GROUP_LABELS.get(prefix) ?? prefix;
      const amount = field(`${prefix}.amount`);
      const recipients = field(`${prefix}.recipients`);
      const average: Expr = { ratio: [amount, recipients] };
      const fields = [`${prefix}.recipients`, `${prefix}.amount`];
      const values = {
        amount: { expr: amount, format: 'vnd' as const },
        recipients: { expr: recipients, format: 'count' as const },
      };
      return [
        {
          // Also catches money reported for nobody (0 recipients, amount > 0).
          id: `${prefix}.amount-ceiling`,
          description: `${name}: số tiền không quá ${ceiling} cho mỗi người nhận`,
          left: amount,
          operator: '<=',
          right: { mul: [recipients, constant(MAX_AWARD_PER_RECIPIENT)] },
          importance: 'BLOCKING',
          message: `${name}: số tiền ({left}) lớn hơn {recipients} người nhận × ${ceiling} = {right}.`,
          format: 'vnd',
          values,
          fields,
        },
        {
          id: `${prefix}.average-min`,
          description: `${name}: bình quân mỗi người nhận không dưới ${formatVnd(t.awardAverageMin)}`,
          left: average,
          operator: '>=',
          right: constant(t.awardAverageMin),
          importance: 'WARNING',
          message: `${name}: bình quân {left} mỗi người nhận ({amount} cho {recipients} người), thấp hơn {right}.`,
          format: 'vnd',
          values,
          fields,
        },
        {
          id: `${prefix}.average-max`,
          description: `${name}: bình quân mỗi người nhận không quá ${formatVnd(t.awardAverageMax)}`,
          left: average,
          operator: '<=',
          right: constant(t.awardAverageMax),
          importance: 'WARNING',
          message: `${name}: bình quân {left} mỗi người nhận ({amount} cho {recipients} người), cao hơn {right}.`,
          format: 'vnd',
          values,
          fields,
        },
      ];
    }),
  );
}

function buildRules(t: ValidationThresholds): readonly ValidationRule[] {
  return Object.freeze([...modelRules(t), ...fundRules(), ...awardRules(t), ...membershipRules()]);
}

const sameThresholds = (a: ValidationThresholds, b: ValidationThresholds) =>
  a.registrationRateChangePoints === b.registrationRateChangePoints && a.awardAverageMin === b.awardAverageMin && a.awardAverageMax === b.awardAverageMax;

/** All rules with the default thresholds, in form order (models, fund, awards, membership). */
export const REPORT_RULES: readonly ValidationRule[] = buildRules(DEFAULT_THRESHOLDS);

// The form checks on every keystroke with the same thresholds: the last set built is kept.
let lastBuilt: { thresholds: ValidationThresholds; rules: readonly ValidationRule[] } | null = null;

/** All rules with these thresholds, in the same order and with the same ids as REPORT_RULES. */
export function reportRules(thresholds: ValidationThresholds): readonly ValidationRule[] {
  if (sameThresholds(thresholds, DEFAULT_THRESHOLDS)) return REPORT_RULES;
  if (!lastBuilt || !sameThresholds(lastBuilt.thresholds, thresholds)) lastBuilt = { thresholds: { ...thresholds }, rules: buildRules(thresholds) };
  return lastBuilt.rules;
}
