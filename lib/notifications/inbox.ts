import 'server-only';
import type { NotificationKind } from '../generated/prisma/enums';
import { notFound } from '../errors';
import type { SessionUser } from '../permissions';
import type { Db } from '../platform/db';
import { mailSettingsFromEnv } from '../platform/env';
import { emailWanted, isSecurityKind, NOTIFICATION_KINDS, switchableKindsFor } from './kinds';
import type { NotificationPreferencesInput } from './schemas';

// A user's own notifications: the bell's count, the list, one message (read when opened), and
// the e-mail choices. Always the session user's: an id of someone else's notification is "not found".

export const INBOX_PAGE_SIZE = 30;

export type InboxItem = { id: string; kind: NotificationKind; title: string; body: string; link: string | null; createdAt: Date; readAt: Date | null };

const ITEM_SELECT = { id: true, kind: true, title: true, body: true, link: true, createdAt: true, readAt: true } as const;

/** The bell's number. One indexed count. */
export async function unreadNotificationCount(db: Db, user: Pick<SessionUser, 'id'>): Promise<number> {
  return db.notification.count({ where: { userId: user.id, readAt: null } });
}

/** Newest first, a page at a time, with the counts the page shows. */
export async function listNotifications(db: Db, user: Pick<SessionUser, 'id'>, page = 1): Promise<{ items: InboxItem[]; total: number; unread: number; page: number; pages: number }> {
  const [items, total, unread] = await Promise.all([
    db.notification.findMany({
      where: { userId: user.id },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * INBOX_PAGE_SIZE,
      take: INBOX_PAGE_SIZE,
      select: ITEM_SELECT,
    }),
    db.notification.count({ where: { userId: user.id } }),
    db.notification.count({ where: { userId: user.id, readAt: null } }),
  ]);
  return { items, total, unread, page, pages: Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE)) };
}

/** One notification of the user's, marked read now if it was not (its first opening is kept). */
export async function openNotification(db: Db, user: Pick<SessionUser, 'id'>, id: string, now = new Date()): Promise<InboxItem> {
  await db.notification.updateMany({ where: { id, userId: user.id, readAt: null }, data: { readAt: now } });
  const item = await db.notification.findFirst({ where: { id, userId: user.id }, select: ITEM_SELECT });
  if (!item) throw notFound('Không tìm thấy thông báo này.');
  return item;
}

/** Marks every unread notification of the user's as read; returns how many. */
export async function markAllNotificationsRead(db: Db, user: Pick<SessionUser, 'id'>, now = new Date()): Promise<number> {
  return (await db.notification.updateMany({ where: { userId: user.id, readAt: null }, data: { readAt: now } })).count;
}

export type PreferenceRow = { kind: NotificationKind; label: string; audience: string; email: boolean };

/**
 * What the preferences page shows: the kinds the user may switch off with their current choice,
 * the security kinds (always e-mailed), and whether the portal sends e-mail at all.
 */
export async function readNotificationPreferences(db: Db, user: SessionUser): Promise<{ mailConfigured: boolean; switchable: PreferenceRow[]; security: PreferenceRow[] }> {
  const rows = await db.notificationPreference.findMany({ where: { userId: user.id }, select: { kind: true, email: true } });
  const choice = new Map(rows.map((r) => [r.kind, r.email]));
  const row = (kind: NotificationKind): PreferenceRow => ({ kind, ...NOTIFICATION_KINDS[kind], email: emailWanted(kind, choice.get(kind)) });
  const security = (Object.keys(NOTIFICATION_KINDS) as NotificationKind[]).filter(isSecurityKind);
  return { mailConfigured: mailSettingsFromEnv() !== null, switchable: switchableKindsFor(user).map(row), security: security.map(row) };
}

/** Saves the user's choices for the kinds their form showed; security kinds and kinds not offered to them are ignored. */
export async function saveNotificationPreferences(db: Db, user: SessionUser, input: NotificationPreferencesInput): Promise<number> {
  const offered = new Set(switchableKindsFor(user));
  const choices = input.filter((c) => offered.has(c.kind));
  await db.$transaction(
    choices.map((c) =>
      db.notificationPreference.upsert({
        where: { userId_kind: { userId: user.id, kind: c.kind } },
        create: { userId: user.id, kind: c.kind, email: c.email },
        update: { email: c.email },
      }),
    ),
  );
  return choices.length;
}
