import Link from 'next/link';

/** Switches between a cluster's pages, keeping the chosen period. */
export function ClusterTabs({ code, periodCode, current }: { code: string; periodCode: string | null; current: 'overview' | 'reports' }) {
  const q = periodCode ? `?ky=${periodCode}` : '';
  const tab = (href: string, label: string, active: boolean) => (
    <Link
      href={href}
      aria-current={active ? 'page' : undefined}
      className={`border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap ${active ? 'border-brand-700 text-brand-800' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label="Trang của cụm" className="flex gap-1 overflow-x-auto border-b border-slate-200">
      {tab(`/cum/${code}${q}`, 'Tổng quan số liệu', current === 'overview')}
      {tab(`/cum/${code}/bao-cao${q}`, 'Tình hình nộp và duyệt báo cáo', current === 'reports')}
    </nav>
  );
}
