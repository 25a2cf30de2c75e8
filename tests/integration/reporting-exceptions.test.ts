// A reporting year's real exceptions, on the seeded demo, in one story:
//   - a deadline moved later, and a province's extension: who is on time and who is late, on the
//     report, the province's home, the cluster's overview and the national view;
//   - entry after the deadline (late) until the period is locked;
//   - a report sent on time, returned after the deadline and sent again stays on time;
//   - Vĩnh Phúc's 2025S1 report (a province merged away, a locked period) reopened by an
//     administrator and approved again, its figures back in the cluster's summary;
//   - the leader changes at the end of a term and the report's history keeps who reviewed what.
import { describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../lib/generated/prisma/client';
import { UserFacingError } from '../../lib/errors';
import type { SessionUser } from '../../lib/permissions';
import { getClusterSummary } from '../../lib/dashboards/cluster-summary';
import { getNationalSummary } from '../../lib/dashboards/national-summary';
import { setDeadlineExtension, updatePeriod } from '../../lib/reference/period-admin';
import { DeadlineSchema } from '../../lib/reference/period-schemas';
import { getProvinceHome } from '../../lib/reports/province-home';
import { approveReport, getReportView, reopenReport, returnReport, saveAndSubmitReport, saveReportDraft } from '../../lib/reports/store';
import { demo, sessionUserOf } from '../helpers/api';
import { refusal } from '../helpers/refusal';
import { useSeededDb } from '../helpers/seeded-db';

const ctx = useSeededDb();
const at = (iso: string) => new Date(iso);
const deadline = (s: string) => DeadlineSchema.parse(s);
const user = (local: string) => sessionUserOf(ctx.db, demo(local));

const BEFORE_DEADLINE = at('2026-12-01T03:00:00Z');
const AFTER_ORIGINAL = at('2026-12-20T03:00:00Z'); // after 15/12, before the moved 22/12
const AFTER_MOVED = at('2026-12-28T03:00:00Z'); // after 22/12, before Hưng Yên's 31/12

/** Saves the province's own 2026S1 figures as its 2026S2 report and submits them, explaining any warning. */
async function submitOwnFigures(db: PrismaClient, staff: SessionUser, code: string, when: Date) {
  const ref = { provinceCode: code, periodCode: '2026S2' };
  const data = (await getReportView(db, staff, { provinceCode: code, periodCode: '2026S1' }, when)).data!;
  const version = (await getReportView(db, staff, ref, when)).report?.version ?? 0;
  try {
    return await saveAndSubmitReport(db, staff, { ...ref, version, data }, when);
  } catch (error) {
    if (!(error instanceof UserFacingError) || error.code !== 'RULES_FAILED') throw error;
    const explanations = Object.fromEntries(Object.keys(error.fieldErrors).map((k) => [k.replace(/^explanations\./, ''), 'Số liệu đã được rà soát.']));
    return saveAndSubmitReport(db, staff, { ...ref, version, data, explanations }, when);
  }
}

describe('deadlines: a moved deadline and a province extension', () => {
  it('measures each province against its own deadline', async () => {
    const admin = await user('admin');
    await updatePeriod(ctx.db, admin, { period: '2026S2', deadline: deadline('2026-12-22') }, BEFORE_DEADLINE);
    await setDeadlineExtension(ctx.db, admin, { period: '2026S2', province: '33', deadline: deadline('2026-12-31'), reason: 'Sáp nhập các chi hội cơ sở.' }, BEFORE_DEADLINE);

    // Hà Nội after the original deadline but before the moved one: on time.
    await submitOwnFigures(ctx.db, await user('hanoi'), '01', AFTER_ORIGINAL);
    // Hưng Yên after the moved deadline, within its extension: on time. Phú Thọ at the same moment: late.
    await submitOwnFigures(ctx.db, await user('hungyen'), '33', AFTER_MOVED);
    await submitOwnFigures(ctx.db, await user('phutho'), '25', AFTER_MOVED);

    const leader = await user('cum3');
    const timeliness = async (code: string) => (await getReportView(ctx.db, leader, { provinceCode: code, periodCode: '2026S2' }, AFTER_MOVED)).timeliness;
    expect([await timeliness('01'), await timeliness('33'), await timeliness('25'), await timeliness('37')]).toEqual(['ON_TIME', 'ON_TIME', 'LATE', 'OVERDUE']);
    const hy = await getReportView(ctx.db, await user('hungyen'), { provinceCode: '33', periodCode: '2026S2' }, AFTER_MOVED);
    expect(hy.deadline.toISOString()).toBe('2026-12-31T16:59:59.000Z');
    expect(hy.extension).toEqual({ deadline: at('2026-12-31T16:59:59.000Z'), reason: 'Sáp nhập các chi hội cơ sở.' });

    // The submission's audit row says whether it was late.
    const submits = await ctx.db.auditLog.findMany({ where: { action: 'report.submit', at: { gte: AFTER_ORIGINAL } }, orderBy: { id: 'asc' } });
    expect(submits.map((a) => (a.details as { late: boolean }).late)).toEqual([false, false, true]);

    // The cluster's overview and the national view count the same.
    const summary = (await getClusterSummary(ctx.db, { clusterCode: 'CUM3', periodCode: '2026S2', now: AFTER_MOVED }))!;
    expect(summary.completeness).toMatchObject({ expected: 5, inReview: 3, onTime: 2, late: 1, overdue: 2 });
    const row = (code: string) => summary.provinces.find((p) => p.code === code)!;
    expect([row('01').onTime, row('33').onTime, row('25').onTime, row('37').onTime]).toEqual([true, true, false, null]);
    expect(row('33').deadline.toISOString()).toBe('2026-12-31T16:59:59.000Z');
    expect(row('25').deadline.toISOString()).toBe('2026-12-22T16:59:59.000Z');
    const national = (await getNationalSummary(ctx.db, { periodCode: '2026S2', now: AFTER_MOVED }))!;
    expect(national.totals.completeness).toMatchObject({ onTime: 2, late: 1, overdue: 2 });

    // The province's home page: the extended deadline, and late or not.
    const hyHome = (await getProvinceHome(ctx.db, await user('hungyen'), AFTER_MOVED))!.rows.find((r) => r.periodCode === '2026S2')!;
    expect(hyHome).toMatchObject({ extended: true, late: false, timeliness: 'ON_TIME' });
    const ptHome = (await getProvinceHome(ctx.db, await user('phutho'), AFTER_MOVED))!.rows.find((r) => r.periodCode === '2026S2')!;
    expect(ptHome).toMatchObject({ extended: false, late: true, timeliness: 'LATE' });
    const nbHome = (await getProvinceHome(ctx.db, await user('ninhbinh'), AFTER_MOVED))!.rows.find((r) => r.periodCode === '2026S2')!;
    expect(nbHome).toMatchObject({ overdue: true, canEdit: true });
  });

  it('lets a province that missed the deadline enter and submit until the period is locked', async () => {
    const admin = await user('admin');
    const staff = await user('ninhbinh');
    const ref = { provinceCode: '37', periodCode: '2026S2' };
    const view = await getReportView(ctx.db, staff, ref, AFTER_MOVED);
    expect(view.allowed.EDIT.allowed).toBe(true);
    await updatePeriod(ctx.db, admin, { period: '2026S2', locked: true }, AFTER_MOVED);
    const locked = await getReportView(ctx.db, staff, ref, AFTER_MOVED);
    expect(locked.allowed.EDIT).toEqual({ allowed: false, reason: 'Kỳ báo cáo đã khoá sổ.' });
    expect((await refusal(submitOwnFigures(ctx.db, staff, '37', AFTER_MOVED))).message).toBe('Kỳ báo cáo đã khoá sổ.');
    await updatePeriod(ctx.db, admin, { period: '2026S2', locked: false }, AFTER_MOVED);
    const late = at('2027-01-05T03:00:00Z');
    expect((await submitOwnFigures(ctx.db, staff, '37', late)).status).toBe('SUBMITTED');
    expect((await getReportView(ctx.db, staff, ref, late)).timeliness).toBe('LATE');
  });

  it('keeps a report sent on time on time after a return and a late resubmission', async () => {
    const leader = await user('cum3');
    const staff = await user('hanoi');
    const ref = { provinceCode: '01', periodCode: '2026S2' };
    const submitted = await getReportView(ctx.db, leader, ref, AFTER_MOVED);
    const returned = await returnReport(ctx.db, leader, { ...ref, version: submitted.report!.version, comment: 'Đề nghị bổ sung số hội viên mới.' }, AFTER_MOVED);
    const view = await getReportView(ctx.db, staff, ref, AFTER_MOVED);
    const data = structuredClone(view.data!);
    data.membership.newMembers = (data.membership.newMembers ?? 0) + 5;
    const resentAt = at('2027-01-06T03:00:00Z');
    const saved = await saveReportDraft(ctx.db, staff, { ...ref, version: returned.version, data }, resentAt);
    await submitOwnFiguresAgain(staff, ref, saved.version, data, resentAt);
    const after = await getReportView(ctx.db, leader, ref, resentAt);
    expect(after.report!.firstSubmittedAt).toEqual(AFTER_ORIGINAL);
    expect(after.report!.submittedAt).toEqual(resentAt);
    expect(after.timeliness).toBe('ON_TIME');
    const summary = (await getClusterSummary(ctx.db, { clusterCode: 'CUM3', periodCode: '2026S2', now: resentAt }))!;
    expect(summary.provinces.find((p) => p.code === '01')!.onTime).toBe(true);
    expect((await approveReport(ctx.db, leader, { ...ref, version: after.report!.version }, resentAt)).status).toBe('APPROVED');
  });
});

async function submitOwnFiguresAgain(staff: SessionUser, ref: { provinceCode: string; periodCode: string }, version: number, data: Parameters<typeof saveAndSubmitReport>[2]['data'], when: Date) {
  try {
    return await saveAndSubmitReport(ctx.db, staff, { ...ref, version, data }, when);
  } catch (error) {
    if (!(error instanceof UserFacingError) || error.code !== 'RULES_FAILED') throw error;
    const explanations = Object.fromEntries(Object.keys(error.fieldErrors).map((k) => [k.replace(/^explanations\./, ''), 'Số liệu đã được rà soát.']));
    return saveAndSubmitReport(ctx.db, staff, { ...ref, version, data, explanations }, when);
  }
}

describe('reopening: Vĩnh Phúc’s 2025S1 report, of a province merged away, in a locked period', () => {
  const ref = { provinceCode: '26', periodCode: '2025S1' };
  const NOW = at('2026-11-20T03:00:00Z');

  it('is reopened by an administrator, refused to everyone else, and approved again by the administrator', async () => {
    const admin = await user('admin');
    const leader = await user('cum3');
    const vinhPhuc = await user('vinhphuc');
    const phuTho = await user('phutho');
    const summaryOf = async () => (await getClusterSummary(ctx.db, { clusterCode: 'CUM3', periodCode: '2025S1', now: NOW }))!;
    const before = await summaryOf();
    expect(before.provinces.find((p) => p.code === '26')!.counted).toBe(true);

    const view = await getReportView(ctx.db, admin, ref, NOW);
    expect(view.report!.status).toBe('APPROVED');
    // The leader may not reopen in a locked period; the administrator may.
    expect((await getReportView(ctx.db, leader, ref, NOW)).allowed.REOPEN.allowed).toBe(false);
    const reopened = await reopenReport(ctx.db, admin, { ...ref, version: view.report!.version, comment: 'Mở lại để rà soát số hội viên.' }, NOW);
    expect(reopened.status).toBe('RETURNED');

    // Returned, its figures are out of the cluster's summary …
    const during = await summaryOf();
    expect(during.provinces.find((p) => p.code === '26')!.counted).toBe(false);
    expect(during.totals.models.FAMILY.total).toBeLessThan(before.totals.models.FAMILY.total);

    // … and nobody but the administrator can act: its own staff read only, its successor's staff
    // do not enter it, the leader approves only what a province sent.
    const staffView = await getReportView(ctx.db, vinhPhuc, ref, NOW);
    expect([staffView.allowed.EDIT.allowed, staffView.allowed.SUBMIT.allowed]).toEqual([false, false]);
    expect((await refusal(saveReportDraft(ctx.db, vinhPhuc, { ...ref, version: reopened.version, data: view.data! }, NOW))).code).toBe('FORBIDDEN');
    expect((await getReportView(ctx.db, phuTho, ref, NOW)).allowed.EDIT.allowed).toBe(false);
    const leaderView = await getReportView(ctx.db, leader, ref, NOW);
    expect(leaderView.allowed.APPROVE).toEqual({ allowed: false, reason: 'Báo cáo đã bị trả lại, đang chờ tỉnh gửi lại.' });
    expect((await refusal(approveReport(ctx.db, leader, { ...ref, version: reopened.version }, NOW))).code).toBe('CONFLICT');

    // The administrator approves it again, as it stands.
    const adminView = await getReportView(ctx.db, admin, ref, NOW);
    expect(adminView.allowed.APPROVE.allowed).toBe(true);
    const approved = await approveReport(ctx.db, admin, { ...ref, version: reopened.version }, NOW);
    expect(approved.status).toBe('APPROVED');
    const stored = await ctx.db.report.findFirstOrThrow({ where: { province: { code: '26' }, period: { code: '2025S1' } }, select: { unlockedByAdmin: true, approvedAt: true } });
    expect(stored).toEqual({ unlockedByAdmin: false, approvedAt: NOW });

    const after = await summaryOf();
    expect(after.provinces.find((p) => p.code === '26')!.counted).toBe(true);
    expect(after.totals).toEqual(before.totals);
    const history = (await getReportView(ctx.db, admin, ref, NOW)).history.filter((h) => h.kind === 'status');
    expect(history.slice(0, 2).map((h) => h.kind === 'status' && [h.action, h.fromStatus, h.toStatus, h.actor])).toEqual([
      ['APPROVE', 'RETURNED', 'APPROVED', 'Quản trị hệ thống'],
      ['REOPEN', 'APPROVED', 'RETURNED', 'Quản trị hệ thống'],
    ]);
  });
});

describe('the leader changes at the end of a term', () => {
  it('keeps the old leader’s name on what they reviewed; the new leader reviews from then on', async () => {
    const ref = { provinceCode: '01', periodCode: '2026S2' };
    const NOW = at('2027-01-10T03:00:00Z');
    const old = await user('cum3');
    // The old leader's account leaves Cluster III (moved to another cluster), a new one takes over.
    const other = await ctx.db.cluster.create({ data: { code: 'CUM9', name: 'Cụm thử nghiệm' }, select: { id: true } });
    await ctx.db.user.update({ where: { id: old.id }, data: { clusterId: other.id } });
    const cluster = await ctx.db.cluster.findUniqueOrThrow({ where: { code: 'CUM3' }, select: { id: true } });
    const created = await ctx.db.user.create({
      data: { email: 'cumtruong-moi@demo.khuyenhoc.vn', name: 'Cụm trưởng nhiệm kỳ mới', passwordHash: 'x', role: 'CLUSTER_LEADER', clusterId: cluster.id },
      select: { email: true },
    });
    const successor = await sessionUserOf(ctx.db, created.email);

    const view = await getReportView(ctx.db, successor, ref, NOW);
    const reviews = view.history.filter((h) => h.kind === 'status' && ['RETURN', 'APPROVE'].includes(h.action));
    expect(reviews.map((h) => h.kind === 'status' && [h.action, h.actor])).toEqual([
      ['APPROVE', 'Cụm trưởng Cụm III – Đồng bằng sông Hồng'],
      ['RETURN', 'Cụm trưởng Cụm III – Đồng bằng sông Hồng'],
    ]);
    expect(view.allowed.REOPEN.allowed).toBe(true);
    expect((await refusal(getReportView(ctx.db, await user('cum3'), ref, NOW))).code).toBe('FORBIDDEN');
  });
});
