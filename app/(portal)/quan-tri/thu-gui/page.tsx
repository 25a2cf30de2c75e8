import type { Metadata } from 'next';
import { RetryMessageForm } from '@/components/notifications/retry-form';
import { BackLink } from '@/components/ui/back-link';
import { Card, EmptyState } from '@/components/ui/card';
import { formatDate, formatDateTime, formatInteger } from '@/lib/format';
import { ensure, requireUser } from '@/lib/http/session';
import { getOutboxOverview, type OutboxRow } from '@/lib/notifications/outbox-admin';
import { canManageUsers } from '@/lib/permissions';
import { getDb } from '@/lib/platform/db';
import { retryOutboxMessageAction } from './actions';

export const metadata: Metadata = { title: 'Thư gửi đi' };

const STATUS_LABELS = { PENDING: 'Chờ gửi', SENDING: 'Đang gửi', SENT: 'Đã gửi', FAILED: 'Gửi lỗi' } as const;

function MessageList({ rows, retry }: { rows: OutboxRow[]; retry: boolean }) {
  return (
    <ul className="divide-y divide-slate-100">
      {rows.map((m) => (
        <li key={m.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between" data-testid={`outbox-${m.id}`}>
          <div className="min-w-0 space-y-1 text-sm">
            <p className="font-medium break-words">{m.subject}</p>
            <p className="break-words text-slate-600">
              Tới {m.recipientName ? `${m.recipientName} · ` : ''}
              {m.toAddress} · {formatInteger(m.attempts)} lần thử
              {m.lastAttemptAt ? ` · lần cuối ${formatDateTime(m.lastAttemptAt)}` : ''}
              {retry ? '' : ` · thử lại lúc ${formatDateTime(m.nextAttemptAt)}`}
            </p>
            {m.lastError ? <p className="rounded bg-red-50 px-2 py-1 break-words text-red-800">{m.lastError}</p> : null}
          </div>
          {retry ? <RetryMessageForm action={retryOutboxMessageAction} id={m.id} /> : null}
        </li>
      ))}
    </ul>
  );
}

export default async function OutboxPage() {
  const user = await requireUser();
  ensure(canManageUsers(user));
  const o = await getOutboxOverview(getDb(), user);

  return (
    <section className="space-y-6">
      <div>
        <BackLink href="/quan-tri">‹ Quản trị</BackLink>
        <h1 className="mt-1 text-2xl font-bold">Thư gửi đi</h1>
        <p className="mt-1 text-slate-600">
          Thư điện tử thông báo của cổng: mỗi thư được gửi một lần, thử lại khi máy chủ thư lỗi, và ghi lỗi khi không gửi được.
        </p>
      </div>

      <p role="note" className={`rounded-md border p-3 text-sm ${o.mail ? 'border-slate-200 bg-white' : 'border-amber-300 bg-amber-50 text-amber-900'}`} data-testid="mail-config">
        {o.mail
          ? `Gửi qua máy chủ ${o.mail.host}, người gửi ${o.mail.from}.`
          : 'Chưa cấu hình gửi thư (SMTP_URL, MAIL_FROM): cổng chỉ thông báo trong cổng và không tạo thư mới.'}
      </p>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {(Object.keys(STATUS_LABELS) as (keyof typeof STATUS_LABELS)[]).map((s) => (
          <Card key={s} padding="sm">
            <dt className="text-sm text-slate-600">{STATUS_LABELS[s]}</dt>
            <dd className="tabular text-2xl font-bold" data-testid={`outbox-count-${s}`}>
              {formatInteger(o.counts[s])}
            </dd>
          </Card>
        ))}
      </dl>

      <Card as="article" className="space-y-3">
        <h2 className="text-xl font-semibold">Gửi lỗi</h2>
        {o.failed.length ? (
          <MessageList rows={o.failed} retry />
        ) : (
          <EmptyState>Không có thư nào gửi lỗi.</EmptyState>
        )}
      </Card>

      <Card as="article" className="space-y-3">
        <h2 className="text-xl font-semibold">Đang chờ gửi lại</h2>
        {o.retrying.length ? <MessageList rows={o.retrying} retry={false} /> : <EmptyState>Không có thư nào đang chờ gửi lại.</EmptyState>}
      </Card>

      <Card as="article" className="space-y-1 text-sm">
        <h2 className="text-xl font-semibold">Nhắc hạn nộp hằng ngày</h2>
        <p className="text-slate-700" data-testid="daily-run">
          {o.lastDailyRun
            ? `Lần chạy gần nhất: ngày ${formatDate(o.lastDailyRun.day)}, xong lúc ${formatDateTime(o.lastDailyRun.finishedAt)}.`
            : 'Chưa chạy lần nào.'}{' '}
          Mỗi ngày từ 7 giờ sáng, cổng nhắc các tỉnh chưa nộp 7 ngày và 1 ngày trước hạn, và báo cả cụm trưởng vào ngày sau hạn.
        </p>
      </Card>
    </section>
  );
}
