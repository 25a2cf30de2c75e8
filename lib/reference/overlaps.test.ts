import { describe, expect, it } from 'vitest';
import { dayAfter, firstOverlap, isOrdered, rangesOverlap, successorProblem } from './overlaps';

const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const range = (from: string, to: string | null) => ({ validFrom: d(from), validTo: to === null ? null : d(to) });

describe('isOrdered', () => {
  it('accepts an end on or after the start, and an open end', () => {
    expect(isOrdered(range('2025-07-01', '2025-07-01'))).toBe(true);
    expect(isOrdered(range('2025-07-01', '2026-12-31'))).toBe(true);
    expect(isOrdered(range('2025-07-01', null))).toBe(true);
  });

  it('refuses an end before the start', () => {
    expect(isOrdered(range('2025-07-01', '2025-06-30'))).toBe(false);
  });
});

describe('rangesOverlap: both ends inclusive, a null end open', () => {
  it('ranges that share their last and first day overlap', () => {
    expect(rangesOverlap(range('2021-01-01', '2025-06-30'), range('2025-06-30', null))).toBe(true);
  });

  it('a range ending the day before the other starts does not overlap', () => {
    expect(rangesOverlap(range('2021-01-01', '2025-06-30'), range('2025-07-01', null))).toBe(false);
    expect(rangesOverlap(range('2025-07-01', null), range('2021-01-01', '2025-06-30'))).toBe(false);
  });

  it('two open ranges always overlap, whatever their starts', () => {
    expect(rangesOverlap(range('1997-01-01', null), range('2030-01-01', null))).toBe(true);
  });

  it('an open range overlaps a later closed one, not an earlier one', () => {
    expect(rangesOverlap(range('2025-07-01', null), range('2027-01-01', '2027-06-30'))).toBe(true);
    expect(rangesOverlap(range('2025-07-01', null), range('2024-01-01', '2025-06-30'))).toBe(false);
  });

  it('a range inside another overlaps it, and one-day ranges overlap only on their day', () => {
    expect(rangesOverlap(range('2021-01-01', '2026-12-31'), range('2023-05-01', '2023-05-31'))).toBe(true);
    expect(rangesOverlap(range('2025-07-01', '2025-07-01'), range('2025-07-01', '2025-07-01'))).toBe(true);
    expect(rangesOverlap(range('2025-07-01', '2025-07-01'), range('2025-07-02', '2025-07-02'))).toBe(false);
  });
});

describe('firstOverlap', () => {
  const rows = [
    { id: 'a', ...range('2021-01-01', '2025-06-30') },
    { id: 'b', ...range('2025-07-01', null) },
  ];

  it('finds the row a new range collides with', () => {
    expect(firstOverlap(range('2026-01-01', null), rows)?.id).toBe('b');
    expect(firstOverlap(range('2020-01-01', '2021-01-01'), rows)?.id).toBe('a');
  });

  it('is null for a range that fits in a gap or before every row', () => {
    expect(firstOverlap(range('2000-01-01', '2020-12-31'), rows)).toBeNull();
    expect(firstOverlap(range('2000-01-01', '2020-12-31'), [])).toBeNull();
  });

  it('leaves out the row being corrected, not the others', () => {
    expect(firstOverlap({ id: 'b', ...range('2025-06-01', null) }, rows)?.id).toBe('a');
    expect(firstOverlap({ id: 'b', ...range('2025-08-01', null) }, rows)).toBeNull();
  });
});

describe('successorProblem', () => {
  const oldVinhPhuc = { id: 'vp', ...range('1997-01-01', '2025-06-30') };
  const newPhuTho = { id: 'pt', ...range('2025-07-01', null) };
  const none = () => null;

  it('accepts a province that ended the day before its successor is in force', () => {
    expect(successorProblem(oldVinhPhuc, newPhuTho, none)).toBeNull();
    expect(dayAfter(d('2025-06-30'))).toEqual(d('2025-07-01'));
  });

  it('refuses a successor for a province still in force, or itself', () => {
    expect(successorProblem(newPhuTho, oldVinhPhuc, none)).toBe('still-in-force');
    expect(successorProblem(oldVinhPhuc, oldVinhPhuc, none)).toBe('itself');
  });

  it('refuses a successor not yet (or no longer) in force the day after', () => {
    expect(successorProblem(oldVinhPhuc, { id: 'x', ...range('2026-01-01', null) }, none)).toBe('not-in-force-after');
    expect(successorProblem(oldVinhPhuc, { id: 'y', ...range('1997-01-01', '2025-06-30') }, none)).toBe('not-in-force-after');
  });

  it('refuses a link that closes a cycle through the successor’s own successors', () => {
    // pt (ended here for the sake of the test) → vp would come back to pt.
    const endedPhuTho = { id: 'pt', ...range('2025-07-01', '2030-12-31') };
    const laterVinhPhuc = { id: 'vp', ...range('2031-01-01', '2031-12-31') };
    expect(successorProblem(endedPhuTho, laterVinhPhuc, (id) => (id === 'vp' ? 'pt' : null))).toBe('cycle');
  });
});
