import { describe, expect, it } from 'vitest';
import { emptyReportData } from './data';
import { sumReportData } from './rollup';

function sample(total: number, registered: number, opening: bigint) {
  const d = emptyReportData();
  d.models.FAMILY = { total, registered, recognised: registered - 1 };
  d.fund.opening = opening;
  d.narrative.results = 'x';
  return d;
}

describe('sumReportData', () => {
  it('returns null for no reports and the report itself for one', () => {
    expect(sumReportData([])).toBeNull();
    const one = sample(10, 9, 5n);
    expect(sumReportData([one])).toBe(one);
  });

  it('adds counts and amounts exactly, beyond 2^53 for money', () => {
    const big = 2n ** 53n + 1n;
    const sum = sumReportData([sample(100, 90, big), sample(50, 45, 2n)])!;
    expect(sum.models.FAMILY).toEqual({ total: 150, registered: 135, recognised: 133 });
    expect(sum.fund.opening).toBe(big + 2n);
    expect(sum.narrative.results).toBe('');
  });

  it('leaves a figure missing when any predecessor lacks it', () => {
    const a = sample(100, 90, 1n);
    const b = sample(50, 45, 1n);
    b.models.FAMILY.total = null;
    const sum = sumReportData([a, b])!;
    expect(sum.models.FAMILY.total).toBeNull();
    expect(sum.models.FAMILY.registered).toBe(135);
    expect(sum.models.CLAN.total).toBeNull();
  });
});
