import Link from 'next/link';
import { formatInteger } from '@/lib/format';

/**
 * The header's bell: a plain link to /thong-bao with the unread count the server read, so it costs
 * no JavaScript. The count is part of the link's accessible name ("Thông báo, 3 chưa đọc").
 */
export function NotificationBell({ unread }: { unread: number }) {
  const label = unread > 0 ? `Thông báo, ${formatInteger(unread)} chưa đọc` : 'Thông báo, không có thông báo mới';
  return (
    <Link
      href="/thong-bao"
      aria-label={label}
      title={label}
      data-testid="notification-bell"
      className="relative inline-flex h-9 w-9 items-center justify-center rounded-md border border-white/40 text-white hover:bg-white/10"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 ? (
        <span
          data-testid="notification-count"
          className="tabular absolute -top-1.5 -right-1.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs leading-5 font-bold text-white ring-2 ring-brand-800"
        >
          {unread > 99 ? '99+' : formatInteger(unread)}
        </span>
      ) : null}
    </Link>
  );
}
