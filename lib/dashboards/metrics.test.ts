import { describe, expect, it } from 'vitest';
import {
  percentagePointChange,
  rankBy,
  ratio,
  recognitionRate,
  registrationRate,
  targetProgress,
  type ModelFigures,
} from './metrics';

describe('ratio', () => {
  it('divides', () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(0, 5)).toBe(0);
    expect(ratio(5, 5)).toBe(1);
  });

  it('is null for a zero, negative or non-finite denominator', () => {
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(3, -0)).toBeNull();
    expect(ratio(3, -2)).toBeNull();
    expect(ratio(3, Number.NaN)).toBeNull();
    expect(ratio(3, Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('is null for a non-finite numerator, never NaN or Infinity', () => {
    expect(ratio(Number.NaN, 3)).toBeNull();
    expect(ratio(Number.POSITIVE_INFINITY, 3)).toBeNull();
  });
});

describe('registrationRate / recognitionRate', () => {
  it("reproduces the article's figure for Vĩnh Phúc (99.81 %)", () => {
    const f: ModelFigures = { total: 10_000, registered: 9_981, recognised: 9_500 };
    expect(registrationRate(f)).toBe(0.9981);
    expect(recognitionRate(f)).toBe(0.95);
  });

  it('are unrounded fractions', () => {
    expect(registrationRate({ total: 3, registered: 1, recognised: 0 })).toBe(1 / 3);
    expect(recognitionRate({ total: 3, registered: 2, recognised: 2 })).toBe(2 / 3);
  });

  it('are null when there is nothing to count', () => {
    const empty: ModelFigures = { total: 0, registered: 0, recognised: 0 };
    expect(registrationRate(empty)).toBeNull();
    expect(recognitionRate(empty)).toBeNull();
  });
});

describe('rankBy', () => {
  type P = { name: string; rate: number | null };
  const byRate = (p: P) => p.rate;

  it('ranks highest first', () => {
    const ranked = rankBy<P>(
      [
        { name: 'Bắc Ninh', rate: 0.92 },
        { name: 'Vĩnh Phúc', rate: 0.9981 },
        { name: 'Thái Bình', rate: 0.94 },
      ],
      byRate,
    );
    expect(ranked).toEqual([
      { name: 'Vĩnh Phúc', rate: 0.9981, rank: 1 },
      { name: 'Thái Bình', rate: 0.94, rank: 2 },
      { name: 'Bắc Ninh', rate: 0.92, rank: 3 },
    ]);
  });

  it('gives ties the same rank and skips the next ranks (1, 2, 2, 4)', () => {
    const ranked = rankBy<P>(
      [
        { name: 'A', rate: 0.5 },
        { name: 'B', rate: 0.8 },
        { name: 'C', rate: 0.9 },
        { name: 'D', rate: 0.8 },
      ],
      byRate,
    );
    expect(ranked.map((r) => [r.name, r.rank])).toEqual([
      ['C', 1],
      ['B', 2],
      ['D', 2],
      ['A', 4],
    ]);
  });

  it('ties equal fractions computed from different counts', () => {
    // 23/25 and 92/100 are the same rate: they must share a rank.
    const ranked = rankBy(
      [
        { name: 'X', f: { total: 25, registered: 23, recognised: 0 } },
        { name: 'Y', f: { total: 100, registered: 92, recognised: 0 } },
      ],
      (p) => registrationRate(p.f),
    );
    expect(ranked.map((r) => r.rank)).toEqual([1, 1]);
  });

  it('gives everyone rank 1 when all tie, keeping input order', () => {
    const ranked = rankBy<P>(
      [
        { name: 'A', rate: 0.7 },
        { name: 'B', rate: 0.7 },
        { name: 'C', rate: 0.7 },
      ],
      byRate,
    );
    expect(ranked.map((r) => [r.name, r.rank])).toEqual([
      ['A', 1],
      ['B', 1],
      ['C', 1],
    ]);
  });

  it('puts null (and NaN) scores last with rank null, in input order', () => {
    const ranked = rankBy<P>(
      [
        { name: 'none-1', rate: null },
        { name: 'A', rate: 0.1 },
        { name: 'nan', rate: Number.NaN },
        { name: 'B', rate: 0.2 },
        { name: 'none-2', rate: null },
      ],
      byRate,
    );
    expect(ranked.map((r) => [r.name, r.rank])).toEqual([
      ['B', 1],
      ['A', 2],
      ['none-1', null],
      ['nan', null],
      ['none-2', null],
    ]);
  });

  it('ranks zero as a score, not as missing', () => {
    const ranked = rankBy<P>(
      [
        { name: 'none', rate: null },
        { name: 'zero', rate: 0 },
      ],
      byRate,
    );
    expect(ranked.map((r) => [r.name, r.rank])).toEqual([
      ['zero', 1],
      ['none', null],
    ]);
  });

  it('gives an empty list for an empty list', () => {
    expect(rankBy<P>([], byRate)).toEqual([]);
  });

  it('does not modify or reorder its input', () => {
    const items: P[] = [
      { name: 'A', rate: 0.1 },
      { name: 'B', rate: 0.2 },
    ];
    rankBy(items, byRate);
    expect(items).toEqual([
      { name: 'A', rate: 0.1 },
      { name: 'B', rate: 0.2 },
    ]);
  });

  it('handles negative scores', () => {
    const ranked = rankBy([{ v: -1 }, { v: 0 }, { v: -1 }], (x) => x.v);
    expect(ranked).toEqual([
      { v: 0, rank: 1 },
      { v: -1, rank: 2 },
      { v: -1, rank: 2 },
    ]);
  });
});

describe('percentagePointChange', () => {
  it('gives the change in percentage points, free of float noise', () => {
    expect(percentagePointChange(0.9981, 0.95)).toBe(4.81);
    expect(percentagePointChange(0.95, 0.9981)).toBe(-4.81);
    expect(percentagePointChange(0.3, 0.1)).toBe(20);
  });

  it('keeps a real small difference', () => {
    expect(percentagePointChange(2 / 3, 0.5)).toBe(16.666666667);
  });

  it('is exactly 0 (not -0) when nothing changed', () => {
    expect(Object.is(percentagePointChange(0.94, 0.94), 0)).toBe(true);
    expect(Object.is(percentagePointChange(0, 0), 0)).toBe(true);
  });

  it('is null when either rate is missing', () => {
    expect(percentagePointChange(null, 0.5)).toBeNull();
    expect(percentagePointChange(0.5, null)).toBeNull();
    expect(percentagePointChange(null, null)).toBeNull();
    expect(percentagePointChange(Number.NaN, 0.5)).toBeNull();
  });
});

describe('targetProgress', () => {
  it('is ON_TRACK at or above the target', () => {
    expect(targetProgress(0.8131, 0.7)).toEqual({ status: 'ON_TRACK', gap: 11.31 });
    expect(targetProgress(0.7, 0.7)).toEqual({ status: 'ON_TRACK', gap: 0 });
    // 7/10 computed from counts still reaches a 70 % target.
    expect(targetProgress(registrationRate({ total: 10, registered: 7, recognised: 0 }), 0.7)).toEqual({
      status: 'ON_TRACK',
      gap: 0,
    });
  });

  it('is BEHIND below the target, with a negative gap', () => {
    expect(targetProgress(0.675, 0.7)).toEqual({ status: 'BEHIND', gap: -2.5 });
    expect(targetProgress(0, 0.65)).toEqual({ status: 'BEHIND', gap: -65 });
  });

  it('is NO_DATA without a rate', () => {
    expect(targetProgress(null, 0.7)).toEqual({ status: 'NO_DATA', gap: null });
    expect(targetProgress(Number.NaN, 0.7)).toEqual({ status: 'NO_DATA', gap: null });
  });

  it('refuses a target given in percent instead of a fraction', () => {
    expect(() => targetProgress(0.5, 70)).toThrow('Invalid target 70: expected a fraction from 0 to 1');
    expect(() => targetProgress(0.5, -0.1)).toThrow('Invalid target -0.1');
    expect(() => targetProgress(0.5, Number.NaN)).toThrow('Invalid target NaN');
  });

  it('accepts the bounds 0 and 1 as targets', () => {
    expect(targetProgress(0, 0)).toEqual({ status: 'ON_TRACK', gap: 0 });
    expect(targetProgress(0.99, 1)).toEqual({ status: 'BEHIND', gap: -1 });
  });
});
