import { describe, expect, it } from 'vitest';

import { emailWanted, switchableKindsFor } from './kinds';
import { buildMessage, renderEmail } from './messages';

const HY = { code: '33', name: 'Hưng Yên' };
// 15/12/2026 23:59:59 in Vietnam; 25/11/2026 10:00 in Vietnam.
const DEADLINE = new Date('2026-12-15T16:59:59Z');
const AT = new Date('2026-11-25T03:00:00Z');

describe('messages', () => {
  it('a submission names the province, the period, the time and the deadline, and links to the report', () => {
    expect(buildMessage({ kind: 'REPORT_SUBMITTED', province: HY, periodCode: '2026S2', deadline: DEADLINE, at: AT, late: false, resubmitted: false })).toEqual({
      kind: 'REPORT_SUBMITTED',
      title: 'Hưng Yên đã gửi báo cáo 6 tháng cuối năm 2026',
      body: 'Hưng Yên đã gửi báo cáo 6 tháng cuối năm 2026 lúc 25/11/2026 10:00 (đúng hạn 15/12/2026). Báo cáo đang chờ cụm duyệt.',
      link: '/bao-cao/33/2026S2',
    });
    const late = buildMessage({ kind: 'REPORT_SUBMITTED', province: HY, periodCode: '2026S2', deadline: DEADLINE, at: new Date('2026-12-16T02:00:00Z'), late: true, resubmitted: true });
    expect(late.title).toBe('Hưng Yên đã gửi lại báo cáo 6 tháng cuối năm 2026');
    expect(late.body).toContain('lúc 16/12/2026 09:00 (nộp muộn so với hạn 15/12/2026)');
  });

  it('a return quotes the comment on one line', () => {
    const m = buildMessage({ kind: 'REPORT_RETURNED', province: HY, periodCode: '2026S1', deadline: DEADLINE, actorName: 'Nguyễn Văn An', comment: 'Rà soát\n  số dòng họ.' });
    expect(m.title).toBe('Báo cáo 6 tháng đầu năm 2026 của Hưng Yên bị trả lại');
    expect(m.body).toBe('Nguyễn Văn An đã trả lại báo cáo để sửa, với ý kiến: “Rà soát số dòng họ.”. Hãy sửa và gửi lại; hạn nộp 15/12/2026.');
  });

  it('deadline reminders count the days left, say when the deadline was extended, and tell the leader where to look', () => {
    const soon = (daysLeft: number) => buildMessage({ kind: 'DEADLINE_SOON', province: HY, periodCode: '2026S2', deadline: DEADLINE, daysLeft, extended: false }).title;
    expect(soon(7)).toBe('Sắp đến hạn nộp báo cáo 6 tháng cuối năm 2026: còn 7 ngày');
    expect(soon(1)).toBe('Sắp đến hạn nộp báo cáo 6 tháng cuối năm 2026: ngày mai là hạn cuối');
    expect(soon(0)).toBe('Sắp đến hạn nộp báo cáo 6 tháng cuối năm 2026: hôm nay là hạn cuối');
    const extended = buildMessage({ kind: 'DEADLINE_SOON', province: HY, periodCode: '2026S2', deadline: new Date('2026-12-22T16:59:59Z'), daysLeft: 6, extended: true });
    expect(extended.body).toBe('Hưng Yên chưa gửi báo cáo 6 tháng cuối năm 2026; hạn nộp (đã gia hạn) 22/12/2026 (còn 6 ngày).');
    const toLeader = buildMessage({ kind: 'DEADLINE_PASSED', audience: 'cluster', clusterCode: 'CUM3', province: HY, periodCode: '2026S2', deadline: DEADLINE, extended: false });
    expect(toLeader).toMatchObject({ title: 'Hưng Yên chưa nộp báo cáo 6 tháng cuối năm 2026', link: '/cum/CUM3/bao-cao?ky=2026S2' });
    const toStaff = buildMessage({ kind: 'DEADLINE_PASSED', audience: 'province', clusterCode: null, province: HY, periodCode: '2026S2', deadline: DEADLINE, extended: false });
    expect(toStaff.body).toContain('vẫn gửi được cho đến khi kỳ khoá sổ');
  });

  it('the leader’s reminder carries their line of text only when there is one', () => {
    const base = { kind: 'CLUSTER_REMINDER', clusterName: 'Cụm III', senderName: 'Cụm trưởng', province: HY, periodCode: '2026S2', deadline: DEADLINE, extended: false } as const;
    expect(buildMessage({ ...base, note: null }).body).toBe('Cụm trưởng nhắc Hưng Yên gửi báo cáo 6 tháng cuối năm 2026; hạn nộp 15/12/2026.');
    expect(buildMessage({ ...base, note: 'Họp ngày 20/12.' }).body).toBe('Cụm trưởng nhắc Hưng Yên gửi báo cáo 6 tháng cuối năm 2026; hạn nộp 15/12/2026. Lời nhắn: “Họp ngày 20/12.”.');
  });

  it('account messages name the account and never carry a password', () => {
    const created = buildMessage({ kind: 'ACCOUNT_CREATED', email: 'a@khuyenhoc.example.vn', role: 'CLUSTER_LEADER', scope: 'Cụm III', at: AT });
    expect(created.body).toBe(
      'Quản trị viên đã tạo tài khoản a@khuyenhoc.example.vn (Cụm trưởng · Cụm III) lúc 25/11/2026 10:00. Mật khẩu do quản trị viên giao riêng, không gửi qua thư; hãy đổi mật khẩu sau lần đăng nhập đầu.',
    );
    expect(buildMessage({ kind: 'ACCOUNT_LOCKED', email: 'a@khuyenhoc.example.vn', at: AT }).link).toBeNull();
  });
});

describe('e-mail', () => {
  const message = buildMessage({ kind: 'REPORT_RETURNED', province: HY, periodCode: '2026S2', deadline: DEADLINE, actorName: 'Trần <b>Bình</b>', comment: 'Sai "số" & thiếu' });

  it('has a plain-text part with the full link and an HTML part with everything escaped', () => {
    const mail = renderEmail(message, { recipientName: 'Lê Thị Hoa', publicUrl: 'https://khuyenhoc.example.vn/' });
    expect(mail.subject).toBe(message.title);
    expect(mail.text).toContain('Kính gửi Lê Thị Hoa,');
    expect(mail.text).toContain('Mở trang: https://khuyenhoc.example.vn/bao-cao/33/2026S2');
    expect(mail.text).toContain('Đổi ở https://khuyenhoc.example.vn/tai-khoan/thong-bao');
    expect(mail.html).toContain('href="https://khuyenhoc.example.vn/bao-cao/33/2026S2"');
    expect(mail.html).toContain('Trần &lt;b&gt;Bình&lt;/b&gt;');
    expect(mail.html).toContain('“Sai &quot;số&quot; &amp; thiếu”');
    expect(mail.html).not.toContain('<b>');
  });

  it('a security message says it cannot be switched off, and offers no link to do so', () => {
    const mail = renderEmail(buildMessage({ kind: 'PASSWORD_RESET', email: 'a@khuyenhoc.example.vn', at: AT }), { recipientName: 'A', publicUrl: 'http://localhost:3000' });
    expect(mail.text).toContain('Thư về an toàn tài khoản luôn được gửi, không tắt được.');
    expect(mail.text).not.toContain('/tai-khoan/thong-bao');
    expect(mail.html).not.toContain('/tai-khoan/thong-bao');
  });
});

describe('e-mail choices', () => {
  it('a kind is e-mailed unless switched off; a security kind always', () => {
    expect(emailWanted('REPORT_RETURNED', undefined)).toBe(true);
    expect(emailWanted('REPORT_RETURNED', false)).toBe(false);
    expect(emailWanted('ACCOUNT_LOCKED', false)).toBe(true);
  });

  it('offers each role the kinds it can receive, never a security kind', () => {
    expect(switchableKindsFor({ role: 'PROVINCE_STAFF' })).toEqual(['REPORT_RETURNED', 'REPORT_APPROVED', 'REPORT_REOPENED', 'DEADLINE_SOON', 'DEADLINE_PASSED', 'CLUSTER_REMINDER']);
    expect(switchableKindsFor({ role: 'CLUSTER_LEADER' })).toEqual(['REPORT_SUBMITTED', 'DEADLINE_PASSED']);
    expect(switchableKindsFor({ role: 'CENTRAL' })).toEqual([]);
  });
});
