'use server';

import { defineFormAction } from '@/lib/http/action';
import { reviewsReports } from '@/lib/permissions';
import { remindUnsubmittedProvinces } from '@/lib/notifications/reminders';
import { ClusterReminderSchema } from '@/lib/notifications/schemas';
import { periodLabel } from '@/lib/reference/periods';

/** "Nhắc các tỉnh chưa nộp": the data layer checks that the user may remind this cluster (its leader, or an administrator). */
export const remindUnsubmittedProvincesAction = defineFormAction({
  name: 'notification.remind',
  schema: ClusterReminderSchema,
  authorize: (user) => reviewsReports(user),
  run: async ({ db, user, input }) => {
    const r = await remindUnsubmittedProvinces(db, user, input);
    const names = r.reminded.map((p) => p.name).join(', ');
    const missing = r.withoutAccounts.length ? ` Chưa có tài khoản cán bộ nên không nhắc được: ${r.withoutAccounts.map((p) => p.name).join(', ')}.` : '';
    const sent = r.reminded.length
      ? `Đã nhắc ${r.reminded.length} tỉnh chưa nộp báo cáo ${periodLabel(r.periodCode)} (${r.notifications} người nhận${r.emails ? `, ${r.emails} thư điện tử` : ''}): ${names}.`
      : `Không nhắc được tỉnh nào chưa nộp báo cáo ${periodLabel(r.periodCode)}.`;
    return `${sent}${missing}`;
  },
  revalidate: (input) => [`/cum/${input.clusterCode}/bao-cao`],
});
