// Notifications of events, end to end through a real SMTP server on 127.0.0.1: each event tells
// exactly the right people, in the portal and by e-mail (a plain-text and an HTML part); e-mail
// preferences are honoured except for security messages; a refused write tells nobody; the
// leader's reminder reaches the staff of every province that has not submitted.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { PrismaClient } from '../../lib/generated/prisma/client';
import type { SessionUser } from '../../lib/permissions';
import { createUser, resetUserPassword, setUserActive } from '../../lib/accounts/user-admin';
import { listNotifications, markAllNotificationsRead, openNotification, readNotificationPreferences, saveNotificationPreferences, unreadNotificationCount } from '../../lib/notifications/inbox';
import { remindUnsubmittedProvinces } from '../../lib/notifications/reminders';
import { ClusterReminderSchema } from '../../lib/notifications/schemas';
import { approveReport, getReportView, reopenReport, returnReport, saveAndSubmitReport, saveReportDraft, submitReport } from '../../lib/reports/store';
import type { ReportData } from '../../lib/reports/data';
import { emptyReportData } from '../../lib/reports/data';
import { clearMailSettings, deliverAll, PUBLIC_URL, useMailSettings } from '../helpers/notifications';
import { refusal } from '../helpers/refusal';
import { useSeededDb } from '../helpers/seeded-db';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp-server';

const ctx = useSeededDb();
const DURING = new Date('2026-11-25T03:00:00Z');
const HY = { provinceCode: '33', periodCode: '2026S2' };
const demo = (local: string) => `${local}@demo.khuyenhoc.vn`;

let smtp: TestSmtp;
const SELECT = { id: true, email: true, name: true, role: true, provinceId: true, clusterId: true } as const;
const user = (email: string): Promise<SessionUser> => ctx.db.user.findUniqueOrThrow({ where: { email }, select: SELECT });

/** Everyone's notifications written since `since`, as "email: title". */
async function told(db: PrismaClient, since: Date): Promise<string[]> {
  const rows = await db.notification.findMany({ where: { createdAt: { gte: since } }, select: { title: true, user: { select: { email: true } } }, orderBy: [{ user: { email: 'asc' } }] });
  return rows.map((r) => `${r.user.email}: ${r.title}`);
}

/** Complete figures that pass every rule: Hưng Yên's approved 2026S1 report. */
async function completeData(): Promise<ReportData> {
  return structuredClone((await getReportView(ctx.db, await user(demo('hungyen')), { provinceCode: '33', periodCode: '2026S1' }, DURING)).data!);
}

async function counts() {
  const [notifications, outbox] = await Promise.all([ctx.db.notification.count(), ctx.db.outboxMessage.count()]);
  return { notifications, outbox };
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  useMailSettings(smtp.url);
  const hy = await ctx.db.province.findFirstOrThrow({ where: { code: '33', validTo: null }, select: { id: true } });
  const other = await ctx.db.cluster.create({ data: { code: 'CUM9', name: 'Cụm IX' }, select: { id: true } });
  // A second staff member of Hưng Yên (told), a locked one (not told), a leader of another cluster (not told).
  await ctx.db.user.createMany({
    data: [
      { email: 'hungyen2@demo.khuyenhoc.vn', name: 'Cán bộ thứ hai Hưng Yên', passwordHash: 'x', role: 'PROVINCE_STAFF', provinceId: hy.id },
      { email: 'hungyen-khoa@demo.khuyenhoc.vn', name: 'Cán bộ đã khoá', passwordHash: 'x', role: 'PROVINCE_STAFF', provinceId: hy.id, active: false },
      { email: 'cum9@demo.khuyenhoc.vn', name: 'Cụm trưởng Cụm IX', passwordHash: 'x', role: 'CLUSTER_LEADER', clusterId: other.id },
    ],
  });
}, 60_000);

afterAll(async () => {
  clearMailSettings();
  await smtp?.stop();
});

beforeEach(() => {
  smtp.received.length = 0;
});

describe('report status changes', () => {
  let version = 0;

  it('a submission tells the cluster leader only, in the portal and by e-mail with both parts', async () => {
    const staff = await user(demo('hungyen'));
    const since = new Date(DURING.getTime());
    const saved = await saveReportDraft(ctx.db, staff, { ...HY, version: 0, data: await completeData() }, DURING);
    expect(await told(ctx.db, since)).toEqual([]);
    ({ version } = await submitReport(ctx.db, staff, { ...HY, version: saved.version }, DURING));

    expect(await told(ctx.db, since)).toEqual(['cum3@demo.khuyenhoc.vn: Hưng Yên đã gửi báo cáo 6 tháng cuối năm 2026']);
    const n = await ctx.db.notification.findFirstOrThrow({ where: { user: { email: demo('cum3') } } });
    expect(n.body).toBe('Hưng Yên đã gửi báo cáo 6 tháng cuối năm 2026 lúc 25/11/2026 10:00 (đúng hạn 15/12/2026). Báo cáo đang chờ cụm duyệt.');
    expect(n.link).toBe('/bao-cao/33/2026S2');

    const pass = await deliverAll(ctx.db, smtp.url);
    expect(pass.sent).toBe(1);
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail.to).toEqual([demo('cum3')]);
    expect(mail.from).toBe('no-reply@khuyenhoc.example.vn');
    expect(mail.subject).toBe('Hưng Yên đã gửi báo cáo 6 tháng cuối năm 2026');
    expect(mail.text).toContain('hạn 15/12/2026');
    expect(mail.text).toContain(`Mở trang: ${PUBLIC_URL}/bao-cao/33/2026S2`);
    expect(mail.html).toContain(`href="${PUBLIC_URL}/bao-cao/33/2026S2"`);
    expect(mail.html).toContain('Hưng Yên đã gửi báo cáo');
    expect(mail.autoSubmitted).toBe('auto-generated');
    const row = await ctx.db.outboxMessage.findFirstOrThrow({ where: { toAddress: demo('cum3') } });
    expect(mail.messageId).toBe(row.messageId);
    expect(row).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(row.smtpResponse).toMatch(/^250/);
  });

  it('a return tells the province’s active staff with the comment, and not the leader, the locked account or another cluster', async () => {
    const leader = await user(demo('cum3'));
    const at = new Date(DURING.getTime() + 60_000);
    ({ version } = await returnReport(ctx.db, leader, { ...HY, version, comment: 'Đề nghị rà soát số dòng họ.' }, at));
    expect(await told(ctx.db, at)).toEqual([
      'hungyen2@demo.khuyenhoc.vn: Báo cáo 6 tháng cuối năm 2026 của Hưng Yên bị trả lại',
      'hungyen@demo.khuyenhoc.vn: Báo cáo 6 tháng cuối năm 2026 của Hưng Yên bị trả lại',
    ]);
    const n = await ctx.db.notification.findFirstOrThrow({ where: { user: { email: demo('hungyen') }, kind: 'REPORT_RETURNED' } });
    expect(n.body).toBe(`${leader.name} đã trả lại báo cáo để sửa, với ý kiến: “Đề nghị rà soát số dòng họ.”. Hãy sửa và gửi lại; hạn nộp 15/12/2026.`);
    await deliverAll(ctx.db, smtp.url);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['hungyen2@demo.khuyenhoc.vn', 'hungyen@demo.khuyenhoc.vn']);
    expect(smtp.received[0].text).toContain('Đề nghị rà soát số dòng họ.');
  });

  it('a resubmission, an approval and a reopening each tell the right side', async () => {
    const staff = await user(demo('hungyen'));
    const leader = await user(demo('cum3'));
    let at = new Date(DURING.getTime() + 120_000);
    ({ version } = await saveAndSubmitReport(ctx.db, staff, { ...HY, version, data: await completeData() }, at));
    expect(await told(ctx.db, at)).toEqual(['cum3@demo.khuyenhoc.vn: Hưng Yên đã gửi lại báo cáo 6 tháng cuối năm 2026']);

    at = new Date(at.getTime() + 60_000);
    ({ version } = await approveReport(ctx.db, leader, { ...HY, version }, at));
    expect(await told(ctx.db, at)).toEqual([
      'hungyen2@demo.khuyenhoc.vn: Báo cáo 6 tháng cuối năm 2026 của Hưng Yên đã được duyệt',
      'hungyen@demo.khuyenhoc.vn: Báo cáo 6 tháng cuối năm 2026 của Hưng Yên đã được duyệt',
    ]);

    at = new Date(at.getTime() + 60_000);
    ({ version } = await reopenReport(ctx.db, leader, { ...HY, version, comment: 'Bổ sung số quỹ khuyến học.' }, at));
    expect(await told(ctx.db, at)).toEqual([
      'hungyen2@demo.khuyenhoc.vn: Báo cáo 6 tháng cuối năm 2026 của Hưng Yên được mở lại để sửa',
      'hungyen@demo.khuyenhoc.vn: Báo cáo 6 tháng cuối năm 2026 của Hưng Yên được mở lại để sửa',
    ]);
    const reopened = await ctx.db.notification.findFirstOrThrow({ where: { kind: 'REPORT_REOPENED', user: { email: demo('hungyen') } } });
    expect(reopened.body).toContain('“Bổ sung số quỹ khuyến học.”');

    await deliverAll(ctx.db, smtp.url);
    expect(smtp.received.map((m) => `${m.to[0]}: ${m.subject}`).sort()).toEqual(
      [
        'cum3@demo.khuyenhoc.vn: Hưng Yên đã gửi lại báo cáo 6 tháng cuối năm 2026',
        'hungyen2@demo.khuyenhoc.vn: Báo cáo 6 tháng cuối năm 2026 của Hưng Yên đã được duyệt',
        'hungyen@demo.khuyenhoc.vn: Báo cáo 6 tháng cuối năm 2026 của Hưng Yên đã được duyệt',
        'hungyen2@demo.khuyenhoc.vn: Báo cáo 6 tháng cuối năm 2026 của Hưng Yên được mở lại để sửa',
        'hungyen@demo.khuyenhoc.vn: Báo cáo 6 tháng cuối năm 2026 của Hưng Yên được mở lại để sửa',
      ].sort(),
    );
  });

  it('a refused change tells nobody: out of scope, a rule failed, a stale version', async () => {
    const before = await counts();
    const staff = await user(demo('hungyen'));
    // Hà Nội's staff cannot submit Hưng Yên's report; another cluster's leader cannot return it.
    expect((await refusal(submitReport(ctx.db, await user(demo('hanoi')), { ...HY, version }, DURING))).code).toBe('FORBIDDEN');
    expect((await refusal(returnReport(ctx.db, await user('cum9@demo.khuyenhoc.vn'), { ...HY, version, comment: 'x' }, DURING))).code).toBe('FORBIDDEN');
    // Incomplete figures: the submission (and its save) is rolled back, with its notice.
    const incomplete = emptyReportData();
    incomplete.models.FAMILY.total = 10;
    expect((await refusal(saveAndSubmitReport(ctx.db, staff, { ...HY, version, data: incomplete }, DURING))).code).toBe('RULES_FAILED');
    expect((await refusal(submitReport(ctx.db, staff, { ...HY, version: version - 1 }, DURING))).code).toBe('CONFLICT');
    expect(await counts()).toEqual(before);
  });
});

describe('e-mail preferences', () => {
  it('a kind switched off is still shown in the portal but not e-mailed; others still are', async () => {
    const staff = await user(demo('hungyen'));
    const offered = await readNotificationPreferences(ctx.db, staff);
    expect(offered.mailConfigured).toBe(true);
    expect(offered.switchable.map((r) => r.kind)).toEqual(['REPORT_RETURNED', 'REPORT_APPROVED', 'REPORT_REOPENED', 'DEADLINE_SOON', 'DEADLINE_PASSED', 'CLUSTER_REMINDER']);
    expect(offered.security.map((r) => r.kind)).toEqual(['ACCOUNT_CREATED', 'PASSWORD_RESET', 'ACCOUNT_LOCKED', 'ACCOUNT_UNLOCKED']);
    // A leader is offered the leader's kinds.
    expect((await readNotificationPreferences(ctx.db, await user(demo('cum3')))).switchable.map((r) => r.kind)).toEqual(['REPORT_SUBMITTED', 'DEADLINE_PASSED']);

    // Switching off a security message, or a kind not offered, is ignored.
    await saveNotificationPreferences(ctx.db, staff, [
      { kind: 'REPORT_RETURNED', email: false },
      { kind: 'ACCOUNT_LOCKED', email: false },
      { kind: 'REPORT_SUBMITTED', email: false },
    ]);
    expect(await ctx.db.notificationPreference.findMany({ where: { userId: staff.id }, select: { kind: true, email: true } })).toEqual([{ kind: 'REPORT_RETURNED', email: false }]);
    const after = await readNotificationPreferences(ctx.db, staff);
    expect(after.switchable.find((r) => r.kind === 'REPORT_RETURNED')?.email).toBe(false);

    // Resubmit, then return: both staff are told in the portal, only the other one by e-mail.
    const leader = await user(demo('cum3'));
    const view = await getReportView(ctx.db, staff, HY, DURING);
    const at = new Date(DURING.getTime() + 600_000);
    const { version } = await saveAndSubmitReport(ctx.db, staff, { ...HY, version: view.report!.version, data: await completeData() }, at);
    await returnReport(ctx.db, leader, { ...HY, version, comment: 'Thiếu giải trình.' }, at);
    expect((await told(ctx.db, at)).filter((t) => t.includes('bị trả lại'))).toHaveLength(2);
    await deliverAll(ctx.db, smtp.url);
    expect(smtp.received.filter((m) => m.subject.includes('bị trả lại')).map((m) => m.to[0])).toEqual(['hungyen2@demo.khuyenhoc.vn']);
    expect(smtp.received.find((m) => m.subject.includes('gửi lại'))?.to).toEqual([demo('cum3')]);
  });

  it('without SMTP_URL and MAIL_FROM the portal notifies in the portal only and writes no e-mail', async () => {
    clearMailSettings();
    try {
      const staff = await user(demo('hungyen'));
      expect((await readNotificationPreferences(ctx.db, staff)).mailConfigured).toBe(false);
      const outbox = await ctx.db.outboxMessage.count();
      const at = new Date(DURING.getTime() + 700_000);
      const view = await getReportView(ctx.db, staff, HY, at);
      await saveAndSubmitReport(ctx.db, staff, { ...HY, version: view.report!.version, data: await completeData() }, at);
      expect(await told(ctx.db, at)).toEqual(['cum3@demo.khuyenhoc.vn: Hưng Yên đã gửi lại báo cáo 6 tháng cuối năm 2026']);
      expect(await ctx.db.outboxMessage.count()).toBe(outbox);
    } finally {
      useMailSettings(smtp.url);
    }
  });
});

describe('the inbox', () => {
  it('counts unread messages, marks one read when opened, and all at once; never someone else’s', async () => {
    const staff = await user('hungyen2@demo.khuyenhoc.vn');
    const unread = await unreadNotificationCount(ctx.db, staff);
    expect(unread).toBeGreaterThan(1);
    const list = await listNotifications(ctx.db, staff);
    expect(list.unread).toBe(unread);
    expect(list.items[0].createdAt.getTime()).toBeGreaterThanOrEqual(list.items.at(-1)!.createdAt.getTime());
    const opened = await openNotification(ctx.db, staff, list.items[0].id, DURING);
    expect(opened.readAt).toEqual(DURING);
    expect(await unreadNotificationCount(ctx.db, staff)).toBe(unread - 1);
    // Opening it again keeps the first reading.
    expect((await openNotification(ctx.db, staff, list.items[0].id, new Date())).readAt).toEqual(DURING);
    // Someone else's notification is not found, and stays unread.
    const other = await user(demo('hungyen'));
    const theirs = (await listNotifications(ctx.db, other)).items.find((i) => !i.readAt)!;
    expect((await refusal(openNotification(ctx.db, staff, theirs.id))).code).toBe('NOT_FOUND');
    expect((await ctx.db.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull();
    expect(await markAllNotificationsRead(ctx.db, staff)).toBe(unread - 1);
    expect(await unreadNotificationCount(ctx.db, staff)).toBe(0);
  });
});

describe('the leader’s reminder', () => {
  it('tells the staff of every province of the cluster that has not submitted, with the leader’s line, once', async () => {
    const leader = await user(demo('cum3'));
    const staff = await user(demo('hungyen'));
    // Hưng Yên's report is submitted now (the previous test): its staff are not reminded.
    expect((await getReportView(ctx.db, staff, HY, DURING)).report?.status).toBe('SUBMITTED');
    const at = new Date(DURING.getTime() + 3_600_000);
    const input = ClusterReminderSchema.parse({ clusterCode: 'CUM3', periodCode: '2026S2', note: '  Cụm họp giao ban ngày 20/12,   đề nghị gửi trước.  ' });
    expect(input.note).toBe('Cụm họp giao ban ngày 20/12, đề nghị gửi trước.');
    const result = await remindUnsubmittedProvinces(ctx.db, leader, input, at);
    expect(result.reminded.map((p) => p.name)).toEqual(['Bắc Ninh', 'Hà Nội', 'Ninh Bình', 'Phú Thọ']);
    expect(result.withoutAccounts).toEqual([]);
    expect(await told(ctx.db, at)).toEqual([
      'bacninh@demo.khuyenhoc.vn: Cụm III – Đồng bằng sông Hồng nhắc nộp báo cáo 6 tháng cuối năm 2026',
      'hanoi@demo.khuyenhoc.vn: Cụm III – Đồng bằng sông Hồng nhắc nộp báo cáo 6 tháng cuối năm 2026',
      'ninhbinh@demo.khuyenhoc.vn: Cụm III – Đồng bằng sông Hồng nhắc nộp báo cáo 6 tháng cuối năm 2026',
      'phutho@demo.khuyenhoc.vn: Cụm III – Đồng bằng sông Hồng nhắc nộp báo cáo 6 tháng cuối năm 2026',
    ]);
    const n = await ctx.db.notification.findFirstOrThrow({ where: { kind: 'CLUSTER_REMINDER', user: { email: demo('ninhbinh') } } });
    expect(n.body).toBe(`${leader.name} nhắc Ninh Bình gửi báo cáo 6 tháng cuối năm 2026; hạn nộp 15/12/2026. Lời nhắn: “Cụm họp giao ban ngày 20/12, đề nghị gửi trước.”.`);
    expect(n.link).toBe(`/bao-cao/${(await ctx.db.province.findFirstOrThrow({ where: { name: 'Ninh Bình', validTo: null } })).code}/2026S2`);
    const audit = await ctx.db.auditLog.findFirstOrThrow({ where: { action: 'notification.remind' } });
    expect(audit.actorId).toBe(leader.id);

    await deliverAll(ctx.db, smtp.url);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([demo('bacninh'), demo('hanoi'), demo('ninhbinh'), demo('phutho')]);
    expect(smtp.received[0].text).toContain('Lời nhắn: “Cụm họp giao ban ngày 20/12, đề nghị gửi trước.”');

    // A second press a moment later is refused, and writes nothing.
    const before = await counts();
    const again = await refusal(remindUnsubmittedProvinces(ctx.db, leader, input, new Date(at.getTime() + 60_000)));
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toMatch(/vừa nhắc/);
    expect(await counts()).toEqual(before);
  });

  it('is refused to province staff, central users and other clusters’ leaders, and for a locked period', async () => {
    const before = await counts();
    const input = ClusterReminderSchema.parse({ clusterCode: 'CUM3', periodCode: '2026S2' });
    for (const email of [demo('hanoi'), demo('trunguong'), 'cum9@demo.khuyenhoc.vn']) {
      expect((await refusal(remindUnsubmittedProvinces(ctx.db, await user(email), input, DURING))).code, email).toBe('FORBIDDEN');
    }
    await ctx.db.period.update({ where: { code: '2026S2' }, data: { locked: true } });
    try {
      const e = await refusal(remindUnsubmittedProvinces(ctx.db, await user(demo('cum3')), input, new Date(DURING.getTime() + 86_400_000)));
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toMatch(/khoá sổ/);
    } finally {
      await ctx.db.period.update({ where: { code: '2026S2' }, data: { locked: false } });
    }
    expect(ClusterReminderSchema.safeParse({ clusterCode: 'CUM3', periodCode: '2026S2', note: 'x'.repeat(301) }).success).toBe(false);
    expect(await counts()).toEqual(before);
  });
});

describe('account changes', () => {
  it('tells the user of an account created, a password reset and a lock, by e-mail whatever they chose, never with the password', async () => {
    const admin = await user(demo('admin'));
    const hy = await ctx.db.province.findFirstOrThrow({ where: { code: '33', validTo: null }, select: { id: true } });
    const at = new Date(DURING.getTime() + 7_200_000);
    const created = await createUser(
      ctx.db,
      admin,
      { email: 'moi.hungyen@khuyenhoc.example.vn', name: 'Nguyễn Thị Mới', role: 'PROVINCE_STAFF', provinceId: hy.id, clusterId: null, password: null },
      at,
    );
    expect(await told(ctx.db, at)).toEqual(['moi.hungyen@khuyenhoc.example.vn: Tài khoản của bạn trên Cổng báo cáo Khuyến học đã được tạo']);
    const newUser = await user('moi.hungyen@khuyenhoc.example.vn');
    // Even switched off, a security message is e-mailed.
    await ctx.db.notificationPreference.create({ data: { userId: newUser.id, kind: 'PASSWORD_RESET', email: false } });
    const reset = await resetUserPassword(ctx.db, admin, { userId: newUser.id }, new Date(at.getTime() + 1000));
    await setUserActive(ctx.db, admin, { userId: newUser.id, active: false }, new Date(at.getTime() + 2000));
    await deliverAll(ctx.db, smtp.url);
    const mails = smtp.received.filter((m) => m.to[0] === 'moi.hungyen@khuyenhoc.example.vn');
    expect(mails.map((m) => m.subject)).toEqual([
      'Tài khoản của bạn trên Cổng báo cáo Khuyến học đã được tạo',
      'Mật khẩu tài khoản của bạn đã được đặt lại',
      'Tài khoản của bạn đã bị khoá',
    ]);
    expect(mails[0].text).toContain('Cán bộ tỉnh · Hưng Yên');
    for (const m of mails) {
      expect(m.text).not.toContain(created.generatedPassword!);
      expect(m.text).not.toContain(reset.password);
      expect(m.html).not.toContain(reset.password);
      expect(m.text).toContain('không tắt được');
    }
    // A refused creation (the address is taken) tells nobody.
    const before = await counts();
    await refusal(createUser(ctx.db, admin, { email: 'moi.hungyen@khuyenhoc.example.vn', name: 'Trùng', role: 'PROVINCE_STAFF', provinceId: hy.id, clusterId: null, password: null }));
    expect(await counts()).toEqual(before);
  });
});
