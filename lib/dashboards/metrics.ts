// Rates and aggregates of the learning-model figures. Rates are unrounded fractions (0..1);
// rounding happens only when displaying (lib/format.ts). A rate with no denominator is `null`,
// never NaN or Infinity, so the UI can say "không có số liệu" instead of printing garbage.

/** Figures of one learning model for one province (or a sum of provinces). Stock figures. */
export type ModelFigures = { total: number; registered: number; recognised: number };

/** `numerator / denominator`, or null when the denominator is 0, negative or not finite (or the numerator is not finite). */
export function ratio(numerator: number, denominator: number): number | null {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return null;
  return numerator / denominator;
}

/** Share of units that registered to strive for the title: registered / total. */
export function registrationRate(f: ModelFigures): number | null {
  return ratio(f.registered, f.total);
}

/** Share of units recognised at the year's evaluation: recognised / total. */
export function recognitionRate(f: ModelFigures): number | null {
  return ratio(f.recognised, f.total);
}

/**
 * Competition ranking ("1, 2, 2, 4"), highest score first. Items whose score is null (or NaN)
 * get rank null and come last. Stable: equal scores, and null scores, keep their input order.
 * Scores are compared exactly; two rates a/b and c/d that are equal as fractions are equal
 * doubles too (IEEE division is correctly rounded), so equal rates do tie.
 */
export function rankBy<T>(
  items: readonly T[],
  score: (t: T) => number | null,
): Array<T & { rank: number | null }> {
  const scored = items.map((item, index) => {
    const s = score(item);
    return { item, index, score: s === null || Number.isNaN(s) ? null : s };
  });
  scored.sort((a, b) => {
    if (a.score === null && b.score === null) return a.index - b.index;
    if (a.score === null) return 1;
    if (b.score === null) return -1;
    if (a.score !== b.score) return b.score > a.score ? 1 : -1;
    return a.index - b.index;
  });
  let previousScore: number | null = null;
  let previousRank = 0;
  return scored.map((entry, position) => {
    let rank: number | null = null;
    if (entry.score !== null) {
      rank = position > 0 && entry.score === previousScore ? previousRank : position + 1;
      previousScore = entry.score;
      previousRank = rank;
    }
    return { ...entry.item, rank };
  });
}

// Rates are binary fractions: 0.9981 - 0.95 is 0.048100000000000032. Differences in percentage
// points are rounded to 1e-9 pp so that they are the decimal value a person would compute
// (4.81) and compare exactly; far below any displayed precision.
function toPercentagePoints(fractionDifference: number): number {
  const pp = Math.round(fractionDifference * 100 * 1e9) / 1e9;
  return pp === 0 ? 0 : pp; // no -0
}

/** Change between two rates in percentage points: 0.9981 vs 0.95 → 4.81. Null if either is missing. */
export function percentagePointChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous)) {
    return null;
  }
  return toPercentagePoints(current - previous);
}

export type TargetStatus = 'ON_TRACK' | 'BEHIND' | 'NO_DATA';

/**
 * Progress of a rate against a national target, both fractions (0.7 = 70 %).
 * gap = rate − target in percentage points; ON_TRACK when the target is reached (gap ≥ 0).
 * Throws when the target is not a fraction from 0 to 1: 70 passed for 0.7 is a bug, not data.
 */
export function targetProgress(
  rate: number | null,
  target: number,
): { status: TargetStatus; gap: number | null } {
  if (!Number.isFinite(target) || target < 0 || target > 1) {
    throw new RangeError(`Invalid target ${target}: expected a fraction from 0 to 1 (0.7 for 70 %)`);
  }
  if (rate === null || !Number.isFinite(rate)) return { status: 'NO_DATA', gap: null };
  const gap = toPercentagePoints(rate - target);
  return { status: gap >= 0 ? 'ON_TRACK' : 'BEHIND', gap };
}
