import type { ClusterTargetProgress } from '@/lib/dashboards/summary';
import { LEARNING_MODEL_LABELS } from '@/lib/domain';
import { formatPercent, formatPercentagePoints } from '@/lib/format';
import { targetLabel } from '@/lib/dashboards/targets';

const STATUS = {
  ON_TRACK: { text: 'Đạt', className: 'bg-emerald-50 text-emerald-800 ring-emerald-300' },
  BEHIND: { text: 'Chưa đạt', className: 'bg-amber-50 text-amber-900 ring-amber-300' },
  NO_DATA: { text: 'Không có số liệu', className: 'bg-slate-100 text-slate-700 ring-slate-300' },
} as const;

/** Progress of the cluster's Σ/Σ rates against the national targets in force. */
export function TargetsPanel({ targets }: { targets: ClusterTargetProgress[] }) {
  if (targets.length === 0) return <p className="text-sm text-slate-600">Chưa có mục tiêu quốc gia nào có hiệu lực cho kỳ này.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="targets-table">
        <caption className="sr-only">Tiến độ so với mục tiêu quốc gia</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-semibold">Mô hình</th>
            <th scope="col" className="px-3 py-2 text-left font-semibold">Mục tiêu</th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">Toàn cụm</th>
            <th scope="col" className="px-3 py-2 text-left font-semibold">Đánh giá</th>
            <th scope="col" className="px-3 py-2 text-left font-semibold">Số tỉnh đạt / chưa đạt</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {targets.map((t) => (
            <tr key={t.target.id} data-testid={`target-${t.target.model}-${t.target.metric}-${t.target.subject ?? 'all'}`}>
              <th scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap">
                {LEARNING_MODEL_LABELS[t.target.model]}
                <span className="block text-xs font-normal text-slate-500">{t.target.metric === 'RECOGNITION' ? 'tỷ lệ đạt danh hiệu' : 'tỷ lệ đăng ký'}</span>
              </th>
              <td className="px-3 py-2">{targetLabel(t.target)}</td>
              <td className="tabular px-3 py-2 text-right whitespace-nowrap">
                {formatPercent(t.rate)}
                {t.gap !== null ? <span className="block text-xs text-slate-600">{formatPercentagePoints(t.gap)}</span> : null}
              </td>
              <td className="px-3 py-2">
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS[t.status].className}`}>{STATUS[t.status].text}</span>
              </td>
              <td className="tabular px-3 py-2">
                {t.provinces.ON_TRACK} / {t.provinces.BEHIND}
                {t.provinces.NO_DATA ? <span className="text-slate-500"> ({t.provinces.NO_DATA} không có số liệu)</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
