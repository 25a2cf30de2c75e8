// Vietnamese display of numbers, money, rates and dates, and parsing of typed integers.
//
// Spacing: every formatted value joins number and unit with a NO-BREAK SPACE (U+00A0), so that
// "99,81 %", "185.600.000.000 ₫" and "+4,81 điểm %" never wrap in a table cell. We build the
// unit ourselves rather than keep ICU's literal: Node's ICU prints "99,81%" (no space) for
// vi-VN percent, and other ICU versions use U+202F (narrow NBSP) or U+0020 in similar places.
// Output never contains U+202F or a breaking space inside a value.
//
// Negative numbers use the typographic minus U+2212 ("−1,2"), not ICU's hyphen-minus, in every
// formatter, and a value that rounds to zero is shown without sign ("0", never "-0").
//
// Rounding: Intl rounds half away from zero on the shortest decimal representation of the
// double (what String(x) prints), not on its exact binary value. So 0.99805 → "99,81 %" although
// the double is 0.99804999999999999272…, and 1.005 → "1,01" where toFixed gives "1.00".
// That is the rounding a person checking the figures by hand expects.

import { NO_DATA_LABEL } from './domain';
import { VIETNAM_TIME_ZONE } from './reference/validity';

const NBSP = '\u00A0';
const MINUS = '\u2212';
/** Shown for a missing count or amount (a missing rate shows NO_DATA_LABEL instead). */
export const MISSING_VALUE = '—';

// Intl formatters are made once per set of options and kept: making one costs far more than
// using it, and a dashboard formats thousands of figures per request.
const formatters = new Map<string, Intl.NumberFormat>();
function keptFormat(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let format = formatters.get(key);
  if (!format) formatters.set(key, (format = make()));
  return format;
}

// ICU's default rounding (halfExpand) is the one we want, see above; keeps the grouping "."
// and decimal "," of vi-VN.
function numberFormat(maximumFractionDigits: number, signDisplay: 'auto' | 'exceptZero' = 'auto') {
  return keptFormat(`number ${maximumFractionDigits} ${signDisplay}`, () => new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 0, maximumFractionDigits, signDisplay }));
}

const integerFormat = numberFormat(0);

// "-0" (from -0, or -0.001 rounded) loses its sign; other minus signs become U+2212.
// (signDisplay 'negative' would do the first part, but is ES2023 and not in every TS lib.)
function useTypographicMinus(s: string): string {
  if (!/[1-9]/.test(s)) return s.replace(/-/g, '');
  return s.replace(/-/g, MINUS);
}

function checkDigits(digits: number): void {
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    throw new RangeError(`Invalid fraction digits ${digits}: expected an integer from 0 to 20`);
  }
}

/**
 * A rate (fraction) as a percentage with up to `digits` fraction digits, trailing zeros trimmed:
 * 0.9981 → "99,81 %", 0.94 → "94 %". Null or non-finite → "không có số liệu".
 */
export function formatPercent(rate: number | null, digits = 2): string {
  checkDigits(digits);
  if (rate === null || !Number.isFinite(rate)) return NO_DATA_LABEL;
  // style 'percent' scales by 100 in decimal arithmetic, so no binary error is introduced.
  const parts = keptFormat(`percent ${digits}`, () => new Intl.NumberFormat('vi-VN', { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: digits })).formatToParts(rate);
  const number = parts
    .filter((p) => p.type !== 'percentSign' && p.type !== 'literal')
    .map((p) => p.value)
    .join('');
  return `${useTypographicMinus(number)}${NBSP}%`;
}

/** A count with vi-VN grouping: 1234567 → "1.234.567". Null or non-finite → "—". Non-integers are rounded. */
export function formatInteger(n: number | bigint | null): string {
  if (n === null || (typeof n === 'number' && !Number.isFinite(n))) return MISSING_VALUE;
  return useTypographicMinus(integerFormat.format(n));
}

/**
 * An amount of whole dong: 185600000000n → "185.600.000.000 ₫". A bigint is formatted
 * exactly (Intl formats bigint without converting to a double), also beyond 2^53.
 * Null or non-finite → "—".
 */
export function formatVnd(n: bigint | number | null): string {
  const amount = formatInteger(n);
  return amount === MISSING_VALUE ? MISSING_VALUE : `${amount}${NBSP}₫`;
}

/**
 * A change in percentage points with its sign: "+4,81 điểm %", "−1,2 điểm %", "0 điểm %".
 * Null → "không có số liệu".
 */
export function formatPercentagePoints(pp: number | null, digits = 2): string {
  checkDigits(digits);
  if (pp === null || !Number.isFinite(pp)) return NO_DATA_LABEL;
  const number = useTypographicMinus(numberFormat(digits, 'exceptZero').format(pp));
  return `${number}${NBSP}điểm${NBSP}%`;
}

const TIME_ZONE = VIETNAM_TIME_ZONE;

const dateTimeFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

// Built from parts: vi-VN puts the time first ("08:30 15/12/2026") and does not pad the day
// and month the same way in every option set; we want "15/12/2026 08:30".
function dateTimeParts(d: Date) {
  if (Number.isNaN(d.getTime())) throw new RangeError('Invalid date');
  const parts = dateTimeFormat.formatToParts(d);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${get('day')}/${get('month')}/${get('year')}`,
    time: `${get('hour')}:${get('minute')}`,
  };
}

/** Calendar date in Vietnam (UTC+7): "15/12/2026". Null → "—". Throws on an invalid Date. */
export function formatDate(d: Date | null): string {
  if (d === null) return MISSING_VALUE;
  return dateTimeParts(d).date;
}

/** Date and time in Vietnam (UTC+7), 24-hour: "15/12/2026 08:30". Null → "—". Throws on an invalid Date. */
export function formatDateTime(d: Date | null): string {
  if (d === null) return MISSING_VALUE;
  const { date, time } = dateTimeParts(d);
  return `${date} ${time}`;
}

/** Why a typed integer was refused; phrased to follow a field name ("Tổng số hộ không được âm"). */
export const PARSE_INTEGER_REASONS = {
  EMPTY: 'không được để trống',
  NEGATIVE: 'không được âm',
  DECIMAL: 'phải là số nguyên, không có phần thập phân',
  NOT_DIGITS: 'chỉ được gồm các chữ số',
  BAD_GROUPING: 'sai cách phân cách hàng nghìn (viết 1.234.567 hoặc 1234567)',
  TOO_LARGE: 'số quá lớn (tối đa 20 chữ số)',
} as const;

export type ParseIntegerResult = { ok: true; value: bigint } | { ok: false; reason: string };

const MAX_DIGITS = 20;
// Space-like group separators people type or paste: space, NBSP, narrow NBSP, thin space.
const SPACE_SEPARATOR = /[ \u00A0\u202F\u2009]/;
const PLAIN = /^\d+$/;
// First group 1–3 digits without a leading zero, then groups of exactly three.
const GROUPED_WITH_DOT = /^[1-9]\d{0,2}(\.\d{3})+$/;
const GROUPED_WITH_SPACE = /^[1-9]\d{0,2}([ \u00A0\u202F\u2009]\d{3})+$/;

/**
 * Parses a non-negative integer typed the Vietnamese way: "1.234.567", "1 234 567" (space or
 * no-break space), "1234567", with surrounding whitespace. Refuses decimals ("1,5": the comma is
 * the decimal separator in Vietnamese), negatives, letters, malformed groupings ("1.23.4",
 * "1.234 567") and more than 20 significant digits.
 */
export function parseVietnameseInteger(input: string): ParseIntegerResult {
  const s = input.trim(); // trim() also removes NBSP and other Unicode spaces
  if (s === '') return { ok: false, reason: PARSE_INTEGER_REASONS.EMPTY };
  if (/^[-\u2212\u2013]/.test(s)) return { ok: false, reason: PARSE_INTEGER_REASONS.NEGATIVE };
  if (s.includes(',')) return { ok: false, reason: PARSE_INTEGER_REASONS.DECIMAL };
  if (!/^[\d. \u00A0\u202F\u2009]+$/.test(s)) return { ok: false, reason: PARSE_INTEGER_REASONS.NOT_DIGITS };

  let digits: string;
  if (PLAIN.test(s)) {
    digits = s;
  } else if (GROUPED_WITH_DOT.test(s) || GROUPED_WITH_SPACE.test(s)) {
    digits = s.replace(/\./g, '').replace(new RegExp(SPACE_SEPARATOR.source, 'g'), '');
  } else {
    return { ok: false, reason: PARSE_INTEGER_REASONS.BAD_GROUPING };
  }

  const significant = digits.replace(/^0+(?=\d)/, '');
  if (significant.length > MAX_DIGITS) return { ok: false, reason: PARSE_INTEGER_REASONS.TOO_LARGE };
  return { ok: true, value: BigInt(significant) };
}
