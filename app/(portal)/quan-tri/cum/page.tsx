import type { Metadata } from 'next';
import Link from 'next/link';
import { CreateClusterForm } from '@/components/admin/cluster-forms';
import { BackLink } from '@/components/ui/back-link';
import { Card } from '@/components/ui/card';
import { EmptyRow, RowTh, Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';
import { formatDate } from '@/lib/format';
import { ensure, requireUser } from '@/lib/http/session';
import { canManageReferenceData } from '@/lib/permissions';
import { getDb } from '@/lib/platform/db';
import { listClustersForAdmin } from '@/lib/reference/cluster-admin';
import { vietnamDay } from '@/lib/reference/validity';
import { createClusterAction } from '../actions';

export const metadata: Metadata = { title: 'Cụm và cụm trưởng' };

export default async function ClustersAdminPage() {
  const user = await requireUser();
  ensure(canManageReferenceData(user));
  const today = vietnamDay(new Date());
  const clusters = await listClustersForAdmin(getDb(), today);

  return (
    <section className="space-y-6">
      <div>
        <BackLink href="/quan-tri">‹ Quản trị</BackLink>
        <h1 className="mt-1 text-2xl font-bold">Cụm và cụm trưởng</h1>
        <p className="mt-1 text-slate-600">
          {clusters.length} cụm; thành viên và cụm trưởng hôm nay ({formatDate(today)}). Chọn một cụm để sửa thành viên và nhiệm kỳ cụm trưởng.
        </p>
      </div>

      <Table caption="Danh sách cụm">
        <TableHead>
          <Th>Mã</Th>
          <Th>Tên cụm</Th>
          <Th>Vùng</Th>
          <Th numeric>Thành viên</Th>
          <Th>Cụm trưởng</Th>
        </TableHead>
        <TableBody>
          {clusters.length === 0 ? (
            <EmptyRow colSpan={5}>Chưa có cụm nào. Tạo cụm đầu tiên bằng mẫu dưới đây.</EmptyRow>
          ) : (
            clusters.map((c) => (
              <tr key={c.id} data-testid={`cluster-row-${c.code}`}>
                <RowTh className="whitespace-nowrap">
                  <Link href={`/quan-tri/cum/${c.code}`} className="text-brand-700 hover:underline">
                    {c.code}
                  </Link>
                </RowTh>
                <Td>{c.name}</Td>
                <Td>{c.region ?? '—'}</Td>
                <Td numeric>{c.members}</Td>
                <Td>{c.leader ? `${c.leader.province.name} (${c.leader.termLabel})` : 'chưa có'}</Td>
              </tr>
            ))
          )}
        </TableBody>
      </Table>

      <Card as="section" className="space-y-3" aria-labelledby="new-cluster-heading">
        <h2 id="new-cluster-heading" className="text-lg font-semibold">
          Tạo cụm mới
        </h2>
        <CreateClusterForm action={createClusterAction} />
      </Card>
    </section>
  );
}
