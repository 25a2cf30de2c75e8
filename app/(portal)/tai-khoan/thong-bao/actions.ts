'use server';

import { defineFormAction } from '@/lib/http/action';
import { saveNotificationPreferences } from '@/lib/notifications/inbox';
import { NotificationPreferencesSchema, preferencesFormInput } from '@/lib/notifications/schemas';

// The signed-in user's own choices: the data layer takes the user from the session.
export const saveNotificationPreferencesAction = defineFormAction({
  name: 'notification.preferences',
  schema: NotificationPreferencesSchema,
  input: preferencesFormInput,
  authorize: () => true,
  run: async ({ db, user, input }) => {
    await saveNotificationPreferences(db, user, input);
    return 'Đã lưu cách nhận thông báo.';
  },
  revalidate: ['/tai-khoan/thong-bao'],
});
