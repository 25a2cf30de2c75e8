import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../lib/permissions';
import { UserFacingError } from '../../lib/errors';
import { emptyReportData, type ReportData } from '../../lib/reports/data';
import {
  approveReport,
  getReportView,
  reopenReport,
  returnReport,
  saveAndSubmitReport,
  saveReportDraft,
  submitReport,
} from '../../lib/reports/store';
import { useSeededDb } from '../helpers/seeded-db';
import { refusal } from '../helpers/refusal';

const ctx = useSeededDb();

// Inside the open period 2026S2 (deadline 15/12/2026), and after it.
const DURING = new Date('2026-11-25T03:00:00Z');
const AFTER_DEADLINE = new Date('2026-12-20T03:00:00Z');
const HY = { provinceCode: '33', periodCode: '2026S2' };

async function user(email: string): Promise<SessionUser> {
  const u = await ctx.db.user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true, role: true, provinceId: true, clusterId: true } });
  return u;
}

/** A complete, consistent report: Hưng Yên's approved 2026S1 figures (they pass every rule against themselves). */
async function completeData(): Promise<ReportData> {
  const view = await getReportView(ctx.db, await user('hungyen@demo.khuyenhoc.vn'), { provinceCode: '33', periodCode: '2026S1' }, DURING);
  return structuredClone(view.data!);
}


async function snapshot() {
  const [reports, figures, audit, events] = await Promise.all([
    ctx.db.report.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true, version: true, fundOpening: true, members: true } }),
    ctx.db.modelFigure.findMany({ orderBy: { id: 'asc' } }),
    ctx.db.auditLog.count(),
    ctx.db.reportStatusEvent.count(),
  ]);
  return { reports, figures, audit, events };
}

describe('report entry and review', () => {
  it('refuses other provinces, central users and reviewers as editors, writing nothing', async () => {
    const before = await snapshot();
    const data = emptyReportData();
    data.models.FAMILY.total = 10;
    for (const email of ['hanoi@demo.khuyenhoc.vn', 'trunguong@demo.khuyenhoc.vn', 'cum3@demo.khuyenhoc.vn', 'admin@demo.khuyenhoc.vn', 'thaibinh@demo.khuyenhoc.vn']) {
      const e = await refusal(saveReportDraft(ctx.db, await user(email), { ...HY, version: 0, data }, DURING));
      expect(e.code, email).toBe('FORBIDDEN');
    }
    const e = await refusal(getReportView(ctx.db, await user('hanoi@demo.khuyenhoc.vn'), HY, DURING));
    expect(e.code).toBe('FORBIDDEN');
    expect(await snapshot()).toEqual(before);
  });

  it('saves an incomplete draft with an audit row per figure, and refuses a stale version naming what changed', async () => {
    const staff = await user('hungyen@demo.khuyenhoc.vn');
    const draft = emptyReportData();
    draft.models.FAMILY = { total: 1000, registered: 900, recognised: null };
    const first = await saveReportDraft(ctx.db, staff, { ...HY, version: 0, data: draft }, DURING);
    expect(first).toEqual({ version: 1, changed: 2 });
    const report = await ctx.db.report.findFirstOrThrow({ where: { province: { code: '33', validTo: null }, period: { code: '2026S2' } } });
    expect(report.status).toBe('DRAFT');
    const audits = await ctx.db.auditLog.findMany({ where: { entityId: report.id, action: 'report.update' }, orderBy: { id: 'asc' } });
    expect(audits.map((a) => [a.field, a.oldValue, a.newValue, a.actorId])).toEqual([
      ['models.FAMILY.total', null, '1000', staff.id],
      ['models.FAMILY.registered', null, '900', staff.id],
    ]);

    // A colleague saves version 1 …
    const colleague = structuredClone(draft);
    colleague.models.FAMILY.registered = 950;
    expect((await saveReportDraft(ctx.db, staff, { ...HY, version: 1, data: colleague }, DURING)).version).toBe(2);
    // … and the first person's save, made on version 1, is refused and changes nothing.
    const before = await snapshot();
    const mine = structuredClone(draft);
    mine.models.CLAN.total = 5;
    const e = await refusal(saveReportDraft(ctx.db, staff, { ...HY, version: 1, data: mine }, DURING));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('Gia đình học tập – đã đăng ký');
    expect(e.message).toContain('phiên bản 2');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to submit an incomplete or inconsistent report, and a refused submit saves nothing', async () => {
    const staff = await user('hungyen@demo.khuyenhoc.vn');
    const view = await getReportView(ctx.db, staff, HY, DURING);
    const before = await snapshot();
    const incomplete = await refusal(submitReport(ctx.db, staff, { ...HY, version: view.report!.version }, DURING));
    expect(incomplete.code).toBe('RULES_FAILED');
    expect(incomplete.message).toMatch(/số liệu bắt buộc chưa nhập/);
    expect(incomplete.fieldErrors['models.CLAN.total']?.[0]).toBe('Dòng họ học tập – tổng số (dòng họ): chưa nhập.');

    const bad = await completeData();
    bad.models.FAMILY.registered = bad.models.FAMILY.total! + 1;
    const inconsistent = await refusal(saveAndSubmitReport(ctx.db, staff, { ...HY, version: view.report!.version, data: bad }, DURING));
    expect(inconsistent.code).toBe('RULES_FAILED');
    expect(inconsistent.fieldErrors['models.FAMILY.registered']?.join(' ')).toMatch(/lớn hơn tổng số/);
    expect(await snapshot()).toEqual(before);
  });

  it('asks for an explanation of each warning before submitting', async () => {
    const staff = await user('hungyen@demo.khuyenhoc.vn');
    const view = await getReportView(ctx.db, staff, HY, DURING);
    const data = await completeData();
    // Registration rate of clans falls by far more than 15 points.
    data.models.CLAN.registered = Math.floor(data.models.CLAN.total! * 0.5);
    data.models.CLAN.recognised = Math.min(data.models.CLAN.recognised!, data.models.CLAN.registered);
    const e = await refusal(saveAndSubmitReport(ctx.db, staff, { ...HY, version: view.report!.version, data }, DURING));
    expect(e.code).toBe('RULES_FAILED');
    const keys = Object.keys(e.fieldErrors);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^explanations\./);
    const ruleId = keys[0]!.slice('explanations.'.length);

    const done = await saveAndSubmitReport(
      ctx.db,
      staff,
      { ...HY, version: view.report!.version, data, explanations: { [ruleId]: 'Sáp nhập thôn, rà soát lại danh sách dòng họ.' } },
      DURING,
    );
    expect(done.status).toBe('SUBMITTED');
    const stored = await getReportView(ctx.db, staff, HY, DURING);
    expect(stored.report!.warningExplanations).toEqual({ [ruleId]: 'Sáp nhập thôn, rà soát lại danh sách dòng họ.' });
    expect(stored.allowed.EDIT.allowed).toBe(false);
  });

  it('lets only the cluster leader (or an administrator) return and approve, with a comment to return', async () => {
    const leader = await user('cum3@demo.khuyenhoc.vn');
    const staff = await user('hungyen@demo.khuyenhoc.vn');
    const other = await ctx.db.cluster.create({ data: { code: 'CUM4', name: 'Cụm IV' } });
    const otherLeader = await ctx.db.user.create({
      data: { email: 'cum4@demo.khuyenhoc.vn', name: 'Cụm trưởng Cụm IV', passwordHash: 'x', role: 'CLUSTER_LEADER', clusterId: other.id },
      select: { id: true, email: true, name: true, role: true, provinceId: true, clusterId: true },
    });
    let version = (await getReportView(ctx.db, leader, HY, DURING)).report!.version;

    for (const [who, code] of [
      [otherLeader, 'FORBIDDEN'],
      [staff, 'FORBIDDEN'],
      [await user('trunguong@demo.khuyenhoc.vn'), 'FORBIDDEN'],
    ] as const) {
      expect((await refusal(approveReport(ctx.db, who, { ...HY, version }, DURING))).code).toBe(code);
    }
    expect((await refusal(returnReport(ctx.db, leader, { ...HY, version, comment: '  ' }, DURING))).fieldErrors.comment).toEqual(['Vui lòng ghi rõ lý do.']);

    const returned = await returnReport(ctx.db, leader, { ...HY, version, comment: 'Đề nghị rà soát lại số dòng họ.' }, DURING);
    expect(returned.status).toBe('RETURNED');
    const seen = await getReportView(ctx.db, staff, HY, DURING);
    expect(seen.returnComment).toBe('Đề nghị rà soát lại số dòng họ.');
    expect(seen.allowed.EDIT.allowed).toBe(true);

    // A returned report can still be fixed after the deadline while the period is not locked.
    const fixed = await completeData();
    const resubmitted = await saveAndSubmitReport(ctx.db, staff, { ...HY, version: seen.report!.version, data: fixed }, AFTER_DEADLINE);
    expect(resubmitted.status).toBe('SUBMITTED');
    version = resubmitted.version;
    const approved = await approveReport(ctx.db, leader, { ...HY, version }, AFTER_DEADLINE);
    expect(approved.status).toBe('APPROVED');

    const history = (await getReportView(ctx.db, leader, HY, DURING)).history.filter((h) => h.kind === 'status').map((h) => h.kind === 'status' && h.action);
    expect(history).toEqual(['APPROVE', 'SUBMIT', 'RETURN', 'SUBMIT', 'CREATE']);
  });

  it('keeps entry open after the deadline (the submission is late), closes it in locked periods until an administrator reopens', async () => {
    const staff = await user('hanoi@demo.khuyenhoc.vn');
    const leader = await user('cum3@demo.khuyenhoc.vn');
    const admin = await user('admin@demo.khuyenhoc.vn');
    // Past the deadline of an open period: the province still enters and submits, and is late.
    const late = await saveAndSubmitReport(ctx.db, staff, { provinceCode: '01', periodCode: '2026S2', version: 0, data: await completeData() }, AFTER_DEADLINE);
    expect(late.status).toBe('SUBMITTED');
    const lateView = await getReportView(ctx.db, leader, { provinceCode: '01', periodCode: '2026S2' }, AFTER_DEADLINE);
    expect(lateView.timeliness).toBe('LATE');
    expect(lateView.report!.firstSubmittedAt).toEqual(AFTER_DEADLINE);

    const ref = { provinceCode: '01', periodCode: '2026S1' };
    const view = await getReportView(ctx.db, staff, ref, DURING);
    expect(view.report!.status).toBe('APPROVED');
    expect((await refusal(saveReportDraft(ctx.db, staff, { ...ref, version: view.report!.version, data: view.data! }, DURING))).code).toBe('CONFLICT');
    // In a locked period only an administrator may reopen.
    expect((await refusal(reopenReport(ctx.db, leader, { ...ref, version: view.report!.version, comment: 'Sửa số liệu' }, DURING))).code).toBe('CONFLICT');
    const reopened = await reopenReport(ctx.db, admin, { ...ref, version: view.report!.version, comment: 'Tỉnh báo sai số hội viên.' }, DURING);
    expect(reopened.status).toBe('RETURNED');
    const data = structuredClone(view.data!);
    data.membership.members = data.membership.members! + 10;
    const saved = await saveReportDraft(ctx.db, staff, { ...ref, version: reopened.version, data }, DURING);
    expect(saved.changed).toBe(1);
  });

  it('keeps the version and writes nothing on a save that changes nothing, so another editor’s version stays current', async () => {
    const staff = await user('phutho@demo.khuyenhoc.vn');
    const colleague = await ctx.db.user.create({
      data: { email: 'phutho2@demo.khuyenhoc.vn', name: 'Cán bộ thứ hai tỉnh Phú Thọ', passwordHash: 'x', role: 'PROVINCE_STAFF', provinceId: staff.provinceId },
      select: { id: true, email: true, name: true, role: true, provinceId: true, clusterId: true },
    });
    const ref = { provinceCode: '25', periodCode: '2026S2' };
    const draft = emptyReportData();
    draft.membership.members = 1200;
    draft.narrative.results = 'Kết quả bước đầu.';
    expect(await saveReportDraft(ctx.db, staff, { ...ref, version: 0, data: draft }, DURING)).toEqual({ version: 1, changed: 2 });
    const stored = () => ctx.db.report.findFirstOrThrow({ where: { province: { code: '25', validTo: null }, period: { code: '2026S2' } }, select: { id: true, version: true, updatedAt: true } });
    const saved = await stored();

    // The same figures saved again, by the same person a minute later: nothing is written.
    const before = await snapshot();
    const again = await saveReportDraft(ctx.db, staff, { ...ref, version: 1, data: structuredClone(draft) }, new Date(DURING.getTime() + 60_000));
    expect(again).toEqual({ version: 1, changed: 0 });
    expect(await snapshot()).toEqual(before);
    expect(await stored()).toEqual(saved);

    // The colleague who opened version 1 can still save it.
    const theirs = structuredClone(draft);
    theirs.membership.members = 1250;
    expect(await saveReportDraft(ctx.db, colleague, { ...ref, version: 1, data: theirs }, DURING)).toEqual({ version: 2, changed: 1 });

    // Submitting unchanged figures still changes the status: that is a change, with its version and row.
    const complete = (await getReportView(ctx.db, staff, { provinceCode: '25', periodCode: '2026S1' }, DURING)).data!;
    const { version } = await saveReportDraft(ctx.db, staff, { ...ref, version: 2, data: complete }, DURING);
    const updates = () => ctx.db.auditLog.count({ where: { action: 'report.update' } });
    const updatesBefore = await updates();
    const submitted = await saveAndSubmitReport(ctx.db, staff, { ...ref, version, data: structuredClone(complete) }, DURING);
    expect(submitted).toEqual({ version: version + 1, status: 'SUBMITTED' });
    expect(await updates()).toBe(updatesBefore);
    expect(await ctx.db.auditLog.count({ where: { entityId: saved.id, action: 'report.submit' } })).toBe(1);
  });

  it('lets exactly one of two simultaneous saves of the same version through', async () => {
    const staff = await user('bacninh@demo.khuyenhoc.vn');
    const ref = { provinceCode: '24', periodCode: '2026S2' };
    await saveReportDraft(ctx.db, staff, { ...ref, version: 0, data: emptyReportData() }, DURING);
    const a = emptyReportData();
    a.membership.members = 1;
    const b = emptyReportData();
    b.membership.members = 2;
    const results = await Promise.allSettled([
      saveReportDraft(ctx.db, staff, { ...ref, version: 1, data: a }, DURING),
      saveReportDraft(ctx.db, staff, { ...ref, version: 1, data: b }, DURING),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((rejected.reason as UserFacingError).code).toBe('CONFLICT');
    const view = await getReportView(ctx.db, staff, ref, DURING);
    expect(view.report!.version).toBe(2);
    expect(await ctx.db.auditLog.count({ where: { entityId: view.report!.id, action: 'report.update' } })).toBe(1);
  });
});
