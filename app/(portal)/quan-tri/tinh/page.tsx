import type { Metadata } from 'next';
import Link from 'next/link';
import { dayValue } from '@/components/admin/fields';
import { BackLink } from '@/components/ui/back-link';
import { Button } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';
import { EmptyRow, RowTh, Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';
import { formatDate } from '@/lib/format';
import { ensure, requireUser } from '@/lib/http/session';
import { canManageReferenceData } from '@/lib/permissions';
import { getDb } from '@/lib/platform/db';
import { DaySchema } from '@/lib/reference/admin-schemas';
import { listProvincesOn } from '@/lib/reference/province-admin';
import { vietnamDay } from '@/lib/reference/validity';

export const metadata: Metadata = { title: 'Tỉnh, thành phố' };

type Search = { ngay?: string | string[]; q?: string | string[] };
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ProvincesAdminPage({ searchParams }: { searchParams: Promise<Search> }) {
  const [search, user] = await Promise.all([searchParams, requireUser()]);
  ensure(canManageReferenceData(user));
  const today = vietnamDay(new Date());
  const asked = first(search.ngay);
  const parsed = asked ? DaySchema.safeParse(asked) : null;
  const day = parsed?.success ? parsed.data : today;
  const query = first(search.q)?.trim() ?? '';
  const provinces = await listProvincesOn(getDb(), day, query);

  return (
    <section className="space-y-6">
      <div>
        <BackLink href="/quan-tri">‹ Quản trị</BackLink>
        <h1 className="mt-1 text-2xl font-bold">Tỉnh, thành phố</h1>
        <p className="mt-1 text-slate-600">
          {provinces.length} tỉnh, thành phố có hiệu lực ngày {formatDate(day)}
          {query ? ` khớp với “${query}”` : ''}. Một mã chỉ thuộc một tỉnh tại một thời điểm; tỉnh đã hợp nhất giữ báo cáo của mình và trỏ tới tỉnh kế thừa.
        </p>
      </div>

      <form method="get" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-[1fr_2fr_auto] sm:items-end">
        <div>
          <Label htmlFor="province-day">Có hiệu lực ngày</Label>
          <Input id="province-day" type="date" name="ngay" defaultValue={dayValue(day)} aria-describedby="province-day-error" />
          <p id="province-day-error" aria-live="polite" className="text-sm text-red-700">
            {parsed && !parsed.success ? `${parsed.error.issues[0].message} Đang hiện ngày hôm nay.` : null}
          </p>
        </div>
        <div>
          <Label htmlFor="province-query">Tên hoặc mã</Label>
          <Input id="province-query" name="q" defaultValue={query} placeholder="Ví dụ: Ninh hoặc 33" />
          <p className="text-sm">&nbsp;</p>
        </div>
        <div className="sm:pb-6">
          <Button type="submit" variant="neutral" size="compact">
            Xem
          </Button>
        </div>
      </form>

      <Table caption={`Tỉnh, thành phố có hiệu lực ngày ${formatDate(day)}`}>
        <TableHead>
          <Th>Mã</Th>
          <Th>Tên</Th>
          <Th className="whitespace-nowrap">Hiệu lực</Th>
          <Th>Tỉnh kế thừa</Th>
        </TableHead>
        <TableBody>
          {provinces.length === 0 ? (
            <EmptyRow colSpan={4}>Không có tỉnh, thành phố nào.</EmptyRow>
          ) : (
            provinces.map((p) => (
              <tr key={p.id} data-testid={`province-row-${p.code}`}>
                <RowTh className="tabular">{p.code}</RowTh>
                <Td>
                  <Link href={`/quan-tri/tinh/${p.id}`} className="text-brand-700 hover:underline">
                    {p.name}
                  </Link>
                </Td>
                <Td className="tabular whitespace-nowrap">
                  {formatDate(p.validFrom)} – {p.validTo ? formatDate(p.validTo) : 'nay'}
                </Td>
                <Td>{p.successor ? `${p.successor.name} (${p.successor.code})` : '—'}</Td>
              </tr>
            ))
          )}
        </TableBody>
      </Table>
    </section>
  );
}
