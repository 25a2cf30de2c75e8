'use client';

import { useRouter, usePathname } from 'next/navigation';
import { useTransition } from 'react';

export type PeriodOption = { code: string; label: string };

/**
 * A GET form, so it works before hydration; once hydrated, choosing a period
 * navigates straight away.
 */
export function PeriodSelect({ periods, value, paramName = 'ky' }: { periods: PeriodOption[]; value: string; paramName?: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();

  return (
    <form method="get" className="flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor="period-select" className="block text-sm font-medium text-slate-700">
          Kỳ báo cáo
        </label>
        <select
          id="period-select"
          name={paramName}
          defaultValue={value}
          onChange={(e) => {
            const next = e.currentTarget.value;
            startTransition(() => router.push(`${pathname}?${paramName}=${encodeURIComponent(next)}`));
          }}
          className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm"
        >
          {periods.map((p) => (
            <option key={p.code} value={p.code}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <noscript>
        <button type="submit" className="rounded-md bg-brand-700 px-3 py-2 text-sm font-semibold text-white">
          Xem
        </button>
      </noscript>
      <span aria-live="polite" className="pb-2 text-sm text-slate-500">
        {pending ? 'Đang tải…' : ''}
      </span>
    </form>
  );
}
