import { describe, expect, it } from 'vitest';
import { REPORT_STATUSES, type ReportStatus } from '../domain';
import { ROLES } from '../permissions';
import {
  REPORT_ACTIONS,
  TransitionError,
  allowedActions,
  isLate,
  nextStatus,
  statusAfterEdit,
  type ActorRelation,
  type PeriodState,
  type ReportAction,
  type TransitionErrorCode,
} from './status';

const STATUSES: Array<ReportStatus | null> = [null, ...REPORT_STATUSES];

// Every (status, action) pair: the status it leads to, or the refusal's code and message.
const TRANSITIONS: Array<[ReportStatus | null, ReportAction, ReportStatus | [TransitionErrorCode, string]]> = [
  [null, 'EDIT', 'DRAFT'],
  ['DRAFT', 'EDIT', 'DRAFT'],
  ['RETURNED', 'EDIT', 'RETURNED'],
  ['SUBMITTED', 'EDIT', ['ALREADY_SUBMITTED', 'Báo cáo đã gửi, đang chờ duyệt.']],
  ['APPROVED', 'EDIT', ['ALREADY_APPROVED', 'Báo cáo đã được duyệt.']],

  [null, 'SUBMIT', 'SUBMITTED'],
  ['DRAFT', 'SUBMIT', 'SUBMITTED'],
  ['RETURNED', 'SUBMIT', 'SUBMITTED'],
  ['SUBMITTED', 'SUBMIT', ['ALREADY_SUBMITTED', 'Báo cáo đã gửi, đang chờ duyệt.']],
  ['APPROVED', 'SUBMIT', ['ALREADY_APPROVED', 'Báo cáo đã được duyệt.']],

  [null, 'APPROVE', ['NO_REPORT', 'Báo cáo chưa được lập.']],
  ['DRAFT', 'APPROVE', ['NOT_SUBMITTED', 'Báo cáo chưa được gửi.']],
  ['RETURNED', 'APPROVE', ['ALREADY_RETURNED', 'Báo cáo đã bị trả lại, đang chờ tỉnh gửi lại.']],
  ['SUBMITTED', 'APPROVE', 'APPROVED'],
  ['APPROVED', 'APPROVE', ['ALREADY_APPROVED', 'Báo cáo đã được duyệt.']],

  [null, 'RETURN', ['NO_REPORT', 'Báo cáo chưa được lập.']],
  ['DRAFT', 'RETURN', ['NOT_SUBMITTED', 'Báo cáo chưa được gửi.']],
  ['RETURNED', 'RETURN', ['ALREADY_RETURNED', 'Báo cáo đã bị trả lại, đang chờ tỉnh gửi lại.']],
  ['SUBMITTED', 'RETURN', 'RETURNED'],
  ['APPROVED', 'RETURN', ['ALREADY_APPROVED', 'Báo cáo đã được duyệt; muốn trả lại phải mở lại báo cáo.']],

  [null, 'REOPEN', ['NO_REPORT', 'Báo cáo chưa được lập.']],
  ['DRAFT', 'REOPEN', ['NOT_APPROVED', 'Chỉ mở lại được báo cáo đã duyệt.']],
  ['SUBMITTED', 'REOPEN', ['NOT_APPROVED', 'Chỉ mở lại được báo cáo đã duyệt.']],
  ['RETURNED', 'REOPEN', ['NOT_APPROVED', 'Chỉ mở lại được báo cáo đã duyệt.']],
  ['APPROVED', 'REOPEN', 'RETURNED'],
];

function attempt(from: ReportStatus | null, action: ReportAction): ReportStatus {
  return action === 'EDIT' ? statusAfterEdit(from) : nextStatus(from, action);
}

describe('status machine', () => {
  it('covers every status × action pair', () => {
    expect(TRANSITIONS).toHaveLength(STATUSES.length * REPORT_ACTIONS.length);
    for (const s of STATUSES) for (const a of REPORT_ACTIONS) expect(TRANSITIONS.some(([f, x]) => f === s && x === a)).toBe(true);
  });

  it.each(TRANSITIONS)('%s --%s--> %j', (from, action, expected) => {
    if (typeof expected === 'string') {
      expect(attempt(from, action)).toBe(expected);
      return;
    }
    const [code, message] = expected;
    let error: unknown;
    try {
      attempt(from, action);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TransitionError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'TransitionError', code, message, from, action });
  });
});

// ---------------------------------------------------------------------------------------------

const DEADLINE = new Date('2026-12-15T16:59:59Z'); // 23:59:59 on 15/12/2026 in Vietnam
const BEFORE = new Date('2026-12-10T03:00:00Z');
const AFTER = new Date('2026-12-16T03:00:00Z');

const PERIODS = {
  open: { locked: false, deadline: DEADLINE, now: BEFORE, unlockedByAdmin: false },
  atDeadline: { locked: false, deadline: DEADLINE, now: DEADLINE, unlockedByAdmin: false },
  late: { locked: false, deadline: DEADLINE, now: AFTER, unlockedByAdmin: false },
  locked: { locked: true, deadline: DEADLINE, now: BEFORE, unlockedByAdmin: false },
  lockedLate: { locked: true, deadline: DEADLINE, now: AFTER, unlockedByAdmin: false },
  unlockedLate: { locked: false, deadline: DEADLINE, now: AFTER, unlockedByAdmin: true },
  unlockedLocked: { locked: true, deadline: DEADLINE, now: AFTER, unlockedByAdmin: true },
} satisfies Record<string, PeriodState>;
type PeriodName = keyof typeof PERIODS;

const ACTORS = {
  staffOwn: { role: 'PROVINCE_STAFF', ownsProvince: true, leadsCluster: false },
  staffOther: { role: 'PROVINCE_STAFF', ownsProvince: false, leadsCluster: false },
  leaderOwn: { role: 'CLUSTER_LEADER', ownsProvince: false, leadsCluster: true },
  leaderOther: { role: 'CLUSTER_LEADER', ownsProvince: false, leadsCluster: false },
  admin: { role: 'ADMIN', ownsProvince: false, leadsCluster: false },
  central: { role: 'CENTRAL', ownsProvince: false, leadsCluster: false },
} satisfies Record<string, ActorRelation>;
type ActorName = keyof typeof ACTORS;

const OK = 'OK';

function decision(status: ReportStatus | null, actor: ActorName, period: PeriodName, action: ReportAction): string {
  const d = allowedActions(status, ACTORS[actor], PERIODS[period])[action];
  return d.allowed ? OK : (d.reason ?? 'NO REASON');
}

describe('allowedActions: entry (EDIT and SUBMIT) by the province’s own staff', () => {
  // status → period → expected, the same for EDIT and SUBMIT.
  const table: Array<[ReportStatus | null, PeriodName, string]> = [
    [null, 'open', OK],
    [null, 'atDeadline', OK],
    [null, 'late', 'Đã quá hạn nộp báo cáo.'],
    [null, 'locked', 'Kỳ báo cáo đã khoá sổ.'],
    [null, 'lockedLate', 'Kỳ báo cáo đã khoá sổ.'],
    [null, 'unlockedLate', OK],
    ['DRAFT', 'open', OK],
    ['DRAFT', 'atDeadline', OK],
    ['DRAFT', 'late', 'Đã quá hạn nộp báo cáo.'],
    ['DRAFT', 'locked', 'Kỳ báo cáo đã khoá sổ.'],
    ['DRAFT', 'lockedLate', 'Kỳ báo cáo đã khoá sổ.'],
    ['DRAFT', 'unlockedLate', OK],
    ['DRAFT', 'unlockedLocked', OK],
    // A returned report may be corrected after the deadline, not in a locked period.
    ['RETURNED', 'open', OK],
    ['RETURNED', 'late', OK],
    ['RETURNED', 'locked', 'Kỳ báo cáo đã khoá sổ.'],
    ['RETURNED', 'lockedLate', 'Kỳ báo cáo đã khoá sổ.'],
    ['RETURNED', 'unlockedLocked', OK],
    // The status refuses first, whatever the calendar says.
    ['SUBMITTED', 'open', 'Báo cáo đã gửi, đang chờ duyệt.'],
    ['SUBMITTED', 'lockedLate', 'Báo cáo đã gửi, đang chờ duyệt.'],
    ['SUBMITTED', 'unlockedLocked', 'Báo cáo đã gửi, đang chờ duyệt.'],
    ['APPROVED', 'open', 'Báo cáo đã được duyệt.'],
    ['APPROVED', 'late', 'Báo cáo đã được duyệt.'],
    ['APPROVED', 'unlockedLocked', 'Báo cáo đã được duyệt.'],
  ];

  it.each(table)('status %s, period %s → %s', (status, period, expected) => {
    expect(decision(status, 'staffOwn', period, 'EDIT')).toBe(expected);
    expect(decision(status, 'staffOwn', period, 'SUBMIT')).toBe(expected);
  });
});

describe('allowedActions: entry refused to everyone else', () => {
  const table: Array<[ActorName, string, string]> = [
    ['staffOther', 'Báo cáo này không thuộc tỉnh, thành phố của bạn.', 'Báo cáo này không thuộc tỉnh, thành phố của bạn.'],
    ['leaderOwn', 'Chỉ cán bộ của tỉnh, thành phố được nhập báo cáo.', 'Chỉ cán bộ của tỉnh, thành phố được gửi báo cáo.'],
    ['leaderOther', 'Chỉ cán bộ của tỉnh, thành phố được nhập báo cáo.', 'Chỉ cán bộ của tỉnh, thành phố được gửi báo cáo.'],
    ['admin', 'Chỉ cán bộ của tỉnh, thành phố được nhập báo cáo.', 'Chỉ cán bộ của tỉnh, thành phố được gửi báo cáo.'],
    ['central', 'Trung ương Hội chỉ được xem báo cáo.', 'Trung ương Hội chỉ được xem báo cáo.'],
  ];

  it.each(table)('%s: EDIT “%s”, SUBMIT “%s”, in every status and period', (actor, editReason, submitReason) => {
    for (const status of STATUSES) {
      for (const period of Object.keys(PERIODS) as PeriodName[]) {
        expect(decision(status, actor, period, 'EDIT')).toBe(editReason);
        expect(decision(status, actor, period, 'SUBMIT')).toBe(submitReason);
      }
    }
  });
});

describe('allowedActions: review (APPROVE, RETURN, REOPEN)', () => {
  // [actor, status, period, APPROVE, RETURN, REOPEN]
  const table: Array<[ActorName, ReportStatus | null, PeriodName, string, string, string]> = [
    ['leaderOwn', 'SUBMITTED', 'open', OK, OK, 'Chỉ mở lại được báo cáo đã duyệt.'],
    ['leaderOwn', 'SUBMITTED', 'lockedLate', OK, OK, 'Chỉ mở lại được báo cáo đã duyệt.'],
    ['leaderOwn', 'APPROVED', 'open', 'Báo cáo đã được duyệt.', 'Báo cáo đã được duyệt; muốn trả lại phải mở lại báo cáo.', OK],
    ['leaderOwn', 'APPROVED', 'late', 'Báo cáo đã được duyệt.', 'Báo cáo đã được duyệt; muốn trả lại phải mở lại báo cáo.', OK],
    ['leaderOwn', 'APPROVED', 'locked', 'Báo cáo đã được duyệt.', 'Báo cáo đã được duyệt; muốn trả lại phải mở lại báo cáo.', 'Kỳ báo cáo đã khoá sổ; chỉ quản trị viên được mở lại báo cáo.'],
    ['leaderOwn', 'DRAFT', 'open', 'Báo cáo chưa được gửi.', 'Báo cáo chưa được gửi.', 'Chỉ mở lại được báo cáo đã duyệt.'],
    ['leaderOwn', 'RETURNED', 'open', 'Báo cáo đã bị trả lại, đang chờ tỉnh gửi lại.', 'Báo cáo đã bị trả lại, đang chờ tỉnh gửi lại.', 'Chỉ mở lại được báo cáo đã duyệt.'],
    ['leaderOwn', null, 'open', 'Báo cáo chưa được lập.', 'Báo cáo chưa được lập.', 'Báo cáo chưa được lập.'],
    ['admin', 'SUBMITTED', 'open', OK, OK, 'Chỉ mở lại được báo cáo đã duyệt.'],
    ['admin', 'SUBMITTED', 'locked', OK, OK, 'Chỉ mở lại được báo cáo đã duyệt.'],
    ['admin', 'APPROVED', 'open', 'Báo cáo đã được duyệt.', 'Báo cáo đã được duyệt; muốn trả lại phải mở lại báo cáo.', OK],
    ['admin', 'APPROVED', 'locked', 'Báo cáo đã được duyệt.', 'Báo cáo đã được duyệt; muốn trả lại phải mở lại báo cáo.', OK],
    ['admin', 'APPROVED', 'lockedLate', 'Báo cáo đã được duyệt.', 'Báo cáo đã được duyệt; muốn trả lại phải mở lại báo cáo.', OK],
    ['admin', null, 'open', 'Báo cáo chưa được lập.', 'Báo cáo chưa được lập.', 'Báo cáo chưa được lập.'],
    ['leaderOther', 'SUBMITTED', 'open', 'Tỉnh, thành phố này không thuộc cụm bạn phụ trách.', 'Tỉnh, thành phố này không thuộc cụm bạn phụ trách.', 'Tỉnh, thành phố này không thuộc cụm bạn phụ trách.'],
    ['leaderOther', 'APPROVED', 'open', 'Tỉnh, thành phố này không thuộc cụm bạn phụ trách.', 'Tỉnh, thành phố này không thuộc cụm bạn phụ trách.', 'Tỉnh, thành phố này không thuộc cụm bạn phụ trách.'],
    ['staffOwn', 'SUBMITTED', 'open', 'Chỉ cụm trưởng hoặc quản trị viên được duyệt.', 'Chỉ cụm trưởng hoặc quản trị viên được trả lại báo cáo.', 'Chỉ cụm trưởng hoặc quản trị viên được mở lại báo cáo.'],
    ['staffOwn', 'APPROVED', 'open', 'Chỉ cụm trưởng hoặc quản trị viên được duyệt.', 'Chỉ cụm trưởng hoặc quản trị viên được trả lại báo cáo.', 'Chỉ cụm trưởng hoặc quản trị viên được mở lại báo cáo.'],
    ['staffOther', 'SUBMITTED', 'open', 'Chỉ cụm trưởng hoặc quản trị viên được duyệt.', 'Chỉ cụm trưởng hoặc quản trị viên được trả lại báo cáo.', 'Chỉ cụm trưởng hoặc quản trị viên được mở lại báo cáo.'],
    ['central', 'SUBMITTED', 'open', 'Trung ương Hội chỉ được xem báo cáo.', 'Trung ương Hội chỉ được xem báo cáo.', 'Trung ương Hội chỉ được xem báo cáo.'],
    ['central', 'APPROVED', 'open', 'Trung ương Hội chỉ được xem báo cáo.', 'Trung ương Hội chỉ được xem báo cáo.', 'Trung ương Hội chỉ được xem báo cáo.'],
  ];

  it.each(table)('%s, status %s, period %s → %s / %s / %s', (actor, status, period, approve, ret, reopen) => {
    expect(decision(status, actor, period, 'APPROVE')).toBe(approve);
    expect(decision(status, actor, period, 'RETURN')).toBe(ret);
    expect(decision(status, actor, period, 'REOPEN')).toBe(reopen);
  });
});

describe('allowedActions: invariants over every role, relation, status and period', () => {
  const relations: ActorRelation[] = ROLES.flatMap((role) =>
    [false, true].flatMap((ownsProvince) => [false, true].map((leadsCluster) => ({ role, ownsProvince, leadsCluster }))),
  );
  const all = relations.flatMap((actor) =>
    STATUSES.flatMap((status) =>
      (Object.keys(PERIODS) as PeriodName[]).map((period) => ({ actor, status, period, allowed: allowedActions(status, actor, PERIODS[period]) })),
    ),
  );

  it('enumerates 4 roles × 4 relations × 5 statuses × 7 periods', () => {
    expect(all).toHaveLength(4 * 4 * 5 * 7);
  });

  it('gives a reason exactly when refusing', () => {
    for (const { allowed } of all) {
      for (const action of REPORT_ACTIONS) {
        const d = allowed[action];
        if (d.allowed) expect(d.reason).toBeUndefined();
        else expect(d.reason).toMatch(/^[A-ZĐ].*\.$/u);
      }
    }
  });

  it('never allows what the status machine refuses', () => {
    for (const { status, allowed } of all) {
      for (const action of REPORT_ACTIONS) {
        if (allowed[action].allowed) expect(() => attempt(status, action)).not.toThrow();
      }
    }
  });

  it('lets only owning staff enter, only leaders of the cluster and admins review, and central nothing', () => {
    for (const { actor, allowed } of all) {
      const granted = REPORT_ACTIONS.filter((a) => allowed[a].allowed);
      if (actor.role === 'CENTRAL') expect(granted).toEqual([]);
      if (actor.role === 'PROVINCE_STAFF' && !actor.ownsProvince) expect(granted).toEqual([]);
      if (actor.role === 'CLUSTER_LEADER' && !actor.leadsCluster) expect(granted).toEqual([]);
      if (actor.role !== 'PROVINCE_STAFF') {
        expect(allowed.EDIT.allowed).toBe(false);
        expect(allowed.SUBMIT.allowed).toBe(false);
      } else {
        expect(allowed.APPROVE.allowed || allowed.RETURN.allowed || allowed.REOPEN.allowed).toBe(false);
      }
    }
  });

  it('makes EDIT and SUBMIT go together', () => {
    for (const { allowed } of all) expect(allowed.EDIT.allowed).toBe(allowed.SUBMIT.allowed);
  });

  it('lets an admin reopen an approved report in a locked period, a leader never', () => {
    const locked = all.filter((x) => x.status === 'APPROVED' && PERIODS[x.period].locked);
    expect(locked.filter((x) => x.actor.role === 'ADMIN').every((x) => x.allowed.REOPEN.allowed)).toBe(true);
    expect(locked.filter((x) => x.actor.role === 'CLUSTER_LEADER').some((x) => x.allowed.REOPEN.allowed)).toBe(false);
  });
});

describe('isLate', () => {
  it('is true only for a submission after the deadline', () => {
    expect(isLate(null, DEADLINE)).toBe(false);
    expect(isLate(BEFORE, DEADLINE)).toBe(false);
    expect(isLate(new Date(DEADLINE.getTime()), DEADLINE)).toBe(false);
    expect(isLate(new Date(DEADLINE.getTime() + 1), DEADLINE)).toBe(true);
    expect(isLate(AFTER, DEADLINE)).toBe(true);
  });
});
