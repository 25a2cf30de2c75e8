import { describe, expect, it } from 'vitest';
import {
  DaySchema,
  EditTargetFormSchema,
  EndTargetFormSchema,
  NewDecisionApiSchema,
  NewDecisionFormSchema,
  RateFractionSchema,
  RatePercentSchema,
  TARGET_MESSAGES,
  TargetChangesApiSchema,
  defaultTargetDescription,
  newDecisionFromForm,
  rateBpForInput,
  targetJson,
} from './target-schemas';

/** The first message per dotted path, as the action and the API report them. */
function errors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) out[issue.path.map(String).join('.') || '_'] ??= issue.message;
  return out;
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('rates', () => {
  it('reads a typed percentage digit by digit into basis points', () => {
    expect(RatePercentSchema.parse('80')).toBe(8000);
    expect(RatePercentSchema.parse('65,5')).toBe(6550);
    expect(RatePercentSchema.parse('65.25 %')).toBe(6525);
    expect(RatePercentSchema.parse(' 100 ')).toBe(10_000);
    // 0.29 × 100 is 28.999999999999996 in floating point; read as written it is 29 %.
    expect(RatePercentSchema.parse('0,29')).toBe(29);
  });

  it('refuses a target above 100 %, zero, more than two decimals, and what is not a number', () => {
    expect(errors(RatePercentSchema.safeParse('100,01'))).toEqual({ _: TARGET_MESSAGES.rateAbove100 });
    expect(errors(RatePercentSchema.safeParse('120'))).toEqual({ _: TARGET_MESSAGES.rateAbove100 });
    expect(errors(RatePercentSchema.safeParse('0'))).toEqual({ _: TARGET_MESSAGES.rateNotPositive });
    expect(errors(RatePercentSchema.safeParse('-5'))).toEqual({ _: TARGET_MESSAGES.rateNotPositive });
    expect(errors(RatePercentSchema.safeParse('65,555'))).toEqual({ _: TARGET_MESSAGES.rateDecimals });
    expect(errors(RatePercentSchema.safeParse('tám mươi'))).toEqual({ _: TARGET_MESSAGES.ratePercent });
    expect(errors(RatePercentSchema.safeParse(''))).toEqual({ _: TARGET_MESSAGES.rateMissing });
  });

  it('takes the API rate as a fraction, like every rate of the API', () => {
    expect(RateFractionSchema.parse(0.655)).toBe(6550);
    expect(RateFractionSchema.parse(1)).toBe(10_000);
    expect(errors(RateFractionSchema.safeParse(1.2))).toEqual({ _: TARGET_MESSAGES.rateAbove100 });
    // 80 meant as a percentage is refused, not read as 8 000 %.
    expect(errors(RateFractionSchema.safeParse(80))).toEqual({ _: TARGET_MESSAGES.rateAbove100 });
    expect(errors(RateFractionSchema.safeParse(0.65555))).toEqual({ _: TARGET_MESSAGES.rateDecimals });
    expect(errors(RateFractionSchema.safeParse('0.8'))).toEqual({ _: TARGET_MESSAGES.rateFraction });
  });

  it('shows a rate back as the form takes it', () => {
    expect(rateBpForInput(6550)).toBe('65,5');
    expect(rateBpForInput(10_000)).toBe('100');
    expect(RatePercentSchema.parse(rateBpForInput(6525))).toBe(6525);
  });
});

describe('DaySchema', () => {
  it('takes YYYY-MM-DD as a date-only value and refuses days that do not exist', () => {
    expect(DaySchema.parse('2027-01-01')).toEqual(day('2027-01-01'));
    expect(DaySchema.safeParse('2027-02-30').success).toBe(false);
    expect(DaySchema.safeParse('01/01/2027').success).toBe(false);
    expect(errors(DaySchema.safeParse(''))).toEqual({ _: TARGET_MESSAGES.dayMissing });
  });
});

describe('a decision and its targets', () => {
  const body = (targets: unknown[], extra: Record<string, unknown> = {}) => ({ decision: ' QĐ 999/QĐ-TTg ', validFrom: '2027-01-01', targets, ...extra });

  it('is read with defaults: the recognition rate, no subject, no text', () => {
    expect(NewDecisionApiSchema.parse(body([{ model: 'FAMILY', rate: 0.85, targetYear: 2030 }]))).toEqual({
      decision: 'QĐ 999/QĐ-TTg',
      validFrom: day('2027-01-01'),
      targets: [{ model: 'FAMILY', metric: 'RECOGNITION', subject: null, rateBp: 8500, targetYear: 2030, description: null, source: null }],
    });
  });

  it('refuses, naming the field, an unknown model, a year before the first day, a rate above 100 % and a duplicate row', () => {
    const result = NewDecisionApiSchema.safeParse(
      body([
        { model: 'FAMLY', rate: 0.85, targetYear: 2030 },
        { model: 'CLAN', rate: 0.75, targetYear: 2026 },
        { model: 'UNIT', rate: 1.05, targetYear: 2030 },
        { model: 'CITIZEN', subject: 'người lớn', rate: 0.6, targetYear: 2030 },
        { model: 'CITIZEN', subject: 'người lớn', rate: 0.7, targetYear: 2030 },
      ]),
    );
    expect(errors(result)).toEqual({
      'targets.0.model': TARGET_MESSAGES.model,
      'targets.1.targetYear': 'Năm mục tiêu (2026) không được trước năm bắt đầu hiệu lực (2027).',
      'targets.2.rate': TARGET_MESSAGES.rateAbove100,
      'targets.4.targetYear': TARGET_MESSAGES.duplicateInList(4),
    });
  });

  it('needs a decision, a first day and at least one target', () => {
    expect(errors(NewDecisionApiSchema.safeParse({ decision: '', validFrom: '2027-13-01', targets: [] }))).toEqual({
      decision: TARGET_MESSAGES.decision,
      validFrom: TARGET_MESSAGES.day,
      targets: TARGET_MESSAGES.noTargets,
    });
  });

  it('reads the form row by row, dropping empty rows at the end only, so that errors name the row shown', () => {
    const EMPTY = { model: '', metric: 'RECOGNITION', subject: '', rate: '', targetYear: '', description: '', source: '' };
    const form = (rows: Record<string, string>[]) => {
      const f = new FormData();
      f.set('decision', 'QĐ 999/QĐ-TTg');
      f.set('validFrom', '2027-01-01');
      rows.forEach((row, i) => Object.entries({ ...EMPTY, ...row }).forEach(([k, v]) => f.set(`targets.${i}.${k}`, v)));
      return f;
    };
    const family = { model: 'FAMILY', rate: '85', targetYear: '2030', source: 'Điều 1' };
    const clan = { model: 'CLAN', metric: 'REGISTRATION', rate: '75,5', targetYear: '2030' };
    expect(NewDecisionFormSchema.parse(newDecisionFromForm(form([family, clan, {}, {}]))).targets.map((t) => [t.model, t.metric, t.rateBp, t.source])).toEqual([
      ['FAMILY', 'RECOGNITION', 8500, 'Điều 1'],
      ['CLAN', 'REGISTRATION', 7550, null],
    ]);
    // "Mục tiêu 2" left empty between two filled rows: its own fields are named, not the third row's.
    expect(Object.keys(errors(NewDecisionFormSchema.safeParse(newDecisionFromForm(form([family, {}, clan])))))).toEqual([
      'targets.1.model',
      'targets.1.rate',
      'targets.1.targetYear',
    ]);
  });
});

describe('a change to a target', () => {
  it('takes any of rate, description, source and dates; null ends nothing and puts it back in force', () => {
    expect(TargetChangesApiSchema.parse({ rate: 0.6, validTo: '2026-12-31' })).toEqual({ rateBp: 6000, validTo: day('2026-12-31') });
    expect(TargetChangesApiSchema.parse({ validTo: null, source: '' })).toEqual({ validTo: null, source: null });
  });

  it('refuses a change of what the target is, and a change of nothing', () => {
    expect(errors(TargetChangesApiSchema.safeParse({ model: 'CLAN', rate: 0.6 }))).toEqual({ _: TARGET_MESSAGES.identity });
    expect(errors(TargetChangesApiSchema.safeParse({}))).toEqual({ _: TARGET_MESSAGES.noChange });
    expect(errors(TargetChangesApiSchema.safeParse({ rate: 1.5 }))).toEqual({ rate: TARGET_MESSAGES.rateAbove100 });
  });

  it('reads the edit and end forms; an empty end day puts the target back in force', () => {
    expect(EditTargetFormSchema.parse({ id: 't1', rate: '72,5', description: '', source: 'Điều 1', validFrom: '2022-03-25' })).toEqual({
      id: 't1',
      changes: { rateBp: 7250, description: null, source: 'Điều 1', validFrom: day('2022-03-25') },
    });
    expect(EndTargetFormSchema.parse({ id: 't1', validTo: '2026-12-31' })).toEqual({ id: 't1', changes: { validTo: day('2026-12-31') } });
    expect(EndTargetFormSchema.parse({ id: 't1', validTo: ' ' })).toEqual({ id: 't1', changes: { validTo: null } });
  });
});

describe('labels and JSON', () => {
  it('says a target in words when no text is given', () => {
    expect(defaultTargetDescription({ model: 'FAMILY', metric: 'RECOGNITION', subject: null, rateBp: 8000, targetYear: 2030 })).toBe(
      'Đến năm 2030, 80\u00A0% hộ gia đình được công nhận danh hiệu “Gia đình học tập”.',
    );
    expect(defaultTargetDescription({ model: 'CITIZEN', metric: 'REGISTRATION', subject: 'người lớn', rateBp: 6550, targetYear: 2030 })).toBe(
      'Đến năm 2030, 65,5\u00A0% người lớn đăng ký danh hiệu “Công dân học tập”.',
    );
  });

  it('answers the rate as a fraction and days as YYYY-MM-DD', () => {
    const json = targetJson({
      id: 'x',
      decision: 'QĐ X',
      model: 'UNIT',
      metric: 'RECOGNITION',
      subject: 'tổ chức cấp xã',
      rateBp: 6550,
      targetYear: 2030,
      validFrom: day('2027-01-01'),
      validTo: null,
      description: 'd',
      source: null,
    });
    expect(json).toMatchObject({ rate: 0.655, validFrom: '2027-01-01', validTo: null });
  });
});
