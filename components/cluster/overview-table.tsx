import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import type { ModelCell, ModelTotal } from '@/lib/dashboards/aggregation';
import { LEARNING_MODELS, LEARNING_MODEL_LABELS, LEARNING_MODEL_UNITS, NO_DATA_LABEL, type LearningModel, type ReportStatus } from '@/lib/domain';
import { formatInteger, formatPercent, formatPercentagePoints } from '@/lib/format';
import { EmptyRow, RowTh, Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';

export type OverviewTableRow = {
  code: string;
  name: string;
  /** Undefined in a year view, where a row stands for several reports. */
  status?: ReportStatus | null;
  models: Record<LearningModel, ModelCell | ModelTotal>;
  href: string | null;
};

// Grey text is slate-600, not slate-500: the total row's light blue (brand-50) leaves slate-500 at 4.37:1.
function RateCell({ cell, label, testId, showRank }: { cell: ModelCell | ModelTotal; label: string; testId: string; showRank: boolean }) {
  if (cell.registrationRate === null || cell.total === null || cell.registered === null) {
    return (
      <Td className="text-right text-sm text-slate-600 italic" data-testid={testId} label={label}>
        {NO_DATA_LABEL}
      </Td>
    );
  }
  const rank = 'rank' in cell ? cell.rank : null;
  return (
    <Td className="text-right align-top whitespace-nowrap" data-testid={testId} label={label}>
      <span className="tabular block font-semibold">{formatPercent(cell.registrationRate)}</span>
      <span className="tabular block text-xs text-slate-600">
        {formatInteger(cell.registered)} / {formatInteger(cell.total)}
      </span>
      <span className="tabular block text-xs text-slate-600">
        {cell.changePp !== null ? formatPercentagePoints(cell.changePp) : ''}
        {showRank && rank !== null ? ` · hạng ${rank}` : ''}
      </span>
    </Td>
  );
}

/**
 * Registration rate per province and model, with the numbers behind each rate, the change and the
 * rank; each province links to its report and to its history. On a phone, a card per province.
 */
export function OverviewTable({ rows, totals }: { rows: OverviewTableRow[]; totals: Record<LearningModel, ModelTotal> }) {
  const withStatus = rows.some((r) => r.status !== undefined);
  return (
    <Table caption="Tỷ lệ đăng ký danh hiệu theo tỉnh và mô hình học tập (đã đăng ký / tổng số; thay đổi so với kỳ trước; xếp hạng)" containerTestId="overview-table" stack>
      <TableHead>
        <Th sticky className="z-10 whitespace-nowrap">
          Tỉnh, thành phố
        </Th>
        {withStatus ? (
          <Th>
            Trạng thái
          </Th>
        ) : null}
        {LEARNING_MODELS.map((m) => (
          <Th key={m} numeric className="min-w-28">
            <span className="block">{LEARNING_MODEL_LABELS[m]}</span>
            <span className="block text-xs font-normal text-slate-500">({LEARNING_MODEL_UNITS[m]})</span>
          </Th>
        ))}
      </TableHead>
      <TableBody>
        {rows.length === 0 ? (
          <EmptyRow colSpan={2 + LEARNING_MODELS.length}>
            Cụm chưa có tỉnh thành viên trong kỳ này.
          </EmptyRow>
        ) : (
          rows.map((row) => (
            <tr key={row.code} data-testid={`province-row-${row.code}`}>
              <RowTh sticky>
                {row.href ? (
                  <Link href={row.href} id={`province-name-${row.code}`} className="text-brand-700 hover:underline">
                    {row.name}
                  </Link>
                ) : (
                  <span id={`province-name-${row.code}`}>{row.name}</span>
                )}
                {/* Named "Lịch sử số liệu" and described by the province's name, so that the row's report link alone answers to the name. */}
                <Link
                  href={`/lich-su/${row.code}`}
                  aria-describedby={`province-name-${row.code}`}
                  className="block text-xs font-normal text-brand-700 hover:underline print:hidden"
                >
                  Lịch sử số liệu
                </Link>
              </RowTh>
              {withStatus ? (
                <Td label="Trạng thái">
                  <StatusBadge status={row.status ?? null} />
                </Td>
              ) : null}
              {LEARNING_MODELS.map((m) => (
                <RateCell key={m} cell={row.models[m]} label={LEARNING_MODEL_LABELS[m]} testId={`rate-${row.code}-${m}`} showRank />
              ))}
            </tr>
          ))
        )}
      </TableBody>
      <tfoot className="border-t-2 border-slate-300 bg-brand-50">
        <tr data-testid="cluster-total-row">
          <th scope="row" className="sticky left-0 bg-brand-50 px-3 py-2 text-left font-bold whitespace-nowrap">
            Toàn cụm <span className="block text-xs font-normal text-slate-600">Σ đăng ký / Σ tổng số</span>
          </th>
          {withStatus ? <td /> : null}
          {LEARNING_MODELS.map((m) => (
            <RateCell key={m} cell={totals[m]} label={LEARNING_MODEL_LABELS[m]} testId={`rate-cluster-${m}`} showRank={false} />
          ))}
        </tr>
      </tfoot>
    </Table>
  );
}
