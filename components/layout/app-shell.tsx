import Link from 'next/link';
import { navigationFor, ROLE_LABELS, type SessionUser } from '@/lib/permissions';
import { NotificationBell } from '@/components/notifications/bell';
import { SignOutButton } from './sign-out-button';

export function AppShell({
  user,
  scopeLabel,
  unreadNotifications,
  children,
}: {
  user: SessionUser;
  scopeLabel: string | null;
  /** The bell's count (lib/notifications/inbox.ts). */
  unreadNotifications: number;
  children: React.ReactNode;
}) {
  const nav = navigationFor(user);
  return (
    <div className="flex min-h-screen flex-col">
      {/* On the dark header the browser's own focus ring is faint: every link and button there gets an amber one (8:1 on brand-800). */}
      <header className="bg-brand-800 text-white print:hidden [&_:focus-visible]:outline-2 [&_:focus-visible]:outline-offset-2 [&_:focus-visible]:outline-amber-300">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href="/" className="font-bold tracking-tight">
            Cổng báo cáo Khuyến học
          </Link>
          <div className="flex items-center gap-3 text-sm">
            <span className="hidden text-right sm:block">
              <span className="block font-medium">{user.name}</span>
              <span className="block text-white/80">
                {ROLE_LABELS[user.role]}
                {scopeLabel ? ` · ${scopeLabel}` : ''}
              </span>
            </span>
            <NotificationBell unread={unreadNotifications} />
            <SignOutButton />
          </div>
        </div>
        <nav aria-label="Điều hướng chính" className="border-t border-white/15">
          {/* Items wrap onto a second line on a phone rather than hide past the screen's edge. */}
          <ul className="mx-auto flex max-w-7xl flex-wrap gap-x-1 px-2 py-1 sm:py-0">
            {nav.map((item) => (
              <li key={item.href}>
                <Link href={item.href} className="block rounded-sm px-3 py-2 text-sm font-medium whitespace-nowrap text-white/90 hover:bg-white/10 hover:text-white">
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 print:max-w-none print:p-0">{children}</main>
      <footer className="border-t border-slate-200 py-4 text-center text-xs text-slate-500 print:hidden">Hội Khuyến học Việt Nam · Cụm III đồng bằng sông Hồng</footer>
    </div>
  );
}
