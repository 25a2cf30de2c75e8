import { REPORT_STATUS_LABELS, type ReportStatus } from '@/lib/domain';

const STYLES: Record<ReportStatus | 'NONE', string> = {
  NONE: 'bg-slate-100 text-slate-700 ring-slate-300',
  DRAFT: 'bg-amber-50 text-amber-800 ring-amber-300',
  SUBMITTED: 'bg-sky-50 text-sky-800 ring-sky-300',
  RETURNED: 'bg-red-50 text-red-800 ring-red-300',
  APPROVED: 'bg-emerald-50 text-emerald-800 ring-emerald-300',
};

/** Status as text, with colour only as an extra cue. */
export function StatusBadge({ status }: { status: ReportStatus | null }) {
  const key = status ?? 'NONE';
  const label = status ? REPORT_STATUS_LABELS[status] : 'Chưa bắt đầu';
  return <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${STYLES[key]}`}>{label}</span>;
}
