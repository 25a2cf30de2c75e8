import { describe, expect, it } from 'vitest';
import { completeness } from './completeness';

const deadline = new Date('2026-12-15T16:59:59Z');
const before = new Date('2026-12-10T03:00:00Z');
const after = new Date('2026-12-16T03:00:00Z');

describe('completeness', () => {
  it('counts an empty cluster as nothing expected', () => {
    expect(completeness([], deadline, before)).toEqual({
      expected: 0, notStarted: 0, draft: 0, submitted: 0, returned: 0, approved: 0, inReview: 0, onTime: 0, late: 0, overdue: 0,
    });
  });

  it('counts each status, on time and late, before the deadline', () => {
    const c = completeness(
      [
        { status: null, submittedAt: null },
        { status: 'DRAFT', submittedAt: null },
        { status: 'SUBMITTED', submittedAt: before },
        { status: 'RETURNED', submittedAt: before },
        { status: 'APPROVED', submittedAt: after },
      ],
      deadline,
      before,
    );
    expect(c).toEqual({ expected: 5, notStarted: 1, draft: 1, submitted: 1, returned: 1, approved: 1, inReview: 2, onTime: 1, late: 1, overdue: 0 });
  });

  it('marks everything not delivered as overdue once the deadline has passed', () => {
    const c = completeness(
      [
        { status: null, submittedAt: null },
        { status: 'RETURNED', submittedAt: before },
        { status: 'APPROVED', submittedAt: before },
      ],
      deadline,
      after,
    );
    expect(c.overdue).toBe(2);
    expect(c.onTime).toBe(1);
  });
});

describe('completeness: first submissions and extensions', () => {
  const extended = new Date('2026-12-22T16:59:59Z');

  it('counts a report sent on time, returned and sent again after the deadline as on time', () => {
    const c = completeness([{ status: 'SUBMITTED', firstSubmittedAt: before, submittedAt: after }], deadline, after);
    expect(c).toMatchObject({ inReview: 1, onTime: 1, late: 0 });
  });

  it("measures each province against its own extension, and is not overdue before it ends", () => {
    const c = completeness(
      [
        { status: 'SUBMITTED', firstSubmittedAt: after, submittedAt: after, extendedTo: extended },
        { status: 'APPROVED', firstSubmittedAt: after, submittedAt: after },
        { status: null, submittedAt: null, extendedTo: extended },
        { status: 'DRAFT', submittedAt: null },
      ],
      deadline,
      after,
    );
    expect(c).toMatchObject({ expected: 4, inReview: 2, onTime: 1, late: 1, overdue: 1 });
    expect(completeness([{ status: null, submittedAt: null, extendedTo: extended }], deadline, new Date(extended.getTime() + 1000)).overdue).toBe(1);
  });
});
