import { AWARD_KINDS, AWARD_KIND_LABELS, RECIPIENT_GROUPS, RECIPIENT_GROUP_LABELS } from '@/lib/domain';
import type { DashboardRow } from '@/lib/dashboards/tables';
import { formatInteger, formatVnd } from '@/lib/format';

const th = 'px-3 py-2 text-right font-semibold whitespace-nowrap';
const td = 'tabular px-3 py-2 text-right whitespace-nowrap';

/** The fund by province: balances (stocks) and flows, with the cluster's totals. */
export function FundTable({ rows, totals }: { rows: DashboardRow[]; totals: DashboardRow }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="fund-table">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Quỹ khuyến học theo tỉnh (đồng)</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className="sticky left-0 bg-slate-50 px-3 py-2 text-left font-semibold">Tỉnh, thành phố</th>
            <th scope="col" className={th}>Số dư đầu kỳ</th>
            <th scope="col" className={th}>Vận động</th>
            <th scope="col" className={th}>Đã chi</th>
            <th scope="col" className={th}>Số dư cuối kỳ</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {[...rows, totals].map((r, i) => {
            const total = i === rows.length;
            return (
              <tr key={r.code || 'total'} className={total ? 'bg-brand-50 font-semibold' : undefined} data-testid={total ? 'fund-total-row' : `fund-row-${r.code}`}>
                <th scope="row" className={`sticky left-0 px-3 py-2 text-left whitespace-nowrap ${total ? 'bg-brand-50' : 'bg-white font-medium'}`}>{r.name}</th>
                <td className={td}>{formatVnd(r.fund.opening)}</td>
                <td className={td}>{formatVnd(r.fund.mobilised)}</td>
                <td className={td}>{formatVnd(r.fund.spent)}</td>
                <td className={td}>{formatVnd(r.fund.closing)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The cluster's awards by kind and by recipient group: recipients and amounts. */
export function AwardsSummary({ totals }: { totals: DashboardRow }) {
  const a = totals.awards;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <table className="min-w-full rounded-lg border border-slate-200 bg-white text-sm shadow-sm" data-testid="awards-by-kind">
        <caption className="px-3 pt-2 text-left font-semibold">Theo loại</caption>
        <thead>
          <tr className="text-slate-600">
            <th scope="col" className="px-3 py-1 text-left">Loại</th>
            <th scope="col" className="px-3 py-1 text-right">Số người</th>
            <th scope="col" className="px-3 py-1 text-right">Số tiền</th>
          </tr>
        </thead>
        <tbody>
          {AWARD_KINDS.map((k) => (
            <tr key={k} className="border-t border-slate-100">
              <th scope="row" className="px-3 py-1 text-left font-normal">{AWARD_KIND_LABELS[k]}</th>
              <td className="tabular px-3 py-1 text-right">{formatInteger(a.byKind[k].recipients)}</td>
              <td className="tabular px-3 py-1 text-right whitespace-nowrap">{formatVnd(a.byKind[k].amount)}</td>
            </tr>
          ))}
          <tr className="border-t-2 border-slate-300 font-semibold">
            <th scope="row" className="px-3 py-1 text-left">Cộng</th>
            <td className="tabular px-3 py-1 text-right">{formatInteger(a.recipients)}</td>
            <td className="tabular px-3 py-1 text-right whitespace-nowrap">{formatVnd(a.amount)}</td>
          </tr>
        </tbody>
      </table>
      <table className="min-w-full rounded-lg border border-slate-200 bg-white text-sm shadow-sm" data-testid="awards-by-group">
        <caption className="px-3 pt-2 text-left font-semibold">Theo đối tượng</caption>
        <thead>
          <tr className="text-slate-600">
            <th scope="col" className="px-3 py-1 text-left">Đối tượng</th>
            <th scope="col" className="px-3 py-1 text-right">Số người</th>
            <th scope="col" className="px-3 py-1 text-right">Số tiền</th>
          </tr>
        </thead>
        <tbody>
          {RECIPIENT_GROUPS.map((g) => (
            <tr key={g} className="border-t border-slate-100">
              <th scope="row" className="px-3 py-1 text-left font-normal">{RECIPIENT_GROUP_LABELS[g]}</th>
              <td className="tabular px-3 py-1 text-right">{formatInteger(a.byGroup[g].recipients)}</td>
              <td className="tabular px-3 py-1 text-right whitespace-nowrap">{formatVnd(a.byGroup[g].amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
