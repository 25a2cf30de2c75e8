'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { SignInSchema } from '@/lib/accounts/auth-schemas';
import { SIGN_IN_THROTTLED_ERROR, SIGN_IN_THROTTLED_MESSAGE } from '@/lib/accounts/user-schemas';

type FieldErrors = { email?: string; password?: string };

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = SignInSchema.safeParse({ email: form.get('email'), password: form.get('password') });
    if (!parsed.success) {
      const errors = parsed.error.flatten().fieldErrors;
      setFieldErrors({ email: errors.email?.[0], password: errors.password?.[0] });
      setMessage(null);
      return;
    }
    setFieldErrors({});
    setMessage(null);
    startTransition(async () => {
      const result = await signIn('credentials', { ...parsed.data, redirect: false });
      if (!result || result.error) {
        // Same messages whether the account exists or not: throttling counts unknown e-mails too.
        setMessage(result?.error === SIGN_IN_THROTTLED_ERROR ? SIGN_IN_THROTTLED_MESSAGE : 'Email hoặc mật khẩu không đúng.');
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-describedby="sign-in-message">
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-700">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          aria-invalid={fieldErrors.email ? true : undefined}
          aria-describedby="email-error"
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600 focus:outline-none"
        />
        <p id="email-error" aria-live="polite" className="mt-1 text-sm text-red-700">
          {fieldErrors.email}
        </p>
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-slate-700">
          Mật khẩu
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={fieldErrors.password ? true : undefined}
          aria-describedby="password-error"
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600 focus:outline-none"
        />
        <p id="password-error" aria-live="polite" className="mt-1 text-sm text-red-700">
          {fieldErrors.password}
        </p>
      </div>
      <p id="sign-in-message" role="alert" aria-live="assertive" className="min-h-5 text-sm font-medium text-red-700">
        {message}
      </p>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-700 px-4 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {pending ? 'Đang đăng nhập…' : 'Đăng nhập'}
      </button>
    </form>
  );
}
