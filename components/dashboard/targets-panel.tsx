import type { ClusterTargetProgress } from '@/lib/dashboards/cluster-summary';
import { LEARNING_MODEL_LABELS } from '@/lib/domain';
import { formatPercent, formatPercentagePoints } from '@/lib/format';
import { targetLabel } from '@/lib/dashboards/targets';
import { RowTh, Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';

const STATUS = {
  ON_TRACK: { text: 'Đạt', className: 'bg-emerald-50 text-emerald-800 ring-emerald-300' },
  BEHIND: { text: 'Chưa đạt', className: 'bg-amber-50 text-amber-900 ring-amber-300' },
  NO_DATA: { text: 'Không có số liệu', className: 'bg-slate-100 text-slate-700 ring-slate-300' },
} as const;

/** Progress of the cluster's Σ/Σ rates against the national targets in force. On a phone, a card per target. */
export function TargetsPanel({ targets }: { targets: ClusterTargetProgress[] }) {
  if (targets.length === 0) return <p className="text-sm text-slate-600">Chưa có mục tiêu quốc gia nào có hiệu lực cho kỳ này.</p>;
  return (
    <Table caption="Mục tiêu quốc gia: tỷ lệ toàn cụm, đánh giá và số tỉnh đạt" data-testid="targets-table" stack>
      <TableHead>
        <Th>Mô hình</Th>
        <Th className="min-w-56">Mục tiêu</Th>
        <Th numeric>Toàn cụm</Th>
        <Th>Đánh giá</Th>
        <Th>Số tỉnh đạt / chưa đạt</Th>
      </TableHead>
      <TableBody>
        {targets.map((t) => (
          <tr key={t.target.id} data-testid={`target-${t.target.model}-${t.target.metric}-${t.target.subject ?? 'all'}`}>
            <RowTh className="whitespace-nowrap">
              {LEARNING_MODEL_LABELS[t.target.model]}
              <span className="block text-xs font-normal text-slate-500">{t.target.metric === 'RECOGNITION' ? 'tỷ lệ đạt danh hiệu' : 'tỷ lệ đăng ký'}</span>
            </RowTh>
            <Td label="Mục tiêu">{targetLabel(t.target)}</Td>
            <Td numeric label="Toàn cụm">
              {formatPercent(t.rate)}
              {t.gap !== null ? <span className="block text-xs text-slate-600">{formatPercentagePoints(t.gap)}</span> : null}
            </Td>
            <Td label="Đánh giá">
              <span className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS[t.status].className}`}>{STATUS[t.status].text}</span>
            </Td>
            <Td className="tabular" label="Số tỉnh đạt / chưa đạt">
              {t.provinces.ON_TRACK} / {t.provinces.BEHIND}
              {t.provinces.NO_DATA ? <span className="text-slate-500"> ({t.provinces.NO_DATA} không có số liệu)</span> : null}
            </Td>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
