import type { Metadata } from 'next';
import { CreateUserForm } from '@/components/users/user-forms';
import { getDb } from '@/lib/platform/db';
import { ensure, requireUser } from '@/lib/http/session';
import { listScopeOptions } from '@/lib/accounts/user-admin';
import { canManageUsers } from '@/lib/permissions';
import { createUserAction } from '../actions';
import { Card } from '@/components/ui/card';
import { BackLink } from '@/components/ui/back-link';

export const metadata: Metadata = { title: 'Thêm tài khoản' };

export default async function NewUserPage() {
  const user = await requireUser();
  ensure(canManageUsers(user));
  const { provinces, clusters } = await listScopeOptions(getDb(), user);

  return (
    <section className="space-y-6">
      <div>
        <BackLink href="/quan-tri/nguoi-dung">‹ Người dùng</BackLink>
        <h1 className="mt-1 text-2xl font-bold">Thêm tài khoản</h1>
        <p className="mt-1 text-slate-600">
          Cán bộ tỉnh gắn với một tỉnh, thành phố đang có hiệu lực; cụm trưởng gắn với một cụm; Trung ương Hội và quản trị viên không gắn với đâu.
        </p>
      </div>
      <Card as="article">
        <CreateUserForm
          action={createUserAction}
          provinces={provinces.map((p) => ({ id: p.id, label: `${p.name} (${p.code})` }))}
          clusters={clusters.map((c) => ({ id: c.id, label: c.name }))}
        />
      </Card>
    </section>
  );
}
