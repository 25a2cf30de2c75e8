import { describe, expect, it } from 'vitest';
import { emptyModels } from './aggregation';
import type { ModelFigures } from './metrics';
import { countByStatus, isMeasured, progressAgainst, targetLabel, targetsInForce, type NationalTargetDef } from './targets';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

function t(decision: string, validFrom: string, targetYear: number, model: NationalTargetDef['model'], subject: string | null, rateBp: number, metric: NationalTargetDef['metric'] = 'RECOGNITION'): NationalTargetDef {
  return { decision, validFrom: d(validFrom), targetYear, model, subject, rateBp, metric, description: `${decision} ${model} ${subject ?? ''} ${targetYear}` };
}

// The demo's targets (prisma/demo-data.ts).
const TARGETS: NationalTargetDef[] = [
  t('QĐ 281/QĐ-TTg', '2014-02-20', 2020, 'FAMILY', null, 7000),
  t('QĐ 281/QĐ-TTg', '2014-02-20', 2020, 'CLAN', null, 5000),
  t('QĐ 281/QĐ-TTg', '2014-02-20', 2020, 'UNIT', null, 5000),
  t('QĐ 387/QĐ-TTg', '2022-03-25', 2025, 'FAMILY', null, 7000),
  t('QĐ 387/QĐ-TTg', '2022-03-25', 2025, 'CLAN', null, 6500),
  t('QĐ 387/QĐ-TTg', '2022-03-25', 2025, 'UNIT', 'tổ chức cấp xã', 8000),
  t('QĐ 677/QĐ-TTg', '2022-06-03', 2025, 'CITIZEN', 'người lớn', 4000),
  t('QĐ 677/QĐ-TTg', '2022-06-03', 2025, 'CITIZEN', 'cán bộ, công chức, viên chức', 6000),
  t('QĐ 677/QĐ-TTg', '2022-06-03', 2030, 'CITIZEN', 'người lớn', 7000),
  t('QĐ 677/QĐ-TTg', '2022-06-03', 2030, 'CITIZEN', 'cán bộ, công chức, viên chức', 8000),
];

const key = (x: NationalTargetDef) => `${x.decision} ${x.model} ${x.subject ?? '-'} ${x.targetYear}`;

describe('targetsInForce', () => {
  it('before any decision: none', () => {
    expect(targetsInForce(TARGETS, d('2013-12-31'))).toEqual([]);
  });

  it('from its validFrom day (inclusive) a decision is in force; its target year still applies after it passed', () => {
    expect(targetsInForce(TARGETS, d('2014-02-19'))).toEqual([]);
    expect(targetsInForce(TARGETS, d('2014-02-20')).map(key)).toEqual([
      'QĐ 281/QĐ-TTg FAMILY - 2020',
      'QĐ 281/QĐ-TTg CLAN - 2020',
      'QĐ 281/QĐ-TTg UNIT - 2020',
    ]);
    expect(targetsInForce(TARGETS, d('2021-12-31')).map(key)).toContain('QĐ 281/QĐ-TTg FAMILY - 2020');
  });

  it('a newer decision replaces the older one for the same model (whatever the subject)', () => {
    const at = targetsInForce(TARGETS, d('2022-06-30')).map(key);
    expect(at).toEqual([
      'QĐ 387/QĐ-TTg FAMILY - 2025',
      'QĐ 387/QĐ-TTg CLAN - 2025',
      'QĐ 387/QĐ-TTg UNIT tổ chức cấp xã 2025',
      'QĐ 677/QĐ-TTg CITIZEN cán bộ, công chức, viên chức 2025',
      'QĐ 677/QĐ-TTg CITIZEN người lớn 2025',
    ]);
    // The day before QĐ 387: QĐ 281 still.
    expect(targetsInForce(TARGETS, d('2022-03-24')).map(key)).toEqual([
      'QĐ 281/QĐ-TTg FAMILY - 2020',
      'QĐ 281/QĐ-TTg CLAN - 2020',
      'QĐ 281/QĐ-TTg UNIT - 2020',
    ]);
  });

  it('takes the nearest target year not yet passed: 2025 until the end of 2025, then 2030', () => {
    const citizen = (iso: string) => targetsInForce(TARGETS, d(iso)).filter((x) => x.model === 'CITIZEN').map((x) => x.targetYear);
    expect(citizen('2025-12-31')).toEqual([2025, 2025]);
    expect(citizen('2026-01-01')).toEqual([2030, 2030]);
    expect(citizen('2031-01-01')).toEqual([2030, 2030]);
  });

  it('keeps metrics apart: a registration target does not replace a recognition one', () => {
    const rows = [...TARGETS, t('QĐ 999', '2024-01-01', 2026, 'FAMILY', null, 9000, 'REGISTRATION')];
    const family = targetsInForce(rows, d('2024-06-30')).filter((x) => x.model === 'FAMILY').map(key);
    expect(family).toEqual(['QĐ 999 FAMILY - 2026', 'QĐ 387/QĐ-TTg FAMILY - 2025']);
  });
});

describe('progressAgainst', () => {
  const models = (family: ModelFigures | null, citizen: ModelFigures | null = null) => ({ ...emptyModels(), FAMILY: family, CITIZEN: citizen });

  it('is on track when the rate reaches the target (gap ≥ 0), behind below it, with the gap in points', () => {
    const [family] = targetsInForce(TARGETS, d('2022-06-30'));
    expect(progressAgainst([family], models({ total: 1000, registered: 990, recognised: 700 }))[0]).toMatchObject({
      status: 'ON_TRACK',
      rate: 0.7,
      targetRate: 0.7,
      gap: 0,
      measured: true,
    });
    expect(progressAgainst([family], models({ total: 1000, registered: 990, recognised: 655 }))[0]).toMatchObject({
      status: 'BEHIND',
      gap: -4.5,
    });
  });

  it('measures the metric the target names', () => {
    const reg = t('QĐ X', '2020-01-01', 2025, 'FAMILY', null, 9500, 'REGISTRATION');
    const [p] = progressAgainst([reg], models({ total: 100, registered: 96, recognised: 10 }));
    expect(p).toMatchObject({ rate: 0.96, status: 'ON_TRACK', gap: 1 });
  });

  it('has no data without figures or with a zero total', () => {
    const [family] = targetsInForce(TARGETS, d('2022-06-30'));
    expect(progressAgainst([family], models(null))[0]).toMatchObject({ status: 'NO_DATA', rate: null, gap: null });
    expect(progressAgainst([family], models({ total: 0, registered: 0, recognised: 0 }))[0].status).toBe('NO_DATA');
  });

  it('does not measure a subject the reports do not count (QĐ 677 officials), but does adults', () => {
    const citizens = targetsInForce(TARGETS, d('2024-06-30')).filter((x) => x.model === 'CITIZEN');
    const progress = progressAgainst(citizens, models(null, { total: 1000, registered: 800, recognised: 450 }));
    expect(progress.map((p) => [p.target.subject, p.measured, p.status, p.gap])).toEqual([
      ['cán bộ, công chức, viên chức', false, 'NO_DATA', null],
      ['người lớn', true, 'ON_TRACK', 5],
    ]);
    expect(isMeasured({ model: 'FAMILY', subject: null })).toBe(true);
    expect(isMeasured({ model: 'UNIT', subject: 'tổ chức cấp xã' })).toBe(true);
  });

  it('counts provinces on track, behind and without data per target', () => {
    const [family] = targetsInForce(TARGETS, d('2022-06-30'));
    const per = [
      progressAgainst([family], models({ total: 10, registered: 9, recognised: 8 })),
      progressAgainst([family], models({ total: 10, registered: 9, recognised: 6 })),
      progressAgainst([family], models(null)),
      progressAgainst([family], models({ total: 10, registered: 9, recognised: 7 })),
    ];
    expect(countByStatus(per, [family])).toEqual([{ ON_TRACK: 2, BEHIND: 1, NO_DATA: 1 }]);
    expect(countByStatus([], [family])).toEqual([{ ON_TRACK: 0, BEHIND: 0, NO_DATA: 0 }]);
  });

  it('labels a target', () => {
    expect(targetLabel(TARGETS[6])).toBe('QĐ 677/QĐ-TTg: 40 % người lớn đến năm 2025');
    expect(targetLabel({ decision: 'QĐ X', rateBp: 6550, targetYear: 2030, subject: null })).toBe('QĐ X: 65,5 % đến năm 2030');
  });
});

describe('targetsInForce with ended targets (validTo)', () => {
  const ended = (x: NationalTargetDef, validTo: string): NationalTargetDef => ({ ...x, validTo: d(validTo) });
  const adults2030 = TARGETS[8];

  it('keeps an ended target up to its last day, inclusive, and drops it after', () => {
    const rows = TARGETS.map((x) => (x === adults2030 ? ended(x, '2026-06-30') : x));
    const adults = (iso: string) => targetsInForce(rows, d(iso)).filter((x) => x.subject === 'người lớn').map(key);
    expect(adults('2026-06-30')).toEqual(['QĐ 677/QĐ-TTg CITIZEN người lớn 2030']);
    // After its end, the decision's other target for adults is the reference again.
    expect(adults('2026-07-01')).toEqual(['QĐ 677/QĐ-TTg CITIZEN người lớn 2025']);
  });

  it('falls back to the previous decision when every target of the newer one for a model has ended', () => {
    const rows = TARGETS.map((x) => (x.decision === 'QĐ 387/QĐ-TTg' && x.model === 'FAMILY' ? ended(x, '2026-12-31') : x));
    const family = (iso: string) => targetsInForce(rows, d(iso)).filter((x) => x.model === 'FAMILY').map(key);
    expect(family('2026-12-31')).toEqual(['QĐ 387/QĐ-TTg FAMILY - 2025']);
    expect(family('2027-06-30')).toEqual(['QĐ 281/QĐ-TTg FAMILY - 2020']);
    // An ended previous decision stays out too: no target at all rather than a stale one.
    const both = rows.map((x) => (x.decision === 'QĐ 281/QĐ-TTg' ? ended(x, '2022-03-24') : x));
    expect(targetsInForce(both, d('2027-06-30')).filter((x) => x.model === 'FAMILY')).toEqual([]);
  });
});
