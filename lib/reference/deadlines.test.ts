import { describe, expect, it } from 'vitest';
import {
  deadlineDay,
  deadlineIssue,
  defaultDeadline,
  effectiveDeadline,
  endOfVietnamDay,
  extensionIssue,
  nextYearToCreate,
  periodsOfYear,
} from './deadlines';

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe('default deadlines', () => {
  it('ends a day at 23:59:59 in Vietnam', () => {
    expect(endOfVietnamDay(day('2027-07-15')).toISOString()).toBe('2027-07-15T16:59:59.000Z');
    expect(deadlineDay(new Date('2027-07-15T16:59:59.000Z'))).toBe('2027-07-15');
    // 00:30 on 16 July in Vietnam is already the 16th.
    expect(deadlineDay(new Date('2027-07-15T17:30:00.000Z'))).toBe('2027-07-16');
  });

  it('gives the six-month report 15 July and the year-end report 15 December, as the demo does', () => {
    expect(defaultDeadline(2027, 1).toISOString()).toBe('2027-07-15T16:59:59.000Z');
    expect(defaultDeadline(2027, 2).toISOString()).toBe('2027-12-15T16:59:59.000Z');
  });

  it("creates a year's two periods with their dates, each deadline replaceable", () => {
    const [s1, s2] = periodsOfYear(2027);
    expect(s1).toEqual({ code: '2027S1', year: 2027, half: 1, startDate: day('2027-01-01'), endDate: day('2027-06-30'), deadline: defaultDeadline(2027, 1) });
    expect(s2).toEqual({ code: '2027S2', year: 2027, half: 2, startDate: day('2027-07-01'), endDate: day('2027-12-31'), deadline: defaultDeadline(2027, 2) });
    const moved = endOfVietnamDay(day('2027-07-31'));
    expect(periodsOfYear(2027, { 1: moved }).map((p) => p.deadline)).toEqual([moved, defaultDeadline(2027, 2)]);
  });

  it('proposes the year after the latest, or this year in Vietnam when there is none', () => {
    expect(nextYearToCreate([2021, 2026, 2022], new Date('2026-11-20T03:00:00Z'))).toBe(2027);
    expect(nextYearToCreate([], new Date('2026-12-31T18:00:00Z'))).toBe(2027); // already 1 January in Vietnam
    expect(nextYearToCreate([], new Date('2026-12-31T16:00:00Z'))).toBe(2026);
  });
});

describe('effective deadline of a province', () => {
  const deadline = defaultDeadline(2027, 1);
  const extended = endOfVietnamDay(day('2027-07-31'));

  it("is the period's deadline without an extension", () => {
    expect(effectiveDeadline(deadline, null)).toBe(deadline);
    expect(effectiveDeadline(deadline, undefined)).toBe(deadline);
  });

  it('is the extension when it is later', () => {
    expect(effectiveDeadline(deadline, extended)).toBe(extended);
  });

  it("stays the period's deadline when that was moved past the extension", () => {
    const movedLater = endOfVietnamDay(day('2027-08-15'));
    expect(effectiveDeadline(movedLater, extended)).toBe(movedLater);
  });
});

describe('checks of a deadline and of an extension', () => {
  it('refuses a deadline before the period begins, accepts one on or after its first day', () => {
    const period = { startDate: day('2027-01-01') };
    expect(deadlineIssue(new Date('2026-12-31T16:59:59Z'), period)).toBe('Hạn nộp không được trước ngày bắt đầu kỳ (01/01/2027).');
    expect(deadlineIssue(day('2027-01-01'), period)).toBeNull();
    expect(deadlineIssue(defaultDeadline(2027, 1), period)).toBeNull();
  });

  it("refuses an extension that is not later than the period's deadline", () => {
    const deadline = defaultDeadline(2027, 1);
    const refused = 'Hạn gia hạn phải sau hạn nộp chung của kỳ (15/07/2027).';
    expect(extensionIssue(endOfVietnamDay(day('2027-07-10')), deadline)).toBe(refused);
    expect(extensionIssue(new Date(deadline.getTime()), deadline)).toBe(refused);
    expect(extensionIssue(new Date(deadline.getTime() + 1000), deadline)).toBeNull();
  });
});
