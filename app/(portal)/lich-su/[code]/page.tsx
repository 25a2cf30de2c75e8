import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { TrendChart } from '@/components/dashboard/trend-chart';
import { ExportLinks } from '@/components/dashboard/export-links';
import { HISTORY_LABEL } from '@/lib/dashboards/tables';
import { LEARNING_MODELS, LEARNING_MODEL_LABELS } from '@/lib/domain';
import { formatInteger, formatPercent, formatPercentagePoints, formatVnd } from '@/lib/format';
import { periodShortLabel } from '@/lib/reference/periods';
import { ensure, requireUser } from '@/lib/http/session';
import { loadProvinceHistory } from '../../../../lib/dashboards/history-page';
import { RowTh, Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';
import { Card, EmptyState } from '@/components/ui/card';
import { NoteList } from '@/components/ui/note-list';

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
        <EmptyState>Chưa có báo cáo nào được gửi.</EmptyState>
      ) : (
        <>
          <Card padding="sm">
            <TrendChart
              title="Tỷ lệ đăng ký danh hiệu qua các kỳ"
              periods={periods.map((p) => periodShortLabel(p.periodCode))}
              series={LEARNING_MODELS.map((m) => ({ label: LEARNING_MODEL_LABELS[m], points: periods.map((p) => p.models[m].registrationRate) }))}
            />
          </Card>
          <Table caption="Số liệu theo kỳ" data-testid="history-table" stack>
            <TableHead>
              <Th sticky>Kỳ</Th>
              {LEARNING_MODELS.map((m) => (
                <Th key={m} numeric>
                  {LEARNING_MODEL_LABELS[m]}
                </Th>
              ))}
              <Th numeric>Quỹ vận động</Th>
            </TableHead>
            <TableBody>
              {[...periods].reverse().map((p) => (
                <tr key={p.periodCode} data-testid={`history-row-${p.periodCode}`}>
                  <RowTh sticky>
                    {p.label}
                    {p.parts.some((part) => !part.own) ? (
                      <span className="block text-xs font-normal text-slate-500">{p.parts.map((part) => part.label).join(' + ')}</span>
                    ) : null}
                  </RowTh>
                  {LEARNING_MODELS.map((m) => (
                    <Td key={m} className="text-right whitespace-nowrap" label={LEARNING_MODEL_LABELS[m]}>
                      <span className="tabular block font-semibold">{formatPercent(p.models[m].registrationRate)}</span>
                      <span className="tabular block text-xs text-slate-600">
                        {formatInteger(p.models[m].registered)} / {formatInteger(p.models[m].total)}
                      </span>
                      {p.models[m].changePp !== null ? <span className="tabular block text-xs text-slate-600">{formatPercentagePoints(p.models[m].changePp)}</span> : null}
                    </Td>
                  ))}
                  <Td numeric label="Quỹ vận động">
                    {formatVnd(p.fund.mobilised)}
                  </Td>
                </tr>
              ))}
            </TableBody>
          </Table>
          <section aria-labelledby="export-heading" className="space-y-2 print:hidden">
            <h2 id="export-heading" className="text-lg font-semibold">
              Tải về
            </h2>
            <ExportLinks files={[{ label: HISTORY_LABEL, path: `/lich-su/${history.province.code}/xuat/lich-su` }]} />
          </section>
        </>
      )}
      <NoteList notes={history.rules} />
    </section>
  );
}
