import { REPORT_STATUS_LABELS } from '@/lib/domain';
import { formatDateTime, formatInteger } from '@/lib/format';
import type { ReportHistoryEntry } from '@/lib/reports/store';

const ACTION_LABELS: Record<string, string> = {
  CREATE: 'Tạo báo cáo',
  SUBMIT: 'Gửi báo cáo',
  APPROVE: 'Duyệt báo cáo',
  RETURN: 'Trả lại báo cáo',
  REOPEN: 'Mở lại báo cáo',
};

// The audit log keeps numbers as plain digits.
const show = (v: string | null) => (v === null ? '(trống)' : /^\d+$/.test(v) ? formatInteger(BigInt(v)) : v);

export function ReportHistory({ entries }: { entries: ReportHistoryEntry[] }) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">Chưa có thay đổi nào.</p>;
  const shown = entries.slice(0, 200);
  return (
    <ol className="space-y-2 text-sm" data-testid="report-history">
      {shown.map((e, i) => (
        <li key={i} className="rounded-md border border-slate-100 bg-white p-2">
          <span className="tabular text-slate-500">{formatDateTime(e.at)}</span> · <span className="font-medium">{e.actor ?? 'Hệ thống'}</span>
          {e.kind === 'status' ? (
            <span>
              {' '}
              — {ACTION_LABELS[e.action] ?? e.action}: {e.fromStatus ? `${REPORT_STATUS_LABELS[e.fromStatus]} → ` : ''}
              {REPORT_STATUS_LABELS[e.toStatus]}
              {e.comment ? <span className="block text-slate-700">“{e.comment}”</span> : null}
            </span>
          ) : (
            <span>
              {' '}
              — {e.label}: <span className="tabular">{show(e.oldValue)}</span> → <span className="tabular">{show(e.newValue)}</span>
            </span>
          )}
        </li>
      ))}
      {entries.length > shown.length ? <li className="text-slate-500">… và {entries.length - shown.length} thay đổi cũ hơn.</li> : null}
    </ol>
  );
}
