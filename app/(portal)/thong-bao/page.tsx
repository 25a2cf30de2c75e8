import type { Metadata } from 'next';
import Link from 'next/link';
import { MarkAllReadButton, OpenNotificationButton } from '@/components/notifications/notification-forms';
import { EmptyState } from '@/components/ui/card';
import { formatDateTime, formatInteger } from '@/lib/format';
import { requireUser } from '@/lib/http/session';
import { listNotifications } from '@/lib/notifications/inbox';
import { getDb } from '@/lib/platform/db';
import { markAllNotificationsReadAction, openNotificationAction } from './actions';

export const metadata: Metadata = { title: 'Thông báo' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NotificationsPage({ searchParams }: Props) {
  const user = await requireUser();
  const { trang } = await searchParams;
  const requested = typeof trang === 'string' && /^\d{1,4}$/.test(trang) ? Math.max(1, Number(trang)) : 1;
  const inbox = await listNotifications(getDb(), user, requested);

  return (
    <section className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">Thông báo</h1>
          <p className="mt-1 text-slate-600" data-testid="notification-summary">
            {inbox.total === 0
              ? 'Chưa có thông báo nào.'
              : `${formatInteger(inbox.unread)} chưa đọc trong ${formatInteger(inbox.total)} thông báo.`}{' '}
            <Link href="/tai-khoan/thong-bao" className="text-brand-700 hover:underline">
              Nhận thông báo qua thư điện tử
            </Link>
          </p>
        </div>
        {inbox.unread > 0 ? <MarkAllReadButton action={markAllNotificationsReadAction} /> : null}
      </div>

      {inbox.items.length === 0 ? (
        <EmptyState>{inbox.total === 0 ? 'Khi có báo cáo mới, báo cáo bị trả lại hay sắp đến hạn nộp, thông báo sẽ hiện ở đây.' : 'Trang này không có thông báo nào.'}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Danh sách thông báo">
          {inbox.items.map((n) => (
            <li key={n.id} className={`p-4 ${n.readAt ? '' : 'bg-brand-50'}`} data-testid="notification-item" data-unread={n.readAt ? 'false' : 'true'}>
              <div className="flex flex-col gap-1 sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
                <OpenNotificationButton action={openNotificationAction} id={n.id} title={n.title} unread={!n.readAt} />
                <span className="tabular shrink-0 text-sm text-slate-500">
                  {n.readAt ? null : <span className="mr-2 rounded-full bg-brand-700 px-2 py-0.5 text-xs font-semibold text-white">Mới</span>}
                  {formatDateTime(n.createdAt)}
                </span>
              </div>
              <p className="mt-1 text-sm break-words text-slate-700">{n.body}</p>
            </li>
          ))}
        </ul>
      )}

      {inbox.pages > 1 ? (
        <nav aria-label="Các trang thông báo" className="flex flex-wrap items-center gap-3 text-sm">
          {inbox.page > 1 ? (
            <Link href={`/thong-bao?trang=${Math.min(inbox.page - 1, inbox.pages)}`} className="font-medium text-brand-700 hover:underline" rel="prev">
              ‹ Mới hơn
            </Link>
          ) : null}
          <span>
            Trang {Math.min(inbox.page, inbox.pages)} / {inbox.pages}
          </span>
          {inbox.page < inbox.pages ? (
            <Link href={`/thong-bao?trang=${inbox.page + 1}`} className="font-medium text-brand-700 hover:underline" rel="next">
              Cũ hơn ›
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
