import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ResetPasswordForm, UserAccessForm, UserActiveForm } from '@/components/users/user-forms';
import { ROLE_LABELS } from '@/lib/permissions';
import { formatDateTime } from '@/lib/format';
import { getDb } from '@/lib/platform/db';
import { ensure, requireUser } from '@/lib/http/session';
import { getUserForAdmin, listScopeOptions } from '@/lib/accounts/user-admin';
import { canManageUsers } from '@/lib/permissions';
import { resetUserPasswordAction, setUserActiveAction, updateUserAccessAction } from '../actions';
import { Card } from '@/components/ui/card';
import { BackLink } from '@/components/ui/back-link';

export const metadata: Metadata = { title: 'Tài khoản người dùng' };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, user] = await Promise.all([params, requireUser()]);
  ensure(canManageUsers(user));
  const db = getDb();
  const [target, options] = await Promise.all([getUserForAdmin(db, user, id), listScopeOptions(db, user)]);
  if (!target) notFound();
  const self = target.id === user.id;

  const provinces = options.provinces.map((p) => ({ id: p.id, label: `${p.name} (${p.code})` }));
  // A province merged away is no longer offered, but the account may still be attached to it.
  if (target.province && !provinces.some((p) => p.id === target.province!.id)) {
    provinces.unshift({ id: target.province.id, label: `${target.province.name} (${target.province.code}, đã sáp nhập)` });
  }
  const clusters = options.clusters.map((c) => ({ id: c.id, label: c.name }));

  return (
    <section className="space-y-6">
      <div>
        <BackLink href="/quan-tri/nguoi-dung">‹ Người dùng</BackLink>
        <h1 className="mt-1 text-2xl font-bold break-words">{target.email}</h1>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm text-slate-700">
          <dt className="font-medium">Họ tên</dt>
          <dd>{target.name}</dd>
          <dt className="font-medium">Vai trò</dt>
          <dd>
            {ROLE_LABELS[target.role]}
            {target.province ? ` · ${target.province.name}` : target.cluster ? ` · ${target.cluster.name}` : ''}
          </dd>
          <dt className="font-medium">Trạng thái</dt>
          <dd data-testid="user-status">{target.active ? 'Đang hoạt động' : 'Đã khoá'}</dd>
          <dt className="font-medium">Tạo lúc</dt>
          <dd className="tabular">{formatDateTime(target.createdAt)}</dd>
          <dt className="font-medium">Đăng nhập lần cuối</dt>
          <dd className="tabular">{target.lastLoginAt ? formatDateTime(target.lastLoginAt) : 'chưa đăng nhập'}</dd>
        </dl>
      </div>

      <Card as="article" className="space-y-3">
        <h2 className="text-xl font-semibold">Vai trò và phạm vi</h2>
        {self ? <p className="text-sm text-slate-600">Bạn không thể tự bỏ quyền quản trị của mình.</p> : null}
        <UserAccessForm
          action={updateUserAccessAction}
          userId={target.id}
          initial={{ role: target.role, provinceId: target.province?.id ?? null, clusterId: target.cluster?.id ?? null }}
          provinces={provinces}
          clusters={clusters}
        />
      </Card>

      <Card as="article" className="space-y-3">
        <h2 className="text-xl font-semibold">Khoá hoặc mở khoá</h2>
        <p className="text-sm text-slate-700">Tài khoản bị khoá không đăng nhập được; các phiên đang mở và mã truy cập API của nó bị từ chối ngay.</p>
        <UserActiveForm action={setUserActiveAction} userId={target.id} email={target.email} active={target.active} self={self} />
      </Card>

      <Card as="article" className="space-y-3">
        <h2 className="text-xl font-semibold">Mật khẩu</h2>
        {self ? (
          <p className="text-sm text-slate-700">
            Đổi mật khẩu của chính bạn ở trang{' '}
            <Link href="/tai-khoan/doi-mat-khau" className="text-brand-700 hover:underline">
              Đổi mật khẩu
            </Link>
            .
          </p>
        ) : (
          <>
            <p className="text-sm text-slate-700">Cổng tạo một mật khẩu ngẫu nhiên mới, chỉ hiện một lần. Mật khẩu cũ hết hiệu lực và các phiên đăng nhập kết thúc.</p>
            <ResetPasswordForm action={resetUserPasswordAction} userId={target.id} email={target.email} />
          </>
        )}
      </Card>
    </section>
  );
}
