import type { Metadata } from 'next';
import Link from 'next/link';
import { ChangePasswordForm } from '@/components/users/change-password-form';
import { requireUser } from '@/lib/http/session';
import { changePasswordAction } from './actions';

export const metadata: Metadata = { title: 'Đổi mật khẩu' };

export default async function ChangePasswordPage() {
  const user = await requireUser();
  return (
    <section className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href="/tai-khoan" className="text-brand-700 hover:underline">
            ‹ Tài khoản
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-bold">Đổi mật khẩu</h1>
        <p className="mt-1 text-slate-600">
          {user.email}. Sau khi đổi, mọi phiên đăng nhập của tài khoản (trên mọi máy) kết thúc; mã truy cập API vẫn dùng được.
        </p>
      </div>
      <article className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <ChangePasswordForm action={changePasswordAction} />
      </article>
    </section>
  );
}
