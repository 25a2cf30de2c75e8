// Deadlines of the reporting periods: the defaults of a new year, the province-specific
// extensions (DHIS2's lock exceptions), and the checks an administrator's change must pass.
// Pure: the data layer (./period-admin.ts) and the timeliness rules (lib/reports/timeliness.ts)
// call these. A deadline is an instant; an administrator picks a day, and the deadline is the
// last second of that day in Vietnam (UTC+7, no daylight saving), as the demo's deadlines are.
import { formatDate } from '../format';
import { formatPeriodCode, periodDates, type Half, type PeriodCode } from './periods';
import { vietnamDay } from './validity';

const HOUR = 3_600_000;

/** 23:59:59 in Vietnam on a calendar day (a date-only value at 00:00 UTC): 16:59:59 UTC that day. */
export function endOfVietnamDay(day: Date): Date {
  return new Date(day.getTime() + 17 * HOUR - 1000);
}

/** The calendar day in Vietnam of a deadline, as `YYYY-MM-DD` (what a date field shows). */
export function deadlineDay(deadline: Date): string {
  return vietnamDay(deadline).toISOString().slice(0, 10);
}

/**
 * The usual deadline of a half-year: the six-month report by 15 July, the year-end report by
 * 15 December (MOET asks for the year's learning-model results before 15 December), each at
 * 23:59:59 in Vietnam. An association that keeps other dates edits them after creating the year.
 */
export function defaultDeadline(year: number, half: Half): Date {
  return endOfVietnamDay(new Date(Date.UTC(year, half === 1 ? 6 : 11, 15)));
}

export type NewPeriod = { code: PeriodCode; year: number; half: Half; startDate: Date; endDate: Date; deadline: Date };

/** The two periods of a year with their dates and default deadlines (`deadlines` replaces either). */
export function periodsOfYear(year: number, deadlines: Partial<Record<Half, Date>> = {}): [NewPeriod, NewPeriod] {
  const make = (half: Half): NewPeriod => {
    const code = formatPeriodCode(year, half);
    const { start, end } = periodDates(code);
    return { code, year, half, startDate: start, endDate: end, deadline: deadlines[half] ?? defaultDeadline(year, half) };
  };
  return [make(1), make(2)];
}

/** The first year without periods: the year after the latest one, or this year when there is none. */
export function nextYearToCreate(existingYears: readonly number[], now: Date): number {
  return existingYears.length === 0 ? vietnamDay(now).getUTCFullYear() : Math.max(...existingYears) + 1;
}

/**
 * A province's deadline: the period's, or the province's extension when it is later. An
 * extension is granted later than the period's deadline; if the period's deadline is moved
 * past it afterwards, the province keeps the later date rather than falling behind the others.
 */
export function effectiveDeadline(periodDeadline: Date, extendedTo: Date | null | undefined): Date {
  return extendedTo && extendedTo.getTime() > periodDeadline.getTime() ? extendedTo : periodDeadline;
}

/** Why a period's deadline is refused (null: accepted): it cannot come before the period begins. */
export function deadlineIssue(deadline: Date, period: { startDate: Date }): string | null {
  if (deadline.getTime() < period.startDate.getTime()) {
    return `Hạn nộp không được trước ngày bắt đầu kỳ (${formatDate(period.startDate)}).`;
  }
  return null;
}

/** Why an extension is refused (null: accepted): it must end after the period's own deadline. */
export function extensionIssue(extendedTo: Date, periodDeadline: Date): string | null {
  if (extendedTo.getTime() <= periodDeadline.getTime()) {
    return `Hạn gia hạn phải sau hạn nộp chung của kỳ (${formatDate(periodDeadline)}).`;
  }
  return null;
}
