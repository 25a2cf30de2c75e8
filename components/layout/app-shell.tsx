import Link from 'next/link';
import { navigationFor, ROLE_LABELS, type SessionUser } from '@/lib/permissions';
import { SignOutButton } from './sign-out-button';

export function AppShell({ user, scopeLabel, children }: { user: SessionUser; scopeLabel: string | null; children: React.ReactNode }) {
  const nav = navigationFor(user);
  return (
    <div className="flex min-h-screen flex-col">
      <header className="bg-brand-800 text-white print:hidden">
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
            <SignOutButton />
          </div>
        </div>
        <nav aria-label="Điều hướng chính" className="border-t border-white/15">
          <ul className="mx-auto flex max-w-7xl gap-1 overflow-x-auto px-2">
            {nav.map((item) => (
              <li key={item.href}>
                <Link href={item.href} className="block px-3 py-2 text-sm font-medium whitespace-nowrap text-white/90 hover:bg-white/10 hover:text-white">
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
