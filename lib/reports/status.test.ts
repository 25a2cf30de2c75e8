import { describe, expect, it } from 'vitest';
import { REPORT_STATUSES, type ReportStatus } from '../domain';
import { ROLES } from '../permissions';
import {
  REPORT_ACTIONS,
  TransitionError,
  allowedActions,
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
  // Allowed by the machine; allowedActions lets only an administrator do it, when the province cannot send the report again.
  ['RETURNED', 'APPROVE', 'APPROVED'],
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

// The deadline is not among them: past it a province may still enter and submit (late) until
// the period is locked. Timeliness is tested in ./timeliness.test.ts.
const PERIODS = {
  open: { locked: false, unlockedByAdmin: false, provinceInForce: true },
  locked: { locked: true, unlockedByAdmin: false, provinceInForce: true },
  // An administrator's return or reopening, in an open or a locked period.
  unlocked: { locked: false, unlockedByAdmin: true, provinceInForce: true },
  unlockedLocked: { locked: true, unlockedByAdmin: true, provinceInForce: true },
  // A report of a province merged away on 1 July 2025 (Vĩnh Phúc): its staff only read it.
  mergedAway: { locked: false, unlockedByAdmin: false, provinceInForce: false },
  mergedAwayLocked: { locked: true, unlockedByAdmin: false, provinceInForce: false },
  mergedAwayReopened: { locked: true, unlockedByAdmin: true, provinceInForce: false },
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
    // Past the deadline the period is still open: entry is allowed, the submission is late.
    [null, 'open', OK],
    [null, 'locked', 'Kỳ báo cáo đã khoá sổ.'],
    ['DRAFT', 'open', OK],
    ['DRAFT', 'locked', 'Kỳ báo cáo đã khoá sổ.'],
    ['DRAFT', 'unlocked', OK],
    ['DRAFT', 'unlockedLocked', OK],
    // A returned report may be corrected while the period is open, not in a locked period
    // unless an administrator returned or reopened it.
    ['RETURNED', 'open', OK],
    ['RETURNED', 'locked', 'Kỳ báo cáo đã khoá sổ.'],
    ['RETURNED', 'unlocked', OK],
    ['RETURNED', 'unlockedLocked', OK],
    // The status refuses first, whatever the period says.
    ['SUBMITTED', 'open', 'Báo cáo đã gửi, đang chờ duyệt.'],
    ['SUBMITTED', 'locked', 'Báo cáo đã gửi, đang chờ duyệt.'],
    ['SUBMITTED', 'unlockedLocked', 'Báo cáo đã gửi, đang chờ duyệt.'],
    ['APPROVED', 'open', 'Báo cáo đã được duyệt.'],
    ['APPROVED', 'unlockedLocked', 'Báo cáo đã được duyệt.'],
  ];

  it.each(table)('status %s, period %s → %s', (status, period, expected) => {
    expect(decision(status, 'staffOwn', period, 'EDIT')).toBe(expected);
    expect(decision(status, 'staffOwn', period, 'SUBMIT')).toBe(expected);
  });
});

describe('allowedActions: entry refused to everyone else', () => {
  const MERGED = 'Tỉnh, thành phố này đã hợp nhất vào tỉnh, thành phố mới; các báo cáo trước hợp nhất chỉ để xem, không sửa hay gửi được nữa.';

  it('tells staff of a merged province that it was merged, not that the report is not theirs', () => {
    // Thái Bình's staff on their own 2025S1 report, or Hưng Yên's on Thái Bình's: relationTo gives
    // ownsProvince false (the province is no longer in force), and the merger is the reason.
    for (const status of STATUSES) {
      for (const period of Object.keys(PERIODS) as PeriodName[]) {
        const reason = PERIODS[period].provinceInForce ? 'Báo cáo này không thuộc tỉnh, thành phố của bạn.' : MERGED;
        expect(decision(status, 'staffOther', period, 'EDIT')).toBe(reason);
        expect(decision(status, 'staffOther', period, 'SUBMIT')).toBe(reason);
      }
    }
  });

  const table: Array<[ActorName, string, string]> = [
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
  const AWAITING = 'Báo cáo đã bị trả lại, đang chờ tỉnh gửi lại.';
  const ONLY_APPROVED = 'Chỉ mở lại được báo cáo đã duyệt.';
  const APPROVED_NO_RETURN = 'Báo cáo đã được duyệt; muốn trả lại phải mở lại báo cáo.';
  const table: Array<[ActorName, ReportStatus | null, PeriodName, string, string, string]> = [
    ['leaderOwn', 'SUBMITTED', 'open', OK, OK, ONLY_APPROVED],
    // In a locked period the leader may still approve, but not return: nobody could correct it.
    ['leaderOwn', 'SUBMITTED', 'locked', OK, 'Kỳ báo cáo đã khoá sổ; chỉ quản trị viên được trả lại báo cáo.', ONLY_APPROVED],
    ['leaderOwn', 'SUBMITTED', 'unlockedLocked', OK, 'Kỳ báo cáo đã khoá sổ; chỉ quản trị viên được trả lại báo cáo.', ONLY_APPROVED],
    ['leaderOwn', 'APPROVED', 'open', 'Báo cáo đã được duyệt.', APPROVED_NO_RETURN, OK],
    ['leaderOwn', 'APPROVED', 'locked', 'Báo cáo đã được duyệt.', APPROVED_NO_RETURN, 'Kỳ báo cáo đã khoá sổ; chỉ quản trị viên được mở lại báo cáo.'],
    ['leaderOwn', 'DRAFT', 'open', 'Báo cáo chưa được gửi.', 'Báo cáo chưa được gửi.', ONLY_APPROVED],
    ['leaderOwn', 'RETURNED', 'open', AWAITING, AWAITING, ONLY_APPROVED],
    // Only an administrator approves again a report its province cannot send.
    ['leaderOwn', 'RETURNED', 'mergedAwayReopened', AWAITING, AWAITING, ONLY_APPROVED],
    ['leaderOwn', null, 'open', 'Báo cáo chưa được lập.', 'Báo cáo chưa được lập.', 'Báo cáo chưa được lập.'],
    ['admin', 'SUBMITTED', 'open', OK, OK, ONLY_APPROVED],
    ['admin', 'SUBMITTED', 'locked', OK, OK, ONLY_APPROVED],
    ['admin', 'APPROVED', 'open', 'Báo cáo đã được duyệt.', APPROVED_NO_RETURN, OK],
    ['admin', 'APPROVED', 'locked', 'Báo cáo đã được duyệt.', APPROVED_NO_RETURN, OK],
    ['admin', 'APPROVED', 'mergedAwayLocked', 'Báo cáo đã được duyệt.', APPROVED_NO_RETURN, OK],
    // A returned report the province can still send waits for it, even for an administrator …
    ['admin', 'RETURNED', 'open', AWAITING, AWAITING, ONLY_APPROVED],
    ['admin', 'RETURNED', 'unlocked', AWAITING, AWAITING, ONLY_APPROVED],
    ['admin', 'RETURNED', 'unlockedLocked', AWAITING, AWAITING, ONLY_APPROVED],
    // … one it cannot send (locked and not unlocked, or of a province merged away) the
    // administrator approves again: Vĩnh Phúc's 2025S1 report after a reopening.
    ['admin', 'RETURNED', 'locked', OK, AWAITING, ONLY_APPROVED],
    ['admin', 'RETURNED', 'mergedAway', OK, AWAITING, ONLY_APPROVED],
    ['admin', 'RETURNED', 'mergedAwayReopened', OK, AWAITING, ONLY_APPROVED],
    ['admin', null, 'open', 'Báo cáo chưa được lập.', 'Báo cáo chưa được lập.', 'Báo cáo chưa được lập.'],
    ['leaderOther', 'SUBMITTED', 'open', 'Tỉnh, thành phố này không thuộc cụm bạn phụ trách.', 'Tỉnh, thành phố này không thuộc cụm bạn phụ trách.', 'Tỉnh, thành phố này không thuộc cụm bạn phụ trách.'],
    ['leaderOther', 'APPROVED', 'open', 'Tỉnh, thành phố này không thuộc cụm bạn phụ trách.', 'Tỉnh, thành phố này không thuộc cụm bạn phụ trách.', 'Tỉnh, thành phố này không thuộc cụm bạn phụ trách.'],
    ['leaderOther', 'RETURNED', 'mergedAwayReopened', 'Tỉnh, thành phố này không thuộc cụm bạn phụ trách.', 'Tỉnh, thành phố này không thuộc cụm bạn phụ trách.', 'Tỉnh, thành phố này không thuộc cụm bạn phụ trách.'],
    ['staffOwn', 'SUBMITTED', 'open', 'Chỉ cụm trưởng hoặc quản trị viên được duyệt.', 'Chỉ cụm trưởng hoặc quản trị viên được trả lại báo cáo.', 'Chỉ cụm trưởng hoặc quản trị viên được mở lại báo cáo.'],
    ['staffOwn', 'APPROVED', 'open', 'Chỉ cụm trưởng hoặc quản trị viên được duyệt.', 'Chỉ cụm trưởng hoặc quản trị viên được trả lại báo cáo.', 'Chỉ cụm trưởng hoặc quản trị viên được mở lại báo cáo.'],
    ['staffOwn', 'RETURNED', 'mergedAwayReopened', 'Chỉ cụm trưởng hoặc quản trị viên được duyệt.', 'Chỉ cụm trưởng hoặc quản trị viên được trả lại báo cáo.', 'Chỉ cụm trưởng hoặc quản trị viên được mở lại báo cáo.'],
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

  it('lets an administrator reopen every approved report, in any period, of any province', () => {
    for (const x of all.filter((x) => x.status === 'APPROVED' && x.actor.role === 'ADMIN')) expect(x.allowed.REOPEN.allowed, x.period).toBe(true);
  });

  it('leaves no returned report stranded: its province may send it again, or an administrator approve it', () => {
    const admin = ACTORS.admin;
    for (const name of Object.keys(PERIODS) as PeriodName[]) {
      const period = PERIODS[name];
      // Staff own a report only of a province in force (relationTo).
      const provinceMaySend = period.provinceInForce && allowedActions('RETURNED', ACTORS.staffOwn, period).SUBMIT.allowed;
      const adminMayApprove = allowedActions('RETURNED', admin, period).APPROVE.allowed;
      expect(provinceMaySend || adminMayApprove, name).toBe(true);
      // And not both: while the province can send it, the report waits for the province.
      expect(provinceMaySend && adminMayApprove, name).toBe(false);
    }
  });

  it('lets an admin reopen an approved report in a locked period, a leader never', () => {
    const locked = all.filter((x) => x.status === 'APPROVED' && PERIODS[x.period].locked);
    expect(locked.filter((x) => x.actor.role === 'ADMIN').every((x) => x.allowed.REOPEN.allowed)).toBe(true);
    expect(locked.filter((x) => x.actor.role === 'CLUSTER_LEADER').some((x) => x.allowed.REOPEN.allowed)).toBe(false);
  });
});
