import { describe, expect, it } from 'vitest';
import { NO_DATA_LABEL } from './domain';
import {
  MISSING_VALUE,
  PARSE_INTEGER_REASONS,
  formatDate,
  formatDateTime,
  formatInteger,
  formatPercent,
  formatPercentagePoints,
  formatVnd,
  parseVietnameseInteger,
} from './format';

// Expected strings are written with explicit escapes so that the exact characters are checked:
// NBSP = U+00A0 no-break space, MINUS = U+2212.
const NBSP = '\u00A0';
const MINUS = '\u2212';

describe('formatPercent', () => {
  it('shows up to two fraction digits with a decimal comma and a no-break space before %', () => {
    expect(formatPercent(0.9981)).toBe(`99,81${NBSP}%`);
    expect(formatPercent(0.9981)).toBe('99,81\u00A0%');
  });

  it('trims trailing zeros', () => {
    expect(formatPercent(0.94)).toBe(`94${NBSP}%`);
    expect(formatPercent(0.925)).toBe(`92,5${NBSP}%`);
    expect(formatPercent(0)).toBe(`0${NBSP}%`);
    expect(formatPercent(1)).toBe(`100${NBSP}%`);
  });

  it('rounds half up on the decimal value', () => {
    // 0.99805 is stored as 0.99804999999999999272…; we round the decimal the user sees.
    expect(formatPercent(0.99805)).toBe(`99,81${NBSP}%`);
    expect(formatPercent(0.99804)).toBe(`99,8${NBSP}%`);
    expect(formatPercent(0.123449)).toBe(`12,34${NBSP}%`);
    expect(formatPercent(0.12345)).toBe(`12,35${NBSP}%`);
    expect(formatPercent(0.999951)).toBe(`100${NBSP}%`);
  });

  it('honours the digits argument', () => {
    expect(formatPercent(0.9981, 0)).toBe(`100${NBSP}%`);
    expect(formatPercent(0.9981, 1)).toBe(`99,8${NBSP}%`);
    expect(formatPercent(1 / 3, 4)).toBe(`33,3333${NBSP}%`);
    expect(() => formatPercent(0.5, -1)).toThrow('Invalid fraction digits -1');
    expect(() => formatPercent(0.5, 1.5)).toThrow('Invalid fraction digits 1.5');
  });

  it('groups thousands above 1000 %', () => {
    expect(formatPercent(12.345)).toBe(`1.234,5${NBSP}%`);
  });

  it('uses the typographic minus and never shows -0', () => {
    expect(formatPercent(-0.5)).toBe(`${MINUS}50${NBSP}%`);
    expect(formatPercent(-0)).toBe(`0${NBSP}%`);
    expect(formatPercent(-0.000001)).toBe(`0${NBSP}%`);
  });

  it('says "không có số liệu" when there is no rate', () => {
    expect(formatPercent(null)).toBe('không có số liệu');
    expect(formatPercent(Number.NaN)).toBe(NO_DATA_LABEL);
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe(NO_DATA_LABEL);
  });

  it('never contains a narrow no-break space or a breaking space', () => {
    for (const r of [0.9981, 0.94, 12.345, -0.5]) expect(formatPercent(r)).not.toMatch(/[\u202F ]/);
  });
});

describe('formatInteger', () => {
  it('groups thousands with dots', () => {
    expect(formatInteger(1234567)).toBe('1.234.567');
    expect(formatInteger(709617)).toBe('709.617');
    expect(formatInteger(1000)).toBe('1.000');
    expect(formatInteger(999)).toBe('999');
    expect(formatInteger(0)).toBe('0');
  });

  it('formats bigint exactly, also above 2^53', () => {
    expect(formatInteger(2n ** 53n + 1n)).toBe('9.007.199.254.740.993');
    expect(formatInteger(12345678901234567890n)).toBe('12.345.678.901.234.567.890');
    expect(formatInteger(0n)).toBe('0');
  });

  it('rounds a non-integer number half up', () => {
    expect(formatInteger(2.5)).toBe('3');
    expect(formatInteger(2.4)).toBe('2');
  });

  it('uses the typographic minus and never shows -0', () => {
    expect(formatInteger(-1234)).toBe(`${MINUS}1.234`);
    expect(formatInteger(-12n)).toBe(`${MINUS}12`);
    expect(formatInteger(-0)).toBe('0');
    expect(formatInteger(-0.4)).toBe('0');
  });

  it('shows a dash when missing', () => {
    expect(formatInteger(null)).toBe('—');
    expect(formatInteger(Number.NaN)).toBe(MISSING_VALUE);
    expect(MISSING_VALUE).toBe('\u2014');
  });
});

describe('formatVnd', () => {
  it('formats whole dong with the ₫ sign after a no-break space', () => {
    expect(formatVnd(185_600_000_000n)).toBe(`185.600.000.000${NBSP}₫`);
    expect(formatVnd(185_600_000_000)).toBe(`185.600.000.000${NBSP}₫`);
    expect(formatVnd(0n)).toBe(`0${NBSP}₫`);
  });

  it('is exact for bigint beyond 2^53', () => {
    // 2^53 + 1 is not representable as a double: a Number conversion would print ...992.
    expect(formatVnd(9_007_199_254_740_993n)).toBe(`9.007.199.254.740.993${NBSP}₫`);
    expect(formatVnd(99_999_999_999_999_999_999n)).toBe(`99.999.999.999.999.999.999${NBSP}₫`);
  });

  it('shows a negative amount with the typographic minus', () => {
    expect(formatVnd(-5_000n)).toBe(`${MINUS}5.000${NBSP}₫`);
  });

  it('shows a dash when missing', () => {
    expect(formatVnd(null)).toBe('—');
    expect(formatVnd(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

describe('formatPercentagePoints', () => {
  it('always shows the sign of a change', () => {
    expect(formatPercentagePoints(4.81)).toBe(`+4,81${NBSP}điểm${NBSP}%`);
    expect(formatPercentagePoints(-1.2)).toBe(`${MINUS}1,2${NBSP}điểm${NBSP}%`);
    expect(formatPercentagePoints(0)).toBe(`0${NBSP}điểm${NBSP}%`);
  });

  it('rounds to two digits and shows no sign when the change rounds to zero', () => {
    expect(formatPercentagePoints(4.815)).toBe(`+4,82${NBSP}điểm${NBSP}%`);
    expect(formatPercentagePoints(-0.004)).toBe(`0${NBSP}điểm${NBSP}%`);
    expect(formatPercentagePoints(0.004)).toBe(`0${NBSP}điểm${NBSP}%`);
    expect(formatPercentagePoints(-0)).toBe(`0${NBSP}điểm${NBSP}%`);
    expect(formatPercentagePoints(-0.005)).toBe(`${MINUS}0,01${NBSP}điểm${NBSP}%`);
  });

  it('honours the digits argument', () => {
    expect(formatPercentagePoints(4.81, 1)).toBe(`+4,8${NBSP}điểm${NBSP}%`);
  });

  it('says "không có số liệu" when missing', () => {
    expect(formatPercentagePoints(null)).toBe(NO_DATA_LABEL);
    expect(formatPercentagePoints(Number.NaN)).toBe(NO_DATA_LABEL);
  });
});

describe('formatDate / formatDateTime', () => {
  it('shows the date in Vietnam, dd/mm/yyyy', () => {
    expect(formatDate(new Date('2026-12-15T01:30:00Z'))).toBe('15/12/2026');
    expect(formatDate(new Date('2026-01-05T00:00:00Z'))).toBe('05/01/2026');
  });

  it('uses Vietnam time (UTC+7) to decide the day', () => {
    // 14 Dec 17:30 UTC is 15 Dec 00:30 in Hà Nội.
    expect(formatDate(new Date('2026-12-14T17:30:00Z'))).toBe('15/12/2026');
    expect(formatDate(new Date('2026-12-14T16:59:59Z'))).toBe('14/12/2026');
  });

  it('shows date then 24-hour time', () => {
    expect(formatDateTime(new Date('2026-12-15T01:30:00Z'))).toBe('15/12/2026 08:30');
    expect(formatDateTime(new Date('2026-12-14T17:05:00Z'))).toBe('15/12/2026 00:05');
    expect(formatDateTime(new Date('2026-06-30T15:59:00Z'))).toBe('30/06/2026 22:59');
  });

  it('shows a dash for null and throws on an invalid date', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDateTime(null)).toBe('—');
    expect(() => formatDate(new Date('nope'))).toThrow('Invalid date');
    expect(() => formatDateTime(new Date('nope'))).toThrow('Invalid date');
  });
});

describe('parseVietnameseInteger', () => {
  const ok = (value: bigint) => ({ ok: true, value });
  const refused = (reason: string) => ({ ok: false, reason });

  it.each([
    ['1.234.567', 1_234_567n],
    ['1 234 567', 1_234_567n],
    ['1\u00A0234\u00A0567', 1_234_567n],
    ['1\u202F234\u202F567', 1_234_567n],
    ['1234567', 1_234_567n],
    ['  1.234.567  ', 1_234_567n],
    ['\u00A01234\t', 1_234n],
    ['0', 0n],
    ['000', 0n],
    ['007', 7n],
    ['1.000', 1_000n],
    ['999', 999n],
    ['185.600.000.000', 185_600_000_000n],
    ['99.999.999.999.999.999.999', 99_999_999_999_999_999_999n],
    ['12345678901234567890', 12_345_678_901_234_567_890n],
  ])('accepts %j', (input, value) => {
    expect(parseVietnameseInteger(input)).toEqual(ok(value));
  });

  it('keeps exact values beyond 2^53', () => {
    const result = parseVietnameseInteger('9.007.199.254.740.993');
    expect(result).toEqual(ok(9_007_199_254_740_993n));
  });

  it.each(['', '   ', '\u00A0'])('refuses empty input %j', (input) => {
    expect(parseVietnameseInteger(input)).toEqual(refused('không được để trống'));
  });

  it.each(['-5', '−5', '-1.234', ' -0'])('refuses negative %j', (input) => {
    expect(parseVietnameseInteger(input)).toEqual(refused('không được âm'));
  });

  it.each(['1,5', '1.234,00', '0,5', '1,234,567'])('refuses decimal %j', (input) => {
    expect(parseVietnameseInteger(input)).toEqual(refused(PARSE_INTEGER_REASONS.DECIMAL));
  });

  it.each(['12a', 'abc', '+5', '1e6', '١٢', '5đ', '12_000'])('refuses non-digits %j', (input) => {
    expect(parseVietnameseInteger(input)).toEqual(refused(PARSE_INTEGER_REASONS.NOT_DIGITS));
  });

  it.each([
    '1.23.4',
    '1.2345',
    '1234.567',
    '.123',
    '123.',
    '1..234',
    '01.234',
    '0.123',
    '1.234 567',
    '1 23',
    '1  234',
    '1.5',
  ])('refuses malformed grouping %j', (input) => {
    expect(parseVietnameseInteger(input)).toEqual(refused(PARSE_INTEGER_REASONS.BAD_GROUPING));
  });

  it('refuses more than 20 digits, but not leading zeros', () => {
    expect(parseVietnameseInteger('123456789012345678901')).toEqual(refused('số quá lớn (tối đa 20 chữ số)'));
    expect(parseVietnameseInteger('100.000.000.000.000.000.000')).toEqual(
      refused(PARSE_INTEGER_REASONS.TOO_LARGE),
    );
    expect(parseVietnameseInteger('0000012345678901234567890')).toEqual(ok(12_345_678_901_234_567_890n));
  });

  it('phrases reasons in Vietnamese, to follow a field name', () => {
    expect(PARSE_INTEGER_REASONS).toEqual({
      EMPTY: 'không được để trống',
      NEGATIVE: 'không được âm',
      DECIMAL: 'phải là số nguyên, không có phần thập phân',
      NOT_DIGITS: 'chỉ được gồm các chữ số',
      BAD_GROUPING: 'sai cách phân cách hàng nghìn (viết 1.234.567 hoặc 1234567)',
      TOO_LARGE: 'số quá lớn (tối đa 20 chữ số)',
    });
    for (const reason of Object.values(PARSE_INTEGER_REASONS)) expect(reason).toBe(reason.normalize('NFC'));
  });

  it('round-trips with formatInteger', () => {
    for (const n of [0n, 7n, 1_234_567n, 2n ** 60n]) {
      expect(parseVietnameseInteger(formatInteger(n))).toEqual(ok(n));
    }
  });
});
