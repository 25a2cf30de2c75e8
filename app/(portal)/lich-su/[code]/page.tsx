import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { TrendChart } from '@/components/dashboard/trend-chart';
import { ExportLinks } from '@/components/dashboard/export-links';
import { HISTORY_LABEL } from '@/lib/dashboards/tables';
import { LEARNING_MODELS, LEARNING_MODEL_LABELS } from '@/lib/domain';
import { formatInteger, formatPercent, formatPercentagePoints, formatVnd } from '@/lib/format';
import { periodShortLabel } from '@/lib/reference/periods';
import { ensure, requireUser } from '@/lib/http/session';
import { loadProvinceHistory } from './load-history';

export const metadata: Metadata = { title: 'Lịch sử số liệu của tỉnh' };

type Props = { params: Promise<{ code: string }> };

/**
 * One province's figures and rates across all periods. A code is read as the
 * province in force today, or, for a province merged away, as it was last.
 */
export default async function ProvinceHistoryPage({ params }: Props) {
  const [{ code }, user] = await Promise.all([params, requireUser()]);
  const loaded = await loadProvinceHistory(user, code);
  ensure(loaded.outcome !== 'forbidden');
  if (loaded.outcome !== 'ok') notFound();
  const { history, periods, predecessorsNote } = loaded;

  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Lịch sử số liệu – {history.province.name}</h1>
        {predecessorsNote ? <p className="mt-1 text-slate-600">{predecessorsNote}</p> : null}
      </div>
      {periods.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">Chưa có báo cáo nào được gửi.</p>
      ) : (
        <>
          <div className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
            <TrendChart
              title="Tỷ lệ đăng ký danh hiệu qua các kỳ"
              periods={periods.map((p) => periodShortLabel(p.periodCode))}
              series={LEARNING_MODELS.map((m) => ({ label: LEARNING_MODEL_LABELS[m], points: periods.map((p) => p.models[m].registrationRate) }))}
            />
          </div>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="history-table">
              <caption className="sr-only">Số liệu theo kỳ</caption>
              <thead className="bg-slate-50">
                <tr>
                  <th scope="col" className="sticky left-0 bg-slate-50 px-3 py-2 text-left font-semibold">Kỳ</th>
                  {LEARNING_MODELS.map((m) => (
                    <th key={m} scope="col" className="px-3 py-2 text-right font-semibold">
                      {LEARNING_MODEL_LABELS[m]}
                    </th>
                  ))}
                  <th scope="col" className="px-3 py-2 text-right font-semibold">Quỹ vận động</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {[...periods].reverse().map((p) => (
                  <tr key={p.periodCode} data-testid={`history-row-${p.periodCode}`}>
                    <th scope="row" className="sticky left-0 bg-white px-3 py-2 text-left font-medium whitespace-nowrap">
                      {p.label}
                      {p.parts.some((part) => !part.own) ? (
                        <span className="block text-xs font-normal text-slate-500">{p.parts.map((part) => part.label).join(' + ')}</span>
                      ) : null}
                    </th>
                    {LEARNING_MODELS.map((m) => (
                      <td key={m} className="px-3 py-2 text-right whitespace-nowrap">
                        <span className="tabular block font-semibold">{formatPercent(p.models[m].registrationRate)}</span>
                        <span className="tabular block text-xs text-slate-500">
                          {formatInteger(p.models[m].registered)} / {formatInteger(p.models[m].total)}
                        </span>
                        {p.models[m].changePp !== null ? <span className="tabular block text-xs text-slate-600">{formatPercentagePoints(p.models[m].changePp)}</span> : null}
                      </td>
                    ))}
                    <td className="tabular px-3 py-2 text-right whitespace-nowrap">{formatVnd(p.fund.mobilised)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <section aria-labelledby="export-heading" className="space-y-2 print:hidden">
            <h2 id="export-heading" className="text-lg font-semibold">
              Tải về
            </h2>
            <ExportLinks files={[{ label: HISTORY_LABEL, path: `/lich-su/${history.province.code}/xuat/lich-su` }]} />
          </section>
        </>
      )}
      <ul className="list-disc space-y-1 pl-5 text-xs text-slate-600">
        {history.rules.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </section>
  );
}
