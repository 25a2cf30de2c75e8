import type { Metadata } from 'next';
import Link from 'next/link';
import { ROLE_LABELS } from '@/lib/permissions';
import { formatDateTime } from '@/lib/format';
import { getDb } from '@/lib/platform/db';
import { ensure, requireUser } from '@/lib/http/session';
import { listUsersForAdmin } from '@/lib/accounts/user-admin';
import { canManageUsers } from '@/lib/permissions';

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
          <p className="text-sm">
            <Link href="/quan-tri" className="text-brand-700 hover:underline">
              ‹ Quản trị
            </Link>
          </p>
          <h1 className="mt-1 text-2xl font-bold">Người dùng</h1>
          <p className="mt-1 text-slate-600">
            {users.length} tài khoản, {active} đang hoạt động. Mọi thay đổi đều được ghi nhật ký.
          </p>
        </div>
        <Link href="/quan-tri/nguoi-dung/moi" className="self-start rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 sm:self-auto">
          Thêm tài khoản
        </Link>
      </div>

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Danh sách tài khoản</caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-semibold">Email</th>
              <th scope="col" className="px-3 py-2 text-left font-semibold">Họ tên</th>
              <th scope="col" className="px-3 py-2 text-left font-semibold">Vai trò</th>
              <th scope="col" className="px-3 py-2 text-left font-semibold">Phạm vi</th>
              <th scope="col" className="px-3 py-2 text-left font-semibold">Trạng thái</th>
              <th scope="col" className="px-3 py-2 text-left font-semibold whitespace-nowrap">Đăng nhập lần cuối</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-slate-500">
                  Chưa có tài khoản nào.
                </td>
              </tr>
            ) : (
              users.map((u) => (
                <tr key={u.id} data-testid={`user-row-${u.email}`} className={u.active ? undefined : 'text-slate-500'}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    <Link href={`/quan-tri/nguoi-dung/${u.id}`} className="text-brand-700 hover:underline">
                      {u.email}
                    </Link>
                  </th>
                  <td className="px-3 py-2">{u.name}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{ROLE_LABELS[u.role]}</td>
                  <td className="px-3 py-2">{u.province?.name ?? u.cluster?.name ?? '—'}</td>
                  <td className="px-3 py-2">
                    {u.active ? (
                      <span className="inline-block rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-emerald-800 ring-1 ring-emerald-300 ring-inset">
                        Đang hoạt động
                      </span>
                    ) : (
                      <span className="inline-block rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-slate-700 ring-1 ring-slate-300 ring-inset">
                        Đã khoá
                      </span>
                    )}
                  </td>
                  <td className="tabular px-3 py-2 whitespace-nowrap">{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : 'chưa đăng nhập'}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
