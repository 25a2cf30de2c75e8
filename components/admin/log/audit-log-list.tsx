import Link from 'next/link';
import { Input, Label, Select } from '@/components/ui/input';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/card';
import { formatDateTime } from '@/lib/format';
import type { AuditLogEntry } from '@/lib/platform/audit-log-view';

/**
 * The log's filter: a plain GET form, so that a filtered page is an address one can bookmark or
 * send, and works without JavaScript.
 */
export function AuditLogFilterForm({
  objects,
  value,
}: {
  objects: readonly { key: string; label: string }[];
  value: { object: string; from: string; to: string };
}) {
  return (
    <form method="get" action="/quan-tri/nhat-ky" className="grid gap-3 sm:grid-cols-[1fr_auto_auto_auto] sm:items-end" aria-label="Lọc nhật ký">
      <div>
        <Label htmlFor="log-object">Đối tượng</Label>
        <Select id="log-object" name="doi-tuong" defaultValue={value.object}>
          <option value="">Mọi đối tượng</option>
          {objects.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <Label htmlFor="log-from">Từ ngày</Label>
        <Input id="log-from" name="tu" type="date" defaultValue={value.from} />
      </div>
      <div>
        <Label htmlFor="log-to">Đến ngày</Label>
        <Input id="log-to" name="den" type="date" defaultValue={value.to} />
      </div>
      <div className="flex gap-2">
        <button type="submit" className={buttonClass('primary', 'sm')}>
          Lọc
        </button>
        <Link href="/quan-tri/nhat-ky" className={buttonClass('neutral', 'sm')}>
          Bỏ lọc
        </Link>
      </div>
    </form>
  );
}

/** Old → new of one change; a value that was not there shows as “(trống)”. */
function Change({ entry }: { entry: AuditLogEntry }) {
  if (entry.oldValue === null && entry.newValue === null) return null;
  const shown = (v: string | null) => (v === null || v === '' ? '(trống)' : v);
  return (
    <p className="text-sm break-words">
      {entry.field ? <span className="font-medium">{entry.field}: </span> : null}
      {entry.oldValue !== null ? (
        <>
          <span className="text-slate-600 line-through decoration-slate-400">{shown(entry.oldValue)}</span>
          <span aria-label="thành"> → </span>
        </>
      ) : null}
      <span>{shown(entry.newValue)}</span>
    </p>
  );
}

/** The rows as cards: who, when, what, old → new and why, readable on a phone as on a desk. */
export function AuditLogList({ entries }: { entries: readonly AuditLogEntry[] }) {
  if (entries.length === 0) return <EmptyState>Không có dòng nhật ký nào khớp với bộ lọc.</EmptyState>;
  return (
    <ol className="space-y-3" data-testid="audit-log">
      {entries.map((e) => (
        <li key={e.id} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid={`audit-${e.id}`}>
          <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
            <p className="font-semibold">{e.what}</p>
            <p className="tabular text-sm text-slate-600">
              <time dateTime={e.at.toISOString()}>{formatDateTime(e.at)}</time>
            </p>
          </div>
          <p className="text-sm text-slate-700">
            {e.object}
            {e.about ? `: ${e.about}` : ''}
          </p>
          <Change entry={e} />
          {e.reason ? (
            <p className="text-sm">
              <span className="font-medium">Lý do: </span>
              {e.reason}
            </p>
          ) : null}
          <p className="mt-1 text-xs text-slate-600">{e.actor ? `${e.actor.name} (${e.actor.email})` : 'Hệ thống (khởi động, dòng lệnh)'}</p>
        </li>
      ))}
    </ol>
  );
}
