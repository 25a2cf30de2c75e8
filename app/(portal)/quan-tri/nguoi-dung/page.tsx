import type { Metadata } from 'next';
import Link from 'next/link';
import { ROLE_LABELS } from '@/lib/permissions';
import { formatDateTime } from '@/lib/format';
import { getDb } from '@/lib/platform/db';
import { ensure, requireUser } from '@/lib/http/session';
import { listUsersForAdmin } from '@/lib/accounts/user-admin';
import { canManageUsers } from '@/lib/permissions';
import { EmptyRow, RowTh, Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';
import { buttonClass } from '@/components/ui/button';
import { BackLink } from '@/components/ui/back-link';

export const metadata: Metadata = { title: 'Người dùng' };

export default async function UsersPage() {
  const user = await requireUser();
  ensure(canManageUsers(user));
  const users = await listUsersForAdmin(getDb(), user);
  const active = users.filter((u) => u.active).length;

  return (
    <section className="space-y-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <BackLink href="/quan-tri">‹ Quản trị</BackLink>
          <h1 className="mt-1 text-2xl font-bold">Người dùng</h1>
          <p className="mt-1 text-slate-600">
            {users.length} tài khoản, {active} đang hoạt động. Mọi thay đổi đều được ghi nhật ký.
          </p>
        </div>
        <Link href="/quan-tri/nguoi-dung/moi" className={`self-start ${buttonClass('primary', 'sm')} sm:self-auto`}>
          Thêm tài khoản
        </Link>
      </div>

      <Table caption="Danh sách tài khoản" stack>
        <TableHead>
          <Th>Email</Th>
          <Th>Họ tên</Th>
          <Th>Vai trò</Th>
          <Th>Phạm vi</Th>
          <Th>Trạng thái</Th>
          <Th className="whitespace-nowrap">Đăng nhập lần cuối</Th>
        </TableHead>
        <TableBody>
          {users.length === 0 ? (
            <EmptyRow colSpan={6}>
              Chưa có tài khoản nào.
            </EmptyRow>
          ) : (
            users.map((u) => (
              <tr key={u.id} data-testid={`user-row-${u.email}`} className={u.active ? undefined : 'text-slate-500'}>
                <RowTh>
                  <Link href={`/quan-tri/nguoi-dung/${u.id}`} className="text-brand-700 hover:underline">
                    {u.email}
                  </Link>
                </RowTh>
                <Td label="Họ tên">{u.name}</Td>
                <Td className="whitespace-nowrap" label="Vai trò">
                  {ROLE_LABELS[u.role]}
                </Td>
                <Td label="Phạm vi">{u.province?.name ?? u.cluster?.name ?? '—'}</Td>
                <Td label="Trạng thái">
                  {u.active ? (
                    <span className="inline-block rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-emerald-800 ring-1 ring-emerald-300 ring-inset">
                      Đang hoạt động
                    </span>
                  ) : (
                    <span className="inline-block rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-slate-700 ring-1 ring-slate-300 ring-inset">
                      Đã khoá
                    </span>
                  )}
                </Td>
                <Td className="tabular whitespace-nowrap" label="Đăng nhập lần cuối">
                  {u.lastLoginAt ? formatDateTime(u.lastLoginAt) : 'chưa đăng nhập'}
                </Td>
              </tr>
            ))
          )}
        </TableBody>
      </Table>
    </section>
  );
}
