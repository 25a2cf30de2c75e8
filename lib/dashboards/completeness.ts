// How complete a cluster's reporting is for a period: who has not started,
// drafted, submitted, been returned or approved, and who was on time.
import type { ReportStatus } from '../domain';
import { effectiveDeadline } from '../reference/deadlines';
import { firstSubmission, isLate, type SubmissionTimes } from '../reports/timeliness';

/**
 * One expected province: its report's status and submission times (timeliness is measured on
 * the first submission), and the extension of the period's deadline it was granted, if any.
 */
export type CompletenessInput = SubmissionTimes & { status: ReportStatus | null; extendedTo?: Date | null };

export type Completeness = {
  expected: number;
  notStarted: number;
  draft: number;
  /** Awaiting review. */
  submitted: number;
  returned: number;
  approved: number;
  /** Ever submitted (submitted or approved now; a returned report is back with the province). */
  inReview: number;
  /** Of those in review: first submitted by the province's deadline (an extension counts). */
  onTime: number;
  late: number;
  /** Not delivered although the province's deadline has passed. */
  overdue: number;
};

export function completeness(rows: readonly CompletenessInput[], deadline: Date, now: Date): Completeness {
  const c: Completeness = { expected: rows.length, notStarted: 0, draft: 0, submitted: 0, returned: 0, approved: 0, inReview: 0, onTime: 0, late: 0, overdue: 0 };
  for (const r of rows) {
    if (r.status === null) c.notStarted++;
    else if (r.status === 'DRAFT') c.draft++;
    else if (r.status === 'SUBMITTED') c.submitted++;
    else if (r.status === 'RETURNED') c.returned++;
    else c.approved++;
    const own = effectiveDeadline(deadline, r.extendedTo);
    const delivered = r.status === 'SUBMITTED' || r.status === 'APPROVED';
    if (delivered) c.inReview++;
    const first = firstSubmission(r);
    if (delivered && first) {
      if (isLate(first, own)) c.late++;
      else c.onTime++;
    }
    if (!delivered && now > own) c.overdue++;
  }
  return c;
}
