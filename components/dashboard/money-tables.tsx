import { AWARD_KINDS, AWARD_KIND_LABELS, RECIPIENT_GROUPS, RECIPIENT_GROUP_LABELS } from '@/lib/domain';
import type { AwardCell } from '@/lib/dashboards/aggregation';
import type { DashboardRow } from '@/lib/dashboards/tables';
import { formatInteger, formatVnd } from '@/lib/format';
import { Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';

/** The fund by province: balances (stocks) and flows, with the cluster's totals. On a phone, a card per province. */
export function FundTable({ rows, totals }: { rows: DashboardRow[]; totals: DashboardRow }) {
  return (
    <Table caption="Quỹ khuyến học theo tỉnh (đồng)" containerTestId="fund-table" stack>
      <TableHead>
        <Th sticky>Tỉnh, thành phố</Th>
        <Th numeric className="whitespace-nowrap">Số dư đầu kỳ</Th>
        <Th numeric className="whitespace-nowrap">Vận động</Th>
        <Th numeric className="whitespace-nowrap">Đã chi</Th>
        <Th numeric className="whitespace-nowrap">Số dư cuối kỳ</Th>
      </TableHead>
      <TableBody>
        {[...rows, totals].map((r, i) => {
          const total = i === rows.length;
          return (
            <tr key={r.code || 'total'} className={total ? 'bg-brand-50 font-semibold' : undefined} data-testid={total ? 'fund-total-row' : `fund-row-${r.code}`}>
              <th scope="row" className={`sticky left-0 px-3 py-2 text-left whitespace-nowrap ${total ? 'bg-brand-50' : 'bg-white font-medium'}`}>{r.name}</th>
              <Td numeric label="Số dư đầu kỳ">{formatVnd(r.fund.opening)}</Td>
              <Td numeric label="Vận động">{formatVnd(r.fund.mobilised)}</Td>
              <Td numeric label="Đã chi">{formatVnd(r.fund.spent)}</Td>
              <Td numeric label="Số dư cuối kỳ">{formatVnd(r.fund.closing)}</Td>
            </tr>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** One of the awards tables: a row per kind or group, and the total row when given. */
function AwardsTable({ testId, caption, heading, rows, total }: { testId: string; caption: string; heading: string; rows: { key: string; label: string; cell: AwardCell }[]; total?: AwardCell }) {
  return (
    <table className="min-w-full rounded-lg border border-slate-200 bg-white text-sm shadow-sm" data-testid={testId}>
      <caption className="px-3 pt-2 text-left font-semibold">{caption}</caption>
      <thead>
        <tr className="text-slate-600">
          <th scope="col" className="px-3 py-1 text-left">{heading}</th>
          <th scope="col" className="px-3 py-1 text-right">Số người</th>
          <th scope="col" className="px-3 py-1 text-right">Số tiền</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-t border-slate-100">
            <th scope="row" className="px-3 py-1 text-left font-normal">{r.label}</th>
            <td className="tabular px-3 py-1 text-right">{formatInteger(r.cell.recipients)}</td>
            <td className="tabular px-3 py-1 text-right whitespace-nowrap">{formatVnd(r.cell.amount)}</td>
          </tr>
        ))}
        {total ? (
          <tr className="border-t-2 border-slate-300 font-semibold">
            <th scope="row" className="px-3 py-1 text-left">Cộng</th>
            <td className="tabular px-3 py-1 text-right">{formatInteger(total.recipients)}</td>
            <td className="tabular px-3 py-1 text-right whitespace-nowrap">{formatVnd(total.amount)}</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

/** The cluster's awards by kind and by recipient group: recipients and amounts. */
export function AwardsSummary({ totals }: { totals: DashboardRow }) {
  const a = totals.awards;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <AwardsTable testId="awards-by-kind" caption="Theo loại" heading="Loại" rows={AWARD_KINDS.map((k) => ({ key: k, label: AWARD_KIND_LABELS[k], cell: a.byKind[k] }))} total={a} />
      <AwardsTable
        testId="awards-by-group"
        caption="Theo đối tượng"
        heading="Đối tượng"
        rows={RECIPIENT_GROUPS.map((g) => ({ key: g, label: RECIPIENT_GROUP_LABELS[g], cell: a.byGroup[g] }))}
      />
    </div>
  );
}
