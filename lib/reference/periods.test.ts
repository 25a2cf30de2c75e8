import { describe, expect, it } from 'vitest';
import {
  comparePeriodCodes,
  formatPeriodCode,
  isPeriodCode,
  nextPeriodCode,
  parsePeriodCode,
  periodContaining,
  periodDates,
  periodLabel,
  periodRange,
  periodShortLabel,
  previousPeriodCode,
  type Half,
} from './periods';

const INVALID_CODES = [
  '',
  '2022S3',
  '2022S0',
  '22S1',
  '02022S1',
  '0999S1',
  '2022s1',
  '2022H1',
  '2022-S1',
  ' 2022S1',
  '2022S1 ',
  '2022S12',
  'S1',
  '2022',
  '２０２２S1', // full-width digits
];

describe('parsePeriodCode / isPeriodCode', () => {
  it('parses both halves', () => {
    expect(parsePeriodCode('2022S1')).toEqual({ year: 2022, half: 1 });
    expect(parsePeriodCode('2022S2')).toEqual({ year: 2022, half: 2 });
    expect(parsePeriodCode('1000S1')).toEqual({ year: 1000, half: 1 });
    expect(parsePeriodCode('9999S2')).toEqual({ year: 9999, half: 2 });
  });

  it.each(INVALID_CODES)('refuses %j with a clear error', (code) => {
    expect(isPeriodCode(code)).toBe(false);
    expect(() => parsePeriodCode(code)).toThrow(
      `Invalid period code ${JSON.stringify(code)}: expected YYYYS1 or YYYYS2 (e.g. 2022S1)`,
    );
  });

  it('refuses non-strings without crashing', () => {
    expect(isPeriodCode(undefined)).toBe(false);
    expect(isPeriodCode(20221)).toBe(false);
    expect(() => parsePeriodCode(null as unknown as string)).toThrow('Invalid period code null');
  });

  it('accepts valid codes', () => {
    expect(isPeriodCode('2022S1')).toBe(true);
    expect(isPeriodCode('2026S2')).toBe(true);
  });
});

describe('formatPeriodCode', () => {
  it('builds codes', () => {
    expect(formatPeriodCode(2022, 1)).toBe('2022S1');
    expect(formatPeriodCode(2025, 2)).toBe('2025S2');
  });

  it('round-trips with parsePeriodCode', () => {
    const { year, half } = parsePeriodCode('2024S2');
    expect(formatPeriodCode(year, half)).toBe('2024S2');
  });

  it('refuses bad years and halves', () => {
    expect(() => formatPeriodCode(22, 1)).toThrow('Invalid period year 22');
    expect(() => formatPeriodCode(2022.5, 1)).toThrow('Invalid period year 2022.5');
    expect(() => formatPeriodCode(10000, 1)).toThrow('Invalid period year 10000');
    expect(() => formatPeriodCode(Number.NaN, 1)).toThrow('Invalid period year NaN');
    expect(() => formatPeriodCode(2022, 3 as Half)).toThrow('Invalid period half 3: expected 1 or 2');
    expect(() => formatPeriodCode(2022, 0 as Half)).toThrow('Invalid period half 0');
  });
});

describe('comparePeriodCodes', () => {
  it('orders chronologically', () => {
    expect(comparePeriodCodes('2022S1', '2022S2')).toBe(-1);
    expect(comparePeriodCodes('2022S2', '2022S1')).toBe(1);
    expect(comparePeriodCodes('2021S2', '2022S1')).toBe(-1);
    expect(comparePeriodCodes('2023S1', '2022S2')).toBe(1);
    expect(comparePeriodCodes('2022S1', '2022S1')).toBe(0);
  });

  it('sorts an array', () => {
    const codes = ['2023S1', '2021S2', '2022S2', '2021S1', '2022S1'];
    expect([...codes].sort(comparePeriodCodes)).toEqual([
      '2021S1',
      '2021S2',
      '2022S1',
      '2022S2',
      '2023S1',
    ]);
  });

  it('throws on an invalid code rather than sorting it somewhere', () => {
    expect(() => comparePeriodCodes('2022S1', '2022S3')).toThrow('Invalid period code "2022S3"');
  });
});

describe('previousPeriodCode / nextPeriodCode', () => {
  it('steps back across the year boundary', () => {
    expect(previousPeriodCode('2022S1')).toBe('2021S2');
    expect(previousPeriodCode('2022S2')).toBe('2022S1');
  });

  it('steps forward across the year boundary', () => {
    expect(nextPeriodCode('2022S1')).toBe('2022S2');
    expect(nextPeriodCode('2022S2')).toBe('2023S1');
  });

  it('are inverse of each other', () => {
    for (const code of ['2021S1', '2021S2', '2025S2']) {
      expect(nextPeriodCode(previousPeriodCode(code))).toBe(code);
      expect(previousPeriodCode(nextPeriodCode(code))).toBe(code);
    }
  });

  it('refuse to leave the four-digit years', () => {
    expect(() => previousPeriodCode('1000S1')).toThrow('Invalid period year 999');
    expect(() => nextPeriodCode('9999S2')).toThrow('Invalid period year 10000');
  });

  it('refuse invalid codes', () => {
    expect(() => previousPeriodCode('2022S3')).toThrow('Invalid period code');
    expect(() => nextPeriodCode('')).toThrow('Invalid period code ""');
  });
});

describe('periodRange', () => {
  it('includes both ends', () => {
    expect(periodRange('2021S2', '2023S1')).toEqual(['2021S2', '2022S1', '2022S2', '2023S1']);
  });

  it('gives one period when from equals to', () => {
    expect(periodRange('2022S1', '2022S1')).toEqual(['2022S1']);
  });

  it('is empty when from is after to', () => {
    expect(periodRange('2022S2', '2022S1')).toEqual([]);
  });

  it('refuses invalid ends', () => {
    expect(() => periodRange('2022S1', 'x')).toThrow('Invalid period code "x"');
    expect(() => periodRange('22S1', '2022S1')).toThrow('Invalid period code "22S1"');
  });
});

describe('labels', () => {
  it('gives the long Vietnamese label', () => {
    expect(periodLabel('2022S1')).toBe('6 tháng đầu năm 2022');
    expect(periodLabel('2022S2')).toBe('6 tháng cuối năm 2022');
  });

  it('gives the short label', () => {
    expect(periodShortLabel('2022S1')).toBe('6T đầu 2022');
    expect(periodShortLabel('2026S2')).toBe('6T cuối 2026');
  });

  it('refuse invalid codes', () => {
    expect(() => periodLabel('2022S3')).toThrow('Invalid period code');
    expect(() => periodShortLabel('')).toThrow('Invalid period code');
  });
});

describe('periodDates', () => {
  it('gives 1 Jan – 30 Jun for S1, at 00:00 UTC', () => {
    const { start, end } = periodDates('2022S1');
    expect(start.toISOString()).toBe('2022-01-01T00:00:00.000Z');
    expect(end.toISOString()).toBe('2022-06-30T00:00:00.000Z');
  });

  it('gives 1 Jul – 31 Dec for S2, at 00:00 UTC', () => {
    const { start, end } = periodDates('2024S2');
    expect(start.toISOString()).toBe('2024-07-01T00:00:00.000Z');
    expect(end.toISOString()).toBe('2024-12-31T00:00:00.000Z');
  });

  it('leaves no gap between consecutive periods', () => {
    const s1 = periodDates('2025S1');
    const s2 = periodDates('2025S2');
    const next = periodDates('2026S1');
    const day = 24 * 60 * 60 * 1000;
    expect(s2.start.getTime() - s1.end.getTime()).toBe(day);
    expect(next.start.getTime() - s2.end.getTime()).toBe(day);
  });

  it('handles the smallest year', () => {
    expect(periodDates('1000S1').start.toISOString()).toBe('1000-01-01T00:00:00.000Z');
  });
});

describe('periodContaining', () => {
  it('finds the half of a UTC date', () => {
    expect(periodContaining(new Date('2022-01-01T00:00:00Z'))).toBe('2022S1');
    expect(periodContaining(new Date('2022-06-30T23:59:59.999Z'))).toBe('2022S1');
    expect(periodContaining(new Date('2022-07-01T00:00:00Z'))).toBe('2022S2');
    expect(periodContaining(new Date('2022-12-31T23:59:59.999Z'))).toBe('2022S2');
  });

  it('contains the dates periodDates gives', () => {
    for (const code of ['2021S1', '2021S2', '2025S2']) {
      const { start, end } = periodDates(code);
      expect(periodContaining(start)).toBe(code);
      expect(periodContaining(end)).toBe(code);
    }
  });

  it('reads the calendar in Vietnam when asked', () => {
    // 30 Jun 17:30 UTC is 1 Jul 00:30 in Hà Nội.
    const instant = new Date('2022-06-30T17:30:00Z');
    expect(periodContaining(instant)).toBe('2022S1');
    expect(periodContaining(instant, 'Asia/Ho_Chi_Minh')).toBe('2022S2');
    // 31 Dec 17:00 UTC is already the next year in Hà Nội.
    expect(periodContaining(new Date('2022-12-31T17:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2023S1');
    expect(periodContaining(new Date('2022-12-31T16:59:59Z'), 'Asia/Ho_Chi_Minh')).toBe('2022S2');
  });

  it('refuses an invalid date', () => {
    expect(() => periodContaining(new Date('nope'))).toThrow('periodContaining: invalid date');
  });
});
