// The kinds of notification: who receives each (the data layer decides the people, ./recipients.ts),
// what the preferences page calls it, and which are security messages, e-mailed whatever the
// user chose. Pure: the preferences page, the message builders and the outbox all read it.
import type { NotificationKind } from '../generated/prisma/enums';
import { entersReports, reviewsReports, type Role } from '../permissions';

export type { NotificationKind } from '../generated/prisma/enums';

type KindInfo = {
  /** On the preferences page. */
  label: string;
  /** Who receives it, in a few words, under the label. */
  audience: string;
  /** Sent by e-mail whatever the user chose: an account change made by someone else. */
  security: boolean;
  /** Whose preferences page lists it: staff of a province, reviewers, or everyone. */
  offeredTo: 'entry' | 'review' | 'everyone';
};

export const NOTIFICATION_KINDS: Record<NotificationKind, KindInfo> = {
  REPORT_SUBMITTED: { label: 'Tỉnh gửi báo cáo', audience: 'Cụm trưởng, khi một tỉnh trong cụm gửi hoặc gửi lại báo cáo.', security: false, offeredTo: 'review' },
  REPORT_RETURNED: { label: 'Báo cáo bị trả lại', audience: 'Cán bộ tỉnh, với ý kiến của người duyệt.', security: false, offeredTo: 'entry' },
  REPORT_APPROVED: { label: 'Báo cáo được duyệt', audience: 'Cán bộ tỉnh.', security: false, offeredTo: 'entry' },
  REPORT_REOPENED: { label: 'Báo cáo được mở lại để sửa', audience: 'Cán bộ tỉnh, với lý do mở lại.', security: false, offeredTo: 'entry' },
  DEADLINE_SOON: { label: 'Sắp đến hạn nộp', audience: 'Cán bộ tỉnh chưa gửi báo cáo: 7 ngày và 1 ngày trước hạn (kể cả hạn được gia hạn).', security: false, offeredTo: 'entry' },
  DEADLINE_PASSED: { label: 'Đã quá hạn nộp', audience: 'Cán bộ tỉnh chưa gửi báo cáo và cụm trưởng, ngày sau hạn nộp.', security: false, offeredTo: 'everyone' },
  CLUSTER_REMINDER: { label: 'Cụm trưởng nhắc nộp', audience: 'Cán bộ tỉnh chưa gửi báo cáo, khi cụm trưởng bấm “Nhắc các tỉnh chưa nộp”.', security: false, offeredTo: 'entry' },
  ACCOUNT_CREATED: { label: 'Tài khoản được tạo', audience: 'Người được tạo tài khoản.', security: true, offeredTo: 'everyone' },
  PASSWORD_RESET: { label: 'Mật khẩu được đặt lại', audience: 'Chủ tài khoản.', security: true, offeredTo: 'everyone' },
  ACCOUNT_LOCKED: { label: 'Tài khoản bị khoá', audience: 'Chủ tài khoản.', security: true, offeredTo: 'everyone' },
  ACCOUNT_UNLOCKED: { label: 'Tài khoản được mở khoá', audience: 'Chủ tài khoản.', security: true, offeredTo: 'everyone' },
};

export const NOTIFICATION_KIND_LIST = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];

/** Security messages are e-mailed whatever the user chose: they tell of a change someone else made to the account. */
export function isSecurityKind(kind: NotificationKind): boolean {
  return NOTIFICATION_KINDS[kind].security;
}

/** Whether an e-mail goes out for this kind, given the user's choice (no choice stored: yes). */
export function emailWanted(kind: NotificationKind, choice: boolean | undefined): boolean {
  return isSecurityKind(kind) || choice !== false;
}

/** The kinds a user may switch off on their preferences page: those they can receive, security messages aside. */
export function switchableKindsFor(user: { role: Role }): NotificationKind[] {
  return NOTIFICATION_KIND_LIST.filter((kind) => {
    const info = NOTIFICATION_KINDS[kind];
    if (info.security) return false;
    if (info.offeredTo === 'entry') return entersReports(user);
    if (info.offeredTo === 'review') return reviewsReports(user);
    return entersReports(user) || reviewsReports(user);
  });
}
