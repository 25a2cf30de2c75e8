// How complete a cluster's reporting is for a period: who has not started,
// drafted, submitted, been returned or approved, and who was on time.
import type { ReportStatus } from '../domain';
import { isLate } from '../reports/status';

export type CompletenessInput = { status: ReportStatus | null; submittedAt: Date | null };

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
  onTime: number;
  late: number;
  /** Not submitted although the deadline has passed. */
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
    const delivered = r.status === 'SUBMITTED' || r.status === 'APPROVED';
    if (delivered) c.inReview++;
    if (delivered && r.submittedAt) {
      if (isLate(r.submittedAt, deadline)) c.late++;
      else c.onTime++;
    }
    if (!delivered && now > deadline) c.overdue++;
  }
  return c;
}
