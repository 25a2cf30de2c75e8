import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { homePathFor } from '@/lib/permissions';
import { getCurrentUser } from '@/lib/http/session';

export const metadata: Metadata = { title: 'Đăng nhập' };

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeCallback(value: string | string[] | undefined): string | null {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : null;
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const user = await getCurrentUser();
  if (user) redirect(safeCallback(params.callbackUrl) ?? homePathFor(user));

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Hội Khuyến học Việt Nam</p>
          <h1 className="mt-1 text-2xl font-bold text-slate-900">Cổng báo cáo khuyến học</h1>
          <p className="mt-2 text-sm text-slate-600">Đăng nhập bằng tài khoản được Hội cấp.</p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <SignInForm callbackUrl={safeCallback(params.callbackUrl) ?? '/'} />
        </div>
      </div>
    </main>
  );
}
