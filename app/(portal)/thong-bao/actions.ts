'use server';

import { defineFormAction } from '@/lib/http/action';
import { sameOriginPath } from '@/lib/http/safe-redirect';
import { markAllNotificationsRead, openNotification } from '@/lib/notifications/inbox';
import { NotificationIdSchema } from '@/lib/notifications/schemas';
import { z } from 'zod';

// A user's own notifications: the data layer takes the user from the session, so any signed-in user may.
const anySignedInUser = () => true;

/** Opens a notification: marks it read and answers with the page it is about, where the form then goes. */
export const openNotificationAction = defineFormAction<typeof NotificationIdSchema, { href: string }>({
  name: 'notification.open',
  schema: NotificationIdSchema,
  authorize: anySignedInUser,
  run: async ({ db, user, input }) => {
    const item = await openNotification(db, user, input.id);
    return { message: 'Đã đánh dấu đã đọc.', payload: { href: sameOriginPath(item.link) ?? '/thong-bao' } };
  },
  revalidate: ['/thong-bao'],
});

export const markAllNotificationsReadAction = defineFormAction({
  name: 'notification.read-all',
  schema: z.object({}),
  authorize: anySignedInUser,
  run: async ({ db, user }) => {
    const n = await markAllNotificationsRead(db, user);
    return n ? `Đã đánh dấu ${n} thông báo là đã đọc.` : 'Không có thông báo chưa đọc.';
  },
  revalidate: ['/thong-bao'],
});
