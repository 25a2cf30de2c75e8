import type { Metadata } from 'next';
import Link from 'next/link';
import { CreateUserForm } from '@/components/users/user-forms';
import { getDb } from '@/lib/platform/db';
import { ensure, requireUser } from '@/lib/http/session';
import { listScopeOptions } from '@/lib/accounts/user-admin';
import { canManageUsers } from '@/lib/permissions';
import { createUserAction } from '../actions';

export const metadata: Metadata = { title: 'Thêm tài khoản' };

export default async function NewUserPage() {
  const user = await requireUser();
  ensure(canManageUsers(user));
  const { provinces, clusters } = await listScopeOptions(getDb(), user);

  return (
    <section className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href="/quan-tri/nguoi-dung" className="text-brand-700 hover:underline">
            ‹ Người dùng
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-bold">Thêm tài khoản</h1>
        <p className="mt-1 text-slate-600">
          Cán bộ tỉnh gắn với một tỉnh, thành phố đang có hiệu lực; cụm trưởng gắn với một cụm; Trung ương Hội và quản trị viên không gắn với đâu.
        </p>
      </div>
      <article className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <CreateUserForm
          action={createUserAction}
          provinces={provinces.map((p) => ({ id: p.id, label: `${p.name} (${p.code})` }))}
          clusters={clusters.map((c) => ({ id: c.id, label: c.name }))}
        />
      </article>
    </section>
  );
}
