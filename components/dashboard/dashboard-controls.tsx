'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { dashboardSearch, type DashboardQuery } from '@/lib/dashboards/query';
import { Card } from '@/components/ui/card';
import { Label } from '@/components/ui/input';

/**
 * Period or year, approved reports only, and the merger view. A GET form, so
 * it works before hydration; once hydrated, each change navigates at once.
 * Pages that only choose a period pass no years and hide the other controls.
 */
export function DashboardControls({
  q,
  periods,
  years,
  showView = true,
  showApprovedOnly = true,
}: {
  q: DashboardQuery & { periodCode: string };
  periods: { code: string; label: string }[];
  years: number[];
  showView?: boolean;
  showApprovedOnly?: boolean;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const go = (next: Partial<DashboardQuery>) => startTransition(() => router.push(`${pathname}${dashboardSearch({ ...q, ...next })}`));
  const scope = q.year !== null ? `nam:${q.year}` : `ky:${q.periodCode}`;
  const periodOptions = periods.map((p) => (
    <option key={p.code} value={`ky:${p.code}`}>
      {p.label}
    </option>
  ));

  return (
    <Card as="form" method="get" padding="sm" className="flex flex-wrap items-end gap-3 print:hidden">
      <div>
        <Label htmlFor="period-select" className="text-slate-700">
          Kỳ báo cáo
        </Label>
        <select
          id="period-select"
          name={q.year !== null ? 'nam' : 'ky'}
          value={scope}
          onChange={(e) => {
            const [kind, value] = e.currentTarget.value.split(':') as ['nam' | 'ky', string];
            go(kind === 'nam' ? { year: Number(value), periodCode: undefined } : { year: null, periodCode: value });
          }}
          className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-base"
        >
          {years.length ? (
            <>
              <optgroup label="Sáu tháng">{periodOptions}</optgroup>
              <optgroup label="Cả năm">
                {years.map((y) => (
                  <option key={y} value={`nam:${y}`}>
                    Năm {y}
                  </option>
                ))}
              </optgroup>
            </>
          ) : (
            periodOptions
          )}
        </select>
      </div>
      {showApprovedOnly ? (
      <label className="flex items-center gap-2 py-2 text-sm">
        {/* Uncontrolled, so the box ticks at once; the key resets it to the URL's state after navigation. */}
        <input
          key={`duyet-${q.approvedOnly}`}
          type="checkbox"
          name="duyet"
          value="1"
          defaultChecked={q.approvedOnly}
          onChange={(e) => go({ approvedOnly: e.currentTarget.checked })}
          className="h-4 w-4"
        />
        Chỉ tính báo cáo đã duyệt
      </label>
      ) : null}
      {showView ? (
        <fieldset className="flex flex-wrap items-center gap-3 py-2 text-sm">
          <legend className="sr-only">Cách hiển thị tỉnh</legend>
          <label className="flex items-center gap-1">
            <input key={`xem-r-${q.view}`} type="radio" name="xem" value="" defaultChecked={q.view === 'reported'} onChange={() => go({ view: 'reported' })} />
            Theo tỉnh khi báo cáo
          </label>
          <label className="flex items-center gap-1">
            <input key={`xem-c-${q.view}`} type="radio" name="xem" value="hien-nay" defaultChecked={q.view === 'current'} onChange={() => go({ view: 'current' })} />
            Theo tỉnh hiện nay
          </label>
        </fieldset>
      ) : null}
      <noscript>
        <button type="submit" className="rounded-md bg-brand-700 px-3 py-2 text-sm font-semibold text-white">
          Xem
        </button>
      </noscript>
      <span aria-live="polite" className="py-2 text-sm text-slate-500">
        {pending ? 'Đang tải…' : ''}
      </span>
    </Card>
  );
}
