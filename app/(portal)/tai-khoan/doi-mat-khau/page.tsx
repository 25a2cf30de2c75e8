import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/users/change-password-form';
import { requireUser } from '@/lib/http/session';
import { changePasswordAction } from './actions';
import { Card } from '@/components/ui/card';
import { BackLink } from '@/components/ui/back-link';

export const metadata: Metadata = { title: 'Đổi mật khẩu' };

export default async function ChangePasswordPage() {
  const user = await requireUser();
  return (
    <section className="space-y-6">
      <div>
        <BackLink href="/tai-khoan">‹ Tài khoản</BackLink>
        <h1 className="mt-1 text-2xl font-bold">Đổi mật khẩu</h1>
        <p className="mt-1 text-slate-600">
          {user.email}. Sau khi đổi, mọi phiên đăng nhập của tài khoản (trên mọi máy) kết thúc; mã truy cập API vẫn dùng được.
        </p>
      </div>
      <Card as="article">
        <ChangePasswordForm action={changePasswordAction} />
      </Card>
    </section>
  );
}
