import Link from 'next/link';
import { LEARNING_MODELS, LEARNING_MODEL_LABELS, LEARNING_MODEL_UNITS, NO_DATA_LABEL, type LearningModel } from '@/lib/domain';
import { formatInteger, formatPercent } from '@/lib/format';
import { registrationRate, type ModelFigures } from '@/lib/metrics';
import { StatusBadge } from '@/components/ui/status-badge';
import type { ReportStatus } from '@/lib/domain';

export type OverviewTableRow = {
  code: string;
  name: string;
  status: ReportStatus | null;
  models: Record<LearningModel, ModelFigures | null>;
  /** The province's report, where it has one. */
  href: string | null;
};

function RateCell({ figures, testId }: { figures: ModelFigures | null; testId: string }) {
  if (!figures) {
    return (
      <td className="px-3 py-2 text-right text-sm text-slate-500 italic" data-testid={testId}>
        {NO_DATA_LABEL}
      </td>
    );
  }
  return (
    <td className="px-3 py-2 text-right align-top whitespace-nowrap" data-testid={testId}>
      <span className="tabular block font-semibold">{formatPercent(registrationRate(figures))}</span>
      <span className="tabular block text-xs text-slate-500">
        {formatInteger(figures.registered)} / {formatInteger(figures.total)}
      </span>
    </td>
  );
}

/** Registration rate per province and model, with the numbers behind each rate. */
export function OverviewTable({ rows, totals }: { rows: OverviewTableRow[]; totals: Record<LearningModel, ModelFigures> }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Tỷ lệ đăng ký danh hiệu theo tỉnh và mô hình học tập (đã đăng ký / tổng số)</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className="sticky left-0 z-10 bg-slate-50 px-3 py-2 text-left font-semibold whitespace-nowrap">
              Tỉnh, thành phố
            </th>
            <th scope="col" className="px-3 py-2 text-left font-semibold">
              Trạng thái
            </th>
            {LEARNING_MODELS.map((m) => (
              <th key={m} scope="col" className="min-w-28 px-3 py-2 text-right font-semibold">
                <span className="block">{LEARNING_MODEL_LABELS[m]}</span>
                <span className="block text-xs font-normal text-slate-500">({LEARNING_MODEL_UNITS[m]})</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={2 + LEARNING_MODELS.length} className="px-3 py-6 text-center text-slate-500">
                Cụm chưa có tỉnh thành viên trong kỳ này.
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.code} data-testid={`province-row-${row.code}`}>
                <th scope="row" className="sticky left-0 bg-white px-3 py-2 text-left font-medium whitespace-nowrap">
                  {row.href ? (
                    <Link href={row.href} className="text-brand-700 hover:underline">
                      {row.name}
                    </Link>
                  ) : (
                    row.name
                  )}
                </th>
                <td className="px-3 py-2">
                  <StatusBadge status={row.status} />
                </td>
                {LEARNING_MODELS.map((m) => (
                  <RateCell key={m} figures={row.models[m]} testId={`rate-${row.code}-${m}`} />
                ))}
              </tr>
            ))
          )}
        </tbody>
        <tfoot className="border-t-2 border-slate-300 bg-brand-50">
          <tr data-testid="cluster-total-row">
            <th scope="row" className="sticky left-0 bg-brand-50 px-3 py-2 text-left font-bold">
              Toàn cụm
            </th>
            <td className="px-3 py-2 text-xs whitespace-nowrap text-slate-600">Σ đăng ký / Σ tổng số</td>
            {LEARNING_MODELS.map((m) => (
              <RateCell key={m} figures={totals[m].total > 0 ? totals[m] : null} testId={`rate-cluster-${m}`} />
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
