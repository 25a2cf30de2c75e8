'use server';

import { defineFormAction } from '@/lib/http/action';
import { canManageUsers } from '@/lib/permissions';
import { retryFailedMessage } from '@/lib/notifications/outbox-admin';
import { OutboxMessageIdSchema } from '@/lib/notifications/schemas';

export const retryOutboxMessageAction = defineFormAction({
  name: 'outbox.retry',
  schema: OutboxMessageIdSchema,
  authorize: (user) => canManageUsers(user),
  run: async ({ db, user, input }) => {
    const { toAddress } = await retryFailedMessage(db, user, input.id);
    return `Đã đưa thư gửi ${toAddress} vào hàng đợi để gửi lại.`;
  },
  revalidate: ['/quan-tri/thu-gui'],
});
