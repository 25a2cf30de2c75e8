// Semiannual reporting periods, coded `YYYYS1` (1 Jan – 30 Jun) and `YYYYS2` (1 Jul – 31 Dec).
// The code is the only representation passed around; everything else is derived from it.

/** A period code such as `2022S1`. Validate with `isPeriodCode` / `parsePeriodCode`. */
export type PeriodCode = string;

export type Half = 1 | 2;

export type ParsedPeriod = { year: number; half: Half };

const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

// Strict on purpose: no lowercase `s`, no surrounding spaces, exactly four digits without
// a leading zero, so that one period has exactly one spelling (codes are stored and compared).
const PERIOD_CODE_PATTERN = /^([1-9]\d{3})S([12])$/;

export function isPeriodCode(s: unknown): s is PeriodCode {
  return typeof s === 'string' && PERIOD_CODE_PATTERN.test(s);
}

export function parsePeriodCode(code: PeriodCode): ParsedPeriod {
  const match = typeof code === 'string' ? PERIOD_CODE_PATTERN.exec(code) : null;
  if (!match) {
    throw new Error(
      `Invalid period code ${JSON.stringify(code)}: expected YYYYS1 or YYYYS2 (e.g. 2022S1)`,
    );
  }
  return { year: Number(match[1]), half: match[2] === '1' ? 1 : 2 };
}

export function formatPeriodCode(year: number, half: Half): PeriodCode {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new Error(`Invalid period year ${year}: expected an integer from ${MIN_YEAR} to ${MAX_YEAR}`);
  }
  if (half !== 1 && half !== 2) {
    throw new Error(`Invalid period half ${String(half)}: expected 1 or 2`);
  }
  return `${year}S${half}`;
}

/** Sequential index of a period: consecutive periods differ by exactly 1. */
function periodIndex({ year, half }: ParsedPeriod): number {
  return year * 2 + (half - 1);
}

function periodFromIndex(index: number): PeriodCode {
  const year = Math.floor(index / 2);
  const half: Half = index % 2 === 0 ? 1 : 2;
  return formatPeriodCode(year, half);
}

/** Comparator for `Array.prototype.sort`: chronological order, returns -1, 0 or 1. Throws on invalid codes. */
export function comparePeriodCodes(a: PeriodCode, b: PeriodCode): -1 | 0 | 1 {
  const ia = periodIndex(parsePeriodCode(a));
  const ib = periodIndex(parsePeriodCode(b));
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/** 2022S1 → 2021S2, 2022S2 → 2022S1. */
export function previousPeriodCode(code: PeriodCode): PeriodCode {
  return periodFromIndex(periodIndex(parsePeriodCode(code)) - 1);
}

/** 2022S1 → 2022S2, 2022S2 → 2023S1. */
export function nextPeriodCode(code: PeriodCode): PeriodCode {
  return periodFromIndex(periodIndex(parsePeriodCode(code)) + 1);
}

/** All periods from `from` to `to`, both included, in order. Empty when `from` is after `to`. */
export function periodRange(from: PeriodCode, to: PeriodCode): PeriodCode[] {
  const first = periodIndex(parsePeriodCode(from));
  const last = periodIndex(parsePeriodCode(to));
  const codes: PeriodCode[] = [];
  for (let i = first; i <= last; i++) codes.push(periodFromIndex(i));
  return codes;
}

/** "6 tháng đầu năm 2022" / "6 tháng cuối năm 2022". */
export function periodLabel(code: PeriodCode): string {
  const { year, half } = parsePeriodCode(code);
  return `6 tháng ${half === 1 ? 'đầu' : 'cuối'} năm ${year}`;
}

/** "6T đầu 2022" / "6T cuối 2022", for table headers and chart axes. */
export function periodShortLabel(code: PeriodCode): string {
  const { year, half } = parsePeriodCode(code);
  return `6T ${half === 1 ? 'đầu' : 'cuối'} ${year}`;
}

/**
 * First and last calendar day of the period, as dates at 00:00 UTC (date-only values, the way
 * date columns are read back). `end` is the last day itself (30 Jun or 31 Dec), inclusive:
 * a timestamp is in the period when its calendar date is ≤ end, not when the instant is ≤ end.
 */
export function periodDates(code: PeriodCode): { start: Date; end: Date } {
  const { year, half } = parsePeriodCode(code);
  return half === 1
    ? { start: utcDate(year, 0, 1), end: utcDate(year, 5, 30) }
    : { start: utcDate(year, 6, 1), end: utcDate(year, 11, 31) };
}

function utcDate(year: number, monthIndex: number, day: number): Date {
  const d = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  d.setUTCFullYear(year, monthIndex, day);
  return d;
}

/**
 * The period whose calendar contains `date`. By default the calendar date is read in UTC,
 * consistent with `periodDates` (date-only values stored at 00:00 UTC). For an instant such as
 * "now" or a submission time, pass `'Asia/Ho_Chi_Minh'`: 1 Jul 00:30 in Hà Nội is already S2,
 * although it is still 30 Jun in UTC.
 */
export function periodContaining(date: Date, timeZone = 'UTC'): PeriodCode {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new Error('periodContaining: invalid date');
  }
  let year: number;
  let month: number; // 1–12
  if (timeZone === 'UTC') {
    year = date.getUTCFullYear();
    month = date.getUTCMonth() + 1;
  } else {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
    }).formatToParts(date);
    year = Number(parts.find((p) => p.type === 'year')?.value);
    month = Number(parts.find((p) => p.type === 'month')?.value);
  }
  return formatPeriodCode(year, month <= 6 ? 1 : 2);
}
