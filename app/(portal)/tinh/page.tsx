import type { Metadata } from 'next';
import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatDate } from '@/lib/format';
import { periodLabel } from '@/lib/reference/periods';
import { getDb } from '@/lib/platform/db';
import { getProvinceHome } from '@/lib/reports/province-home';
import { ensure, requireUser } from '@/lib/http/session';
import { ActionsTh, RowTh, Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';
import { EmptyState } from '@/components/ui/card';

export const metadata: Metadata = { title: 'Báo cáo của tỉnh' };

export default async function ProvinceHomePage() {
  const user = await requireUser();
  const home = await getProvinceHome(getDb(), user);
  ensure(home !== null);
  const { province, rows } = home!;
  const merged = province.validTo !== null;

  return (
    <section className="space-y-4">
      <div>
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h1 className="text-2xl font-bold">Báo cáo của {province.name}</h1>
          <Link href={`/lich-su/${province.code}`} className="text-sm text-brand-700 hover:underline">
            Lịch sử số liệu và biểu đồ →
          </Link>
        </div>
        {merged ? (
          <p className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" role="note">
            {province.name} đã hợp nhất vào {province.successor?.name ?? 'tỉnh mới'} từ ngày{' '}
            {formatDate(new Date(province.validTo!.getTime() + 86_400_000))}. Các báo cáo dưới đây chỉ để xem.
          </p>
        ) : province.predecessors.length > 0 ? (
          <p className="mt-1 text-slate-600">
            Gồm cả lịch sử báo cáo của các tỉnh trước hợp nhất: {province.predecessors.map((p) => p.name).join(', ')}.
          </p>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <EmptyState>Chưa có kỳ báo cáo nào.</EmptyState>
      ) : (
        <Table caption="Các báo cáo theo kỳ" stack>
          <TableHead>
            <Th>Kỳ báo cáo</Th>
            <Th>Đơn vị báo cáo</Th>
            <Th>Trạng thái</Th>
            <Th>Hạn nộp</Th>
            <Th>Ngày gửi</Th>
            <ActionsTh />
          </TableHead>
          <TableBody>
            {rows.map((row) => {
              const { late, overdue, canEdit: editable, firstSubmittedAt } = row;
              return (
                <tr key={`${row.periodCode}-${row.province.id}`} data-testid={`report-row-${row.periodCode}-${row.province.code}`}>
                  <RowTh className="whitespace-nowrap">{periodLabel(row.periodCode)}</RowTh>
                  <Td className="whitespace-nowrap" label="Đơn vị báo cáo">
                    {row.province.name}
                    {row.province.id !== province.id && row.province.validTo ? (
                      <span className="text-slate-500"> (trước hợp nhất)</span>
                    ) : null}
                  </Td>
                  <Td label="Trạng thái">
                    <StatusBadge status={row.report?.status ?? null} />
                  </Td>
                  <Td className="tabular whitespace-nowrap" label="Hạn nộp">
                    {formatDate(row.deadline)}
                    {row.extended ? <span className="ml-1 text-slate-500">(gia hạn)</span> : null}
                  </Td>
                  <Td className="tabular whitespace-nowrap" label="Ngày gửi">
                    {firstSubmittedAt ? (
                      <>
                        {formatDate(firstSubmittedAt)}
                        {late ? <span className="ml-1 text-red-700">(nộp muộn)</span> : null}
                      </>
                    ) : overdue ? (
                      <span className="text-red-700">Quá hạn, chưa gửi</span>
                    ) : (
                      '—'
                    )}
                  </Td>
                  <Td className="whitespace-nowrap">
                    <Link
                      href={`/bao-cao/${row.province.code}/${row.periodCode}`}
                      className={editable ? 'inline-block rounded-md bg-brand-700 px-3 py-1 text-sm font-semibold text-white hover:bg-brand-800' : 'text-brand-700 hover:underline'}
                    >
                      {editable ? (row.report ? 'Tiếp tục nhập' : 'Nhập báo cáo') : 'Xem'}
                    </Link>
                  </Td>
                </tr>
              );
            })}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
