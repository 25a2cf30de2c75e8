// The report's status machine and what a user may do with a report (DHIS2 style: the flags are
// computed here, on the server, and each refusal has its own reason).
//
//   (none) ─EDIT→ DRAFT ─SUBMIT→ SUBMITTED ─APPROVE→ APPROVED
//   (none) ─SUBMIT→ SUBMITTED          (save and submit a report never saved as a draft)
//   SUBMITTED ─RETURN→ RETURNED ─SUBMIT→ SUBMITTED;  RETURNED ─EDIT→ RETURNED
//   APPROVED ─REOPEN→ RETURNED

import type { ReportStatus } from '../domain';
import { overridesPeriodLocks, readsOnly, reviewsEveryProvince, reviewsReports, entersReports, type ActorRelation } from '../permissions';

export type { ActorRelation } from '../permissions';

export type { ReportStatus } from '../domain';

export type ReportAction = 'EDIT' | 'SUBMIT' | 'APPROVE' | 'RETURN' | 'REOPEN';
export const REPORT_ACTIONS: readonly ReportAction[] = ['EDIT', 'SUBMIT', 'APPROVE', 'RETURN', 'REOPEN'];

export type TransitionErrorCode =
  | 'NO_REPORT'
  | 'NOT_SUBMITTED'
  | 'ALREADY_SUBMITTED'
  | 'ALREADY_RETURNED'
  | 'ALREADY_APPROVED'
  | 'NOT_APPROVED';

/** A status change the machine does not allow, with a message for the user. */
export class TransitionError extends Error {
  constructor(
    readonly code: TransitionErrorCode,
    message: string,
    readonly from: ReportStatus | null,
    readonly action: ReportAction,
  ) {
    super(message);
    this.name = 'TransitionError';
  }
}

type Refusal = { code: TransitionErrorCode; message: string };

const NO_REPORT: Refusal = { code: 'NO_REPORT', message: 'Báo cáo chưa được lập.' };
const AWAITING_REVIEW: Refusal = { code: 'ALREADY_SUBMITTED', message: 'Báo cáo đã gửi, đang chờ duyệt.' };
const APPROVED: Refusal = { code: 'ALREADY_APPROVED', message: 'Báo cáo đã được duyệt.' };

/** Each (status, action) pair: the status it leads to, or why it is refused. */
const TRANSITIONS: Record<ReportAction, Record<ReportStatus | 'NONE', ReportStatus | Refusal>> = {
  EDIT: {
    NONE: 'DRAFT',
    DRAFT: 'DRAFT',
    RETURNED: 'RETURNED',
    SUBMITTED: AWAITING_REVIEW,
    APPROVED,
  },
  SUBMIT: {
    NONE: 'SUBMITTED',
    DRAFT: 'SUBMITTED',
    RETURNED: 'SUBMITTED',
    SUBMITTED: AWAITING_REVIEW,
    APPROVED,
  },
  APPROVE: {
    NONE: NO_REPORT,
    DRAFT: { code: 'NOT_SUBMITTED', message: 'Báo cáo chưa được gửi.' },
    RETURNED: { code: 'ALREADY_RETURNED', message: 'Báo cáo đã bị trả lại, đang chờ tỉnh gửi lại.' },
    SUBMITTED: 'APPROVED',
    APPROVED,
  },
  RETURN: {
    NONE: NO_REPORT,
    DRAFT: { code: 'NOT_SUBMITTED', message: 'Báo cáo chưa được gửi.' },
    RETURNED: { code: 'ALREADY_RETURNED', message: 'Báo cáo đã bị trả lại, đang chờ tỉnh gửi lại.' },
    SUBMITTED: 'RETURNED',
    APPROVED: { code: 'ALREADY_APPROVED', message: 'Báo cáo đã được duyệt; muốn trả lại phải mở lại báo cáo.' },
  },
  REOPEN: {
    NONE: NO_REPORT,
    DRAFT: { code: 'NOT_APPROVED', message: 'Chỉ mở lại được báo cáo đã duyệt.' },
    SUBMITTED: { code: 'NOT_APPROVED', message: 'Chỉ mở lại được báo cáo đã duyệt.' },
    RETURNED: { code: 'NOT_APPROVED', message: 'Chỉ mở lại được báo cáo đã duyệt.' },
    APPROVED: 'RETURNED',
  },
};

function transition(from: ReportStatus | null, action: ReportAction): ReportStatus | Refusal {
  return TRANSITIONS[action][from ?? 'NONE'];
}

function apply(from: ReportStatus | null, action: ReportAction): ReportStatus {
  const to = transition(from, action);
  if (typeof to !== 'string') throw new TransitionError(to.code, to.message, from, action);
  return to;
}

/** The status after a status change; throws TransitionError when the change is not allowed. */
export function nextStatus(from: ReportStatus | null, action: Exclude<ReportAction, 'EDIT'>): ReportStatus {
  return apply(from, action);
}

/** The status after saving figures: DRAFT for a new report or a draft, RETURNED stays RETURNED. */
export function statusAfterEdit(from: ReportStatus | null): ReportStatus {
  return apply(from, 'EDIT');
}

// ---------------------------------------------------------------------------------------------
// Who may do what

export type PeriodState = {
  locked: boolean;
  deadline: Date;
  now: Date;
  /** Report-level override set by an administrator's reopening, until the next submission. */
  unlockedByAdmin: boolean;
};

export type AllowedActions = Record<ReportAction, { allowed: boolean; reason?: string }>;

/** Refusal reasons that do not come from the status machine. */
export const ACTION_REASONS = {
  READ_ONLY: 'Trung ương Hội chỉ được xem báo cáo.',
  NOT_OWN_PROVINCE: 'Báo cáo này không thuộc tỉnh, thành phố của bạn.',
  ONLY_STAFF_EDIT: 'Chỉ cán bộ của tỉnh, thành phố được nhập báo cáo.',
  ONLY_STAFF_SUBMIT: 'Chỉ cán bộ của tỉnh, thành phố được gửi báo cáo.',
  ONLY_REVIEWER_APPROVE: 'Chỉ cụm trưởng hoặc quản trị viên được duyệt.',
  ONLY_REVIEWER_RETURN: 'Chỉ cụm trưởng hoặc quản trị viên được trả lại báo cáo.',
  ONLY_REVIEWER_REOPEN: 'Chỉ cụm trưởng hoặc quản trị viên được mở lại báo cáo.',
  NOT_OWN_CLUSTER: 'Tỉnh, thành phố này không thuộc cụm bạn phụ trách.',
  PERIOD_LOCKED: 'Kỳ báo cáo đã khoá sổ.',
  PERIOD_LOCKED_REOPEN: 'Kỳ báo cáo đã khoá sổ; chỉ quản trị viên được mở lại báo cáo.',
  DEADLINE_PASSED: 'Đã quá hạn nộp báo cáo.',
} as const;

const ALLOWED = { allowed: true } as const;
const refuse = (reason: string) => ({ allowed: false, reason });

// Reasons are checked from the most permanent to the most temporary: who you are, then the
// report's status, then the calendar. A user is told first what will never change.
function entryDecision(
  action: 'EDIT' | 'SUBMIT',
  status: ReportStatus | null,
  actor: ActorRelation,
  period: PeriodState,
): { allowed: boolean; reason?: string } {
  if (readsOnly(actor)) return refuse(ACTION_REASONS.READ_ONLY);
  if (!entersReports(actor)) {
    return refuse(action === 'EDIT' ? ACTION_REASONS.ONLY_STAFF_EDIT : ACTION_REASONS.ONLY_STAFF_SUBMIT);
  }
  if (!actor.ownsProvince) return refuse(ACTION_REASONS.NOT_OWN_PROVINCE);
  const to = transition(status, action);
  if (typeof to !== 'string') return refuse(to.message);
  if (period.unlockedByAdmin) return ALLOWED;
  if (period.locked) return refuse(ACTION_REASONS.PERIOD_LOCKED);
  // A returned report may be corrected and resubmitted after the deadline.
  if (period.now.getTime() > period.deadline.getTime() && status !== 'RETURNED') {
    return refuse(ACTION_REASONS.DEADLINE_PASSED);
  }
  return ALLOWED;
}

function reviewDecision(
  action: 'APPROVE' | 'RETURN' | 'REOPEN',
  status: ReportStatus | null,
  actor: ActorRelation,
  period: PeriodState,
): { allowed: boolean; reason?: string } {
  if (readsOnly(actor)) return refuse(ACTION_REASONS.READ_ONLY);
  if (!reviewsReports(actor)) {
    const reasons = {
      APPROVE: ACTION_REASONS.ONLY_REVIEWER_APPROVE,
      RETURN: ACTION_REASONS.ONLY_REVIEWER_RETURN,
      REOPEN: ACTION_REASONS.ONLY_REVIEWER_REOPEN,
    };
    return refuse(reasons[action]);
  }
  if (!reviewsEveryProvince(actor) && !actor.leadsCluster) return refuse(ACTION_REASONS.NOT_OWN_CLUSTER);
  const to = transition(status, action);
  if (typeof to !== 'string') return refuse(to.message);
  if (action === 'REOPEN' && period.locked && !overridesPeriodLocks(actor)) return refuse(ACTION_REASONS.PERIOD_LOCKED_REOPEN);
  return ALLOWED;
}

/** What the actor may do with a report in this status and period; a Vietnamese reason for each refusal. */
export function allowedActions(status: ReportStatus | null, actor: ActorRelation, period: PeriodState): AllowedActions {
  return {
    EDIT: entryDecision('EDIT', status, actor, period),
    SUBMIT: entryDecision('SUBMIT', status, actor, period),
    APPROVE: reviewDecision('APPROVE', status, actor, period),
    RETURN: reviewDecision('RETURN', status, actor, period),
    REOPEN: reviewDecision('REOPEN', status, actor, period),
  };
}

/** Submitted after the deadline (a submission at the deadline itself is on time). Not submitted: false. */
export function isLate(submittedAt: Date | null, deadline: Date): boolean {
  return submittedAt !== null && submittedAt.getTime() > deadline.getTime();
}
