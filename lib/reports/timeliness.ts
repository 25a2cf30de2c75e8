// Whether a report came in on time. Timeliness is measured on the FIRST submission: a report
// sent on time, returned after the deadline and sent again stays on time (the province met the
// deadline; the return is the reviewer's doing). The deadline is the province's own: the
// period's, or its extension (lib/reference/deadlines.ts effectiveDeadline). Passing the deadline
// no longer closes entry (only a locked period does): it only makes the first submission late.

/** A report's submission times; `firstSubmittedAt` is set by the first submission and never reset. */
export type SubmissionTimes = { submittedAt: Date | null; firstSubmittedAt?: Date | null };

/**
 * The submission timeliness is measured on: the first one. A report whose first submission was
 * not recorded (written before the column existed, by the demo seed or the benchmark data) falls
 * back to its latest, which is what the migration backfilled where no status history exists.
 */
export function firstSubmission(times: SubmissionTimes | null | undefined): Date | null {
  return times?.firstSubmittedAt ?? times?.submittedAt ?? null;
}

/** Submitted after the deadline (a submission at the deadline itself is on time). Not submitted: false. */
export function isLate(submittedAt: Date | null, deadline: Date): boolean {
  return submittedAt !== null && submittedAt.getTime() > deadline.getTime();
}

/**
 * ON_TIME / LATE: first submitted by / after the deadline. Never submitted: OVERDUE once the
 * deadline has passed (a submission now would be late), else OPEN.
 */
export type Timeliness = 'ON_TIME' | 'LATE' | 'OVERDUE' | 'OPEN';

export function timelinessOf(times: SubmissionTimes | null | undefined, deadline: Date, now: Date): Timeliness {
  const first = firstSubmission(times);
  if (first !== null) return isLate(first, deadline) ? 'LATE' : 'ON_TIME';
  return now.getTime() > deadline.getTime() ? 'OVERDUE' : 'OPEN';
}
