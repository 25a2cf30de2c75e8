import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { homePathFor } from '@/lib/permissions';
import { sameOriginPath } from '@/lib/http/safe-redirect';
import { getCurrentUser } from '@/lib/http/session';
import { Card } from '@/components/ui/card';

export const metadata: Metadata = { title: 'Đăng nhập' };


export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const user = await getCurrentUser();
  if (user) redirect(sameOriginPath(params.callbackUrl) ?? homePathFor(user));

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Hội Khuyến học Việt Nam</p>
          <h1 className="mt-1 text-2xl font-bold text-slate-900">Cổng báo cáo khuyến học</h1>
          <p className="mt-2 text-sm text-slate-600">Đăng nhập bằng tài khoản được Hội cấp.</p>
        </div>
        <Card padding="lg">
          <SignInForm callbackUrl={sameOriginPath(params.callbackUrl) ?? '/'} />
        </Card>
      </div>
    </main>
  );
}
