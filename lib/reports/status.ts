// The report's status machine and what a user may do with a report (DHIS2 style: the flags are
// computed here, on the server, and each refusal has its own reason).
//
//   (none) ─EDIT→ DRAFT ─SUBMIT→ SUBMITTED ─APPROVE→ APPROVED
//   (none) ─SUBMIT→ SUBMITTED          (save and submit a report never saved as a draft)
//   SUBMITTED ─RETURN→ RETURNED ─SUBMIT→ SUBMITTED;  RETURNED ─EDIT→ RETURNED
//   APPROVED ─REOPEN→ RETURNED
//   RETURNED ─APPROVE→ APPROVED        (an administrator only, when the province cannot send it
//                                       again: see reviewDecision)
//
// The calendar does not close entry: past the deadline a province may still enter and submit
// until the period is locked, and the submission is late (./timeliness.ts).

import type { ReportStatus } from '../domain';
import {
  approvesStrandedReports,
  entersReports,
  overridesPeriodLocks,
  readsOnly,
  reviewsEveryProvince,
  reviewsReports,
  type ActorRelation,
} from '../permissions';

export { isLate } from './timeliness';

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
const AWAITING_RESUBMISSION: Refusal = { code: 'ALREADY_RETURNED', message: 'Báo cáo đã bị trả lại, đang chờ tỉnh gửi lại.' };

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
    // Allowed by the machine, refused by reviewDecision but in the one case it exists for.
    RETURNED: 'APPROVED',
    SUBMITTED: 'APPROVED',
    APPROVED,
  },
  RETURN: {
    NONE: NO_REPORT,
    DRAFT: { code: 'NOT_SUBMITTED', message: 'Báo cáo chưa được gửi.' },
    RETURNED: AWAITING_RESUBMISSION,
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

/**
 * What, beside the status and the user, decides what may be done with a report. The deadline is
 * not among them: it decides only whether a submission is late (./timeliness.ts).
 */
export type PeriodState = {
  /** The period is locked: no entry, and no return or reopening but an administrator's. */
  locked: boolean;
  /** Report-level override set by an administrator's reopening or return, until the next submission. */
  unlockedByAdmin: boolean;
  /**
   * The report's province is still in force (not merged away): only then can its staff enter and
   * submit (relationTo's ownsProvince), so only then can a returned report be sent again.
   */
  provinceInForce: boolean;
};

export type AllowedActions = Record<ReportAction, { allowed: boolean; reason?: string }>;

/** Refusal reasons that do not come from the status machine. */
export const ACTION_REASONS = {
  READ_ONLY: 'Trung ương Hội chỉ được xem báo cáo.',
  NOT_OWN_PROVINCE: 'Báo cáo này không thuộc tỉnh, thành phố của bạn.',
  // Said to the staff of a province merged away (its own reports) and of its successor (the
  // predecessors' reports) rather than NOT_OWN_PROVINCE, which they would read as a mistake.
  PROVINCE_MERGED: 'Tỉnh, thành phố này đã hợp nhất vào tỉnh, thành phố mới; các báo cáo trước hợp nhất chỉ để xem, không sửa hay gửi được nữa.',
  ONLY_STAFF_EDIT: 'Chỉ cán bộ của tỉnh, thành phố được nhập báo cáo.',
  ONLY_STAFF_SUBMIT: 'Chỉ cán bộ của tỉnh, thành phố được gửi báo cáo.',
  ONLY_REVIEWER_APPROVE: 'Chỉ cụm trưởng hoặc quản trị viên được duyệt.',
  ONLY_REVIEWER_RETURN: 'Chỉ cụm trưởng hoặc quản trị viên được trả lại báo cáo.',
  ONLY_REVIEWER_REOPEN: 'Chỉ cụm trưởng hoặc quản trị viên được mở lại báo cáo.',
  NOT_OWN_CLUSTER: 'Tỉnh, thành phố này không thuộc cụm bạn phụ trách.',
  PERIOD_LOCKED: 'Kỳ báo cáo đã khoá sổ.',
  PERIOD_LOCKED_REOPEN: 'Kỳ báo cáo đã khoá sổ; chỉ quản trị viên được mở lại báo cáo.',
  PERIOD_LOCKED_RETURN: 'Kỳ báo cáo đã khoá sổ; chỉ quản trị viên được trả lại báo cáo.',
} as const;

const ALLOWED = { allowed: true } as const;
const refuse = (reason: string) => ({ allowed: false, reason });

// Reasons are checked from the most permanent to the most temporary: who you are, then the
// report's status, then the period. A user is told first what will never change.
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
  if (!actor.ownsProvince) return refuse(period.provinceInForce ? ACTION_REASONS.NOT_OWN_PROVINCE : ACTION_REASONS.PROVINCE_MERGED);
  const to = transition(status, action);
  if (typeof to !== 'string') return refuse(to.message);
  if (period.unlockedByAdmin) return ALLOWED;
  if (period.locked) return refuse(ACTION_REASONS.PERIOD_LOCKED);
  // Past the deadline too: a province that missed it may still report, late, until the lock.
  return ALLOWED;
}

/**
 * Nobody can send this report again: its province was merged away (its staff only read its
 * history), or its period is locked and no administrator unlocked the report.
 */
function provinceCannotResubmit(period: PeriodState): boolean {
  return !period.provinceInForce || (period.locked && !period.unlockedByAdmin);
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
  // A returned report waits for its province. When the province can never send it again (an
  // administrator reopened a report of a province merged away in 2025, or of a locked period),
  // the administrator approves it again as it stands: otherwise it would stay returned for good,
  // its figures out of every summary. Its figures are then corrected, if need be, as approved
  // reports of closed periods are: through the history import. Editing on the province's behalf
  // was not chosen: figures would then be entered by someone who is not the province.
  if (action === 'APPROVE' && status === 'RETURNED') {
    return approvesStrandedReports(actor) && provinceCannotResubmit(period) ? ALLOWED : refuse(AWAITING_RESUBMISSION.message);
  }
  const to = transition(status, action);
  if (typeof to !== 'string') return refuse(to.message);
  // A return or reopening opens entry again; in a locked period only an administrator's does
  // (it unlocks the report): a leader's would leave a report nobody may correct.
  if (period.locked && !overridesPeriodLocks(actor)) {
    if (action === 'REOPEN') return refuse(ACTION_REASONS.PERIOD_LOCKED_REOPEN);
    if (action === 'RETURN') return refuse(ACTION_REASONS.PERIOD_LOCKED_RETURN);
  }
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
