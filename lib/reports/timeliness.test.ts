import { describe, expect, it } from 'vitest';
import { effectiveDeadline } from '../reference/deadlines';
import { firstSubmission, isLate, timelinessOf } from './timeliness';

const DEADLINE = new Date('2026-12-15T16:59:59Z'); // 23:59:59 on 15/12/2026 in Vietnam
const BEFORE = new Date('2026-12-10T03:00:00Z');
const AFTER = new Date('2026-12-16T03:00:00Z');
const EXTENDED = new Date('2026-12-22T16:59:59Z');

describe('isLate', () => {
  it('is true only for a submission after the deadline', () => {
    expect(isLate(null, DEADLINE)).toBe(false);
    expect(isLate(BEFORE, DEADLINE)).toBe(false);
    expect(isLate(new Date(DEADLINE.getTime()), DEADLINE)).toBe(false);
    expect(isLate(new Date(DEADLINE.getTime() + 1), DEADLINE)).toBe(true);
    expect(isLate(AFTER, DEADLINE)).toBe(true);
  });
});

describe('timeliness on the first submission', () => {
  it('keeps a report sent on time, returned after the deadline and sent again, on time', () => {
    const resent = { firstSubmittedAt: BEFORE, submittedAt: AFTER };
    expect(firstSubmission(resent)).toBe(BEFORE);
    expect(timelinessOf(resent, DEADLINE, AFTER)).toBe('ON_TIME');
  });

  it('keeps a report first sent late late, however it is sent again', () => {
    expect(timelinessOf({ firstSubmittedAt: AFTER, submittedAt: AFTER }, DEADLINE, AFTER)).toBe('LATE');
  });

  it('falls back to the latest submission where the first was not recorded (demo and benchmark data)', () => {
    expect(firstSubmission({ submittedAt: BEFORE })).toBe(BEFORE);
    expect(firstSubmission({ submittedAt: AFTER, firstSubmittedAt: null })).toBe(AFTER);
    expect(timelinessOf({ submittedAt: AFTER }, DEADLINE, AFTER)).toBe('LATE');
  });

  it('calls a report never sent overdue once the deadline has passed, open before', () => {
    expect(firstSubmission(null)).toBeNull();
    expect(timelinessOf(null, DEADLINE, BEFORE)).toBe('OPEN');
    expect(timelinessOf(null, DEADLINE, DEADLINE)).toBe('OPEN');
    expect(timelinessOf({ submittedAt: null, firstSubmittedAt: null }, DEADLINE, AFTER)).toBe('OVERDUE');
  });

  it("measures against the province's extension: sent after the period's deadline but within it is on time", () => {
    const sent = { submittedAt: AFTER, firstSubmittedAt: AFTER };
    expect(timelinessOf(sent, effectiveDeadline(DEADLINE, EXTENDED), AFTER)).toBe('ON_TIME');
    expect(timelinessOf(sent, effectiveDeadline(DEADLINE, null), AFTER)).toBe('LATE');
    expect(timelinessOf(null, effectiveDeadline(DEADLINE, EXTENDED), AFTER)).toBe('OPEN');
    const afterExtension = new Date(EXTENDED.getTime() + 1000);
    expect(timelinessOf({ submittedAt: afterExtension }, effectiveDeadline(DEADLINE, EXTENDED), afterExtension)).toBe('LATE');
  });
});
