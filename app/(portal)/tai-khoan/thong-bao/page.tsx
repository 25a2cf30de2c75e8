import type { Metadata } from 'next';
import { NotificationPreferencesForm } from '@/components/notifications/preferences-form';
import { BackLink } from '@/components/ui/back-link';
import { Card } from '@/components/ui/card';
import { requireUser } from '@/lib/http/session';
import { readNotificationPreferences } from '@/lib/notifications/inbox';
import { getDb } from '@/lib/platform/db';
import { saveNotificationPreferencesAction } from './actions';

export const metadata: Metadata = { title: 'Nhận thông báo' };

export default async function NotificationPreferencesPage() {
  const user = await requireUser();
  const prefs = await readNotificationPreferences(getDb(), user);

  return (
    <section className="space-y-6">
      <div>
        <BackLink href="/tai-khoan">‹ Tài khoản</BackLink>
        <h1 className="mt-1 text-2xl font-bold">Nhận thông báo</h1>
        <p className="mt-1 text-slate-600">
          Mọi thông báo đều hiện trong cổng (biểu tượng chuông ở đầu trang). Tại đây bạn chọn loại nào được gửi thêm tới {user.email}.
        </p>
      </div>

      {prefs.mailConfigured ? null : (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="mail-off">
          Cổng báo cáo này chưa được cấu hình gửi thư điện tử (SMTP_URL, MAIL_FROM): hiện chỉ có thông báo trong cổng. Lựa chọn của bạn được giữ để dùng khi cổng bắt đầu gửi thư.
        </p>
      )}

      <Card as="article" className="space-y-4">
        <h2 className="text-xl font-semibold">Gửi qua thư điện tử</h2>
        {prefs.switchable.length ? (
          <NotificationPreferencesForm action={saveNotificationPreferencesAction} rows={prefs.switchable} />
        ) : (
          <p className="text-sm text-slate-700">Tài khoản của bạn không nhận loại thông báo nào có thể tắt.</p>
        )}
      </Card>

      <Card as="article" className="space-y-2">
        <h2 className="text-xl font-semibold">Thư về an toàn tài khoản</h2>
        <p className="text-sm text-slate-700">Luôn được gửi, không tắt được: chúng báo cho bạn một thay đổi người khác đã làm với tài khoản của bạn.</p>
        <ul className="list-disc space-y-1 pl-5 text-sm">
          {prefs.security.map((r) => (
            <li key={r.kind}>{r.label}</li>
          ))}
        </ul>
      </Card>
    </section>
  );
}
