// What each notification says: short Vietnamese messages naming the province, the period, the
// deadline (dd/mm/yyyy, Vietnam time) and the page to open, and the e-mail made of one, with a
// plain-text and an HTML part. Pure: the events (./events.ts), the reminders (./reminders.ts)
// and the tests build messages here and nowhere else.
import { formatDate, formatDateTime } from '../format';
import { ROLE_LABELS, type Role } from '../permissions';
import { periodLabel } from '../reference/periods';
import type { NotificationKind } from './kinds';
import { isSecurityKind } from './kinds';

type Province = { code: string; name: string };

/** What happened, with what a message about it needs. */
export type NotificationEvent =
  | { kind: 'REPORT_SUBMITTED'; province: Province; periodCode: string; deadline: Date; at: Date; late: boolean; resubmitted: boolean }
  | { kind: 'REPORT_RETURNED'; province: Province; periodCode: string; deadline: Date; actorName: string; comment: string }
  | { kind: 'REPORT_APPROVED'; province: Province; periodCode: string; actorName: string; at: Date }
  | { kind: 'REPORT_REOPENED'; province: Province; periodCode: string; deadline: Date; actorName: string; comment: string }
  /** `daysLeft`: calendar days in Vietnam from today to the deadline's day (7, 1; 0 on the day itself). */
  | { kind: 'DEADLINE_SOON'; province: Province; periodCode: string; deadline: Date; daysLeft: number; extended: boolean }
  | { kind: 'DEADLINE_PASSED'; audience: 'province' | 'cluster'; clusterCode: string | null; province: Province; periodCode: string; deadline: Date; extended: boolean }
  | { kind: 'CLUSTER_REMINDER'; clusterName: string; senderName: string; note: string | null; province: Province; periodCode: string; deadline: Date; extended: boolean }
  | { kind: 'ACCOUNT_CREATED'; email: string; role: Role; scope: string | null; at: Date }
  | { kind: 'PASSWORD_RESET'; email: string; at: Date }
  | { kind: 'ACCOUNT_LOCKED'; email: string; at: Date }
  | { kind: 'ACCOUNT_UNLOCKED'; email: string; at: Date };

/** A notification as stored and shown: `link` is a path in the portal. */
export type NotificationMessage = { kind: NotificationKind; title: string; body: string; link: string | null };

const reportLink = (province: Province, periodCode: string) => `/bao-cao/${province.code}/${periodCode}`;

/** "hạn nộp 15/12/2026" or "hạn nộp (đã gia hạn) 20/12/2026". */
const deadlineText = (deadline: Date, extended: boolean) => `hạn nộp${extended ? ' (đã gia hạn)' : ''} ${formatDate(deadline)}`;

/** “…” around a quoted comment, on one line. */
const quoted = (text: string) => `“${text.replace(/\s+/g, ' ').trim()}”`;

function daysLeftText(daysLeft: number): string {
  if (daysLeft <= 0) return 'hôm nay là hạn cuối';
  if (daysLeft === 1) return 'ngày mai là hạn cuối';
  return `còn ${daysLeft} ngày`;
}

export function buildMessage(event: NotificationEvent): NotificationMessage {
  switch (event.kind) {
    case 'REPORT_SUBMITTED': {
      const { province, periodCode } = event;
      const period = periodLabel(periodCode);
      const verb = event.resubmitted ? 'đã gửi lại' : 'đã gửi';
      const timing = event.late ? `nộp muộn so với hạn ${formatDate(event.deadline)}` : `đúng hạn ${formatDate(event.deadline)}`;
      return {
        kind: event.kind,
        title: `${province.name} ${verb} báo cáo ${period}`,
        body: `${province.name} ${verb} báo cáo ${period} lúc ${formatDateTime(event.at)} (${timing}). Báo cáo đang chờ cụm duyệt.`,
        link: reportLink(province, periodCode),
      };
    }
    case 'REPORT_RETURNED': {
      const period = periodLabel(event.periodCode);
      return {
        kind: event.kind,
        title: `Báo cáo ${period} của ${event.province.name} bị trả lại`,
        body: `${event.actorName} đã trả lại báo cáo để sửa, với ý kiến: ${quoted(event.comment)}. Hãy sửa và gửi lại; ${deadlineText(event.deadline, false)}.`,
        link: reportLink(event.province, event.periodCode),
      };
    }
    case 'REPORT_APPROVED': {
      const period = periodLabel(event.periodCode);
      return {
        kind: event.kind,
        title: `Báo cáo ${period} của ${event.province.name} đã được duyệt`,
        body: `${event.actorName} đã duyệt báo cáo ${period} của ${event.province.name} lúc ${formatDateTime(event.at)}.`,
        link: reportLink(event.province, event.periodCode),
      };
    }
    case 'REPORT_REOPENED': {
      const period = periodLabel(event.periodCode);
      return {
        kind: event.kind,
        title: `Báo cáo ${period} của ${event.province.name} được mở lại để sửa`,
        body: `${event.actorName} đã mở lại báo cáo đã duyệt, với lý do: ${quoted(event.comment)}. Hãy sửa và gửi lại; ${deadlineText(event.deadline, false)}.`,
        link: reportLink(event.province, event.periodCode),
      };
    }
    case 'DEADLINE_SOON': {
      const period = periodLabel(event.periodCode);
      const left = daysLeftText(event.daysLeft);
      return {
        kind: event.kind,
        title: `Sắp đến hạn nộp báo cáo ${period}: ${left}`,
        body: `${event.province.name} chưa gửi báo cáo ${period}; ${deadlineText(event.deadline, event.extended)} (${left}).`,
        link: reportLink(event.province, event.periodCode),
      };
    }
    case 'DEADLINE_PASSED': {
      const period = periodLabel(event.periodCode);
      const deadline = deadlineText(event.deadline, event.extended);
      if (event.audience === 'cluster') {
        return {
          kind: event.kind,
          title: `${event.province.name} chưa nộp báo cáo ${period}`,
          body: `Đã quá ${deadline} mà ${event.province.name} chưa gửi báo cáo ${period}.`,
          link: event.clusterCode ? `/cum/${event.clusterCode}/bao-cao?ky=${event.periodCode}` : reportLink(event.province, event.periodCode),
        };
      }
      return {
        kind: event.kind,
        title: `Đã quá hạn nộp báo cáo ${period}`,
        body: `${event.province.name} chưa gửi báo cáo ${period}; ${deadline} đã qua. Báo cáo vẫn gửi được cho đến khi kỳ khoá sổ và sẽ được ghi là nộp muộn.`,
        link: reportLink(event.province, event.periodCode),
      };
    }
    case 'CLUSTER_REMINDER': {
      const period = periodLabel(event.periodCode);
      const note = event.note ? ` Lời nhắn: ${quoted(event.note)}.` : '';
      return {
        kind: event.kind,
        title: `${event.clusterName} nhắc nộp báo cáo ${period}`,
        body: `${event.senderName} nhắc ${event.province.name} gửi báo cáo ${period}; ${deadlineText(event.deadline, event.extended)}.${note}`,
        link: reportLink(event.province, event.periodCode),
      };
    }
    case 'ACCOUNT_CREATED': {
      const scope = event.scope ? ` · ${event.scope}` : '';
      return {
        kind: event.kind,
        title: 'Tài khoản của bạn trên Cổng báo cáo Khuyến học đã được tạo',
        body:
          `Quản trị viên đã tạo tài khoản ${event.email} (${ROLE_LABELS[event.role]}${scope}) lúc ${formatDateTime(event.at)}. ` +
          'Mật khẩu do quản trị viên giao riêng, không gửi qua thư; hãy đổi mật khẩu sau lần đăng nhập đầu.',
        link: '/dang-nhap',
      };
    }
    case 'PASSWORD_RESET':
      return {
        kind: event.kind,
        title: 'Mật khẩu tài khoản của bạn đã được đặt lại',
        body:
          `Quản trị viên đã đặt lại mật khẩu tài khoản ${event.email} lúc ${formatDateTime(event.at)}; mọi phiên đăng nhập và mã API của bạn đã kết thúc. ` +
          'Hãy hỏi quản trị viên mật khẩu mới. Nếu bạn không đề nghị việc này, hãy báo ngay cho quản trị viên.',
        link: '/dang-nhap',
      };
    case 'ACCOUNT_LOCKED':
      return {
        kind: event.kind,
        title: 'Tài khoản của bạn đã bị khoá',
        body: `Quản trị viên đã khoá tài khoản ${event.email} lúc ${formatDateTime(event.at)}: bạn không đăng nhập được nữa. Nếu đây là nhầm lẫn, hãy liên hệ quản trị viên.`,
        link: null,
      };
    case 'ACCOUNT_UNLOCKED':
      return {
        kind: event.kind,
        title: 'Tài khoản của bạn đã được mở khoá',
        body: `Quản trị viên đã mở khoá tài khoản ${event.email} lúc ${formatDateTime(event.at)}: bạn đăng nhập lại được với mật khẩu hiện tại.`,
        link: '/dang-nhap',
      };
  }
}

// ---------------------------------------------------------------------------------------------
// E-mail

export type EmailContent = { subject: string; text: string; html: string };

/** Where a user changes which messages reach them by e-mail. */
export const PREFERENCES_PATH = '/tai-khoan/thong-bao';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * The e-mail of a notification: the title as subject; the message, its link in full and a
 * footer in both parts. The footer of an ordinary message says where to stop such e-mails;
 * that of a security message says why it cannot be stopped.
 */
export function renderEmail(message: NotificationMessage, { recipientName, publicUrl }: { recipientName: string; publicUrl: string }): EmailContent {
  const base = publicUrl.replace(/\/+$/, '');
  const url = message.link ? `${base}${message.link}` : null;
  const footer = isSecurityKind(message.kind)
    ? 'Thư về an toàn tài khoản luôn được gửi, không tắt được.'
    : `Không muốn nhận loại thư này? Đổi ở ${base}${PREFERENCES_PATH}`;
  const text = [
    `Kính gửi ${recipientName},`,
    '',
    message.body,
    ...(url ? ['', `Mở trang: ${url}`] : []),
    '',
    '—',
    'Cổng báo cáo Khuyến học (thư gửi tự động, xin đừng trả lời thư này)',
    footer,
    '',
  ].join('\n');
  const html = [
    '<!doctype html>',
    '<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(message.title)}</title></head>`,
    '<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#0f172a">',
    `<p>Kính gửi ${escapeHtml(recipientName)},</p>`,
    `<p>${escapeHtml(message.body)}</p>`,
    url
      ? `<p><a href="${escapeHtml(url)}" style="display:inline-block;padding:8px 16px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px">Mở trang trên cổng báo cáo</a></p>`
      : '',
    '<hr style="border:none;border-top:1px solid #e2e8f0">',
    '<p style="font-size:13px;color:#475569">Cổng báo cáo Khuyến học (thư gửi tự động, xin đừng trả lời thư này).<br>',
    isSecurityKind(message.kind)
      ? `${escapeHtml(footer)}</p>`
      : `Không muốn nhận loại thư này? <a href="${escapeHtml(`${base}${PREFERENCES_PATH}`)}">Đổi cách nhận thông báo</a>.</p>`,
    '</body></html>',
    '',
  ].join('\n');
  return { subject: message.title, text, html };
}
