import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THRESHOLDS,
  THRESHOLD_MESSAGES,
  THRESHOLD_SETTINGS,
  ThresholdChangesSchema,
  ThresholdsFormSchema,
  formatThreshold,
  thresholdOrderIssue,
  thresholdsFrom,
} from './settings';

/** The first message per dotted path, as the action and the API report them. */
function issues(r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of r.error?.issues ?? []) out[i.path.map(String).join('.') || '_'] ??= i.message;
  return out;
}

describe('the thresholds form', () => {
  it('reads thresholds typed the Vietnamese way', () => {
    expect(ThresholdsFormSchema.parse({ registrationRateChangePoints: '12,5', awardAverageMin: '100.000', awardAverageMax: '25 000 000 ₫' })).toEqual({
      registrationRateChangePoints: 12.5,
      awardAverageMin: 100_000,
      awardAverageMax: 25_000_000,
    });
    expect(ThresholdsFormSchema.parse({ registrationRateChangePoints: '20 điểm %', awardAverageMin: '50000', awardAverageMax: '20.000.000' })).toMatchObject({
      registrationRateChangePoints: 20,
    });
  });

  it('refuses, on the field, a change out of range, with more than two decimals, an award above the ceiling, and a range out of order', () => {
    const parse = (v: Record<string, string>) =>
      issues(ThresholdsFormSchema.safeParse({ registrationRateChangePoints: '15', awardAverageMin: '50.000', awardAverageMax: '20.000.000', ...v }));
    expect(parse({ registrationRateChangePoints: '0' })).toEqual({ registrationRateChangePoints: THRESHOLD_MESSAGES.pointsRange });
    expect(parse({ registrationRateChangePoints: '101' })).toEqual({ registrationRateChangePoints: THRESHOLD_MESSAGES.pointsRange });
    expect(parse({ registrationRateChangePoints: '12,345' })).toEqual({ registrationRateChangePoints: THRESHOLD_MESSAGES.pointsDecimals });
    expect(parse({ registrationRateChangePoints: 'mười' })).toEqual({ registrationRateChangePoints: THRESHOLD_MESSAGES.pointsNotNumber });
    expect(parse({ awardAverageMax: '100.000.001' })).toEqual({ awardAverageMax: THRESHOLD_MESSAGES.vndRange });
    expect(parse({ awardAverageMin: '1,5' })).toEqual({ awardAverageMin: THRESHOLD_MESSAGES.vndInteger });
    expect(parse({ awardAverageMin: '30.000.000' })).toEqual({ awardAverageMax: THRESHOLD_MESSAGES.order });
  });
});

describe('the API body', () => {
  it('takes any of the thresholds as numbers, null meaning the default', () => {
    expect(ThresholdChangesSchema.parse({ awardAverageMax: 30_000_000, registrationRateChangePoints: null })).toEqual({
      awardAverageMax: 30_000_000,
      registrationRateChangePoints: null,
    });
  });

  it('refuses an unknown threshold, an empty body and a value out of range', () => {
    expect(issues(ThresholdChangesSchema.safeParse({ maxFund: 1 }))).toEqual({
      _: 'Chỉ đặt được các ngưỡng registrationRateChangePoints, awardAverageMin, awardAverageMax.',
    });
    expect(issues(ThresholdChangesSchema.safeParse({}))).toEqual({ _: 'Cần ít nhất một ngưỡng để thay đổi.' });
    expect(issues(ThresholdChangesSchema.safeParse({ registrationRateChangePoints: '15' }))).toEqual({ registrationRateChangePoints: THRESHOLD_MESSAGES.pointsNotNumber });
  });
});

describe('the thresholds in force', () => {
  const stored = (entries: Record<string, unknown>) => new Map(Object.entries(entries));

  it('are the defaults without stored values, and each valid stored value otherwise', () => {
    expect(thresholdsFrom(stored({}))).toEqual(DEFAULT_THRESHOLDS);
    expect(thresholdsFrom(stored({ 'validation.registrationRateChangePoints': 10, 'validation.awardAverageMax': 'x' }))).toEqual({
      ...DEFAULT_THRESHOLDS,
      registrationRateChangePoints: 10,
    });
  });

  it('fall back to the default range when the stored pair is out of order', () => {
    expect(thresholdsFrom(stored({ 'validation.awardAverageMin': 30_000_000 }))).toEqual(DEFAULT_THRESHOLDS);
    expect(thresholdOrderIssue({ ...DEFAULT_THRESHOLDS, awardAverageMin: 20_000_000 }, ['awardAverageMin'])).toEqual({ field: 'awardAverageMin', message: THRESHOLD_MESSAGES.order });
    expect(thresholdOrderIssue(DEFAULT_THRESHOLDS, [])).toBeNull();
  });

  it('are stored under stable keys and shown in their unit', () => {
    expect(THRESHOLD_SETTINGS.map((s) => s.key)).toEqual(['validation.registrationRateChangePoints', 'validation.awardAverageMin', 'validation.awardAverageMax']);
    expect(formatThreshold('registrationRateChangePoints', 12.5)).toBe('12,5\u00A0điểm\u00A0%');
    expect(formatThreshold('awardAverageMax', 20_000_000)).toBe('20.000.000\u00A0₫');
  });
});
