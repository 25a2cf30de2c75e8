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
