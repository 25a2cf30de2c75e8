'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Label } from '@/components/ui/input';

/**
 * What submitting needs: zod (the schema, the messages) and next-auth's client, loaded when the
 * visitor starts on the form, not with the page: they would be a quarter of its JavaScript.
 */
const loadSubmit = () => Promise.all([import('next-auth/react'), import('@/lib/accounts/auth-schemas'), import('@/lib/accounts/user-schemas')]);

type FieldErrors = { email?: string; password?: string };

// The sign-in fields draw their own focus ring; the portal's other forms keep the browser's.
const signInInputClass = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600 focus:outline-none';

/** A sign-in field with its label and its error, announced as it changes. */
function SignInField({ name, label, error, ...input }: { name: keyof FieldErrors; label: string; error?: string } & React.ComponentProps<'input'>) {
  return (
    <div>
      <Label htmlFor={name} className="text-slate-700">
        {label}
      </Label>
      <input id={name} name={name} {...input} required aria-invalid={error ? true : undefined} aria-describedby={`${name}-error`} className={signInInputClass} />
      <p id={`${name}-error`} aria-live="polite" className="mt-1 text-sm text-red-700">
        {error}
      </p>
    </div>
  );
}

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      const loaded = await loadSubmit().catch(() => null);
      if (!loaded) {
        setMessage('Không kết nối được với cổng báo cáo. Vui lòng kiểm tra mạng và thử lại.');
        return;
      }
      const [{ signIn }, { SignInSchema }, { signInErrorMessage }] = loaded;
      const parsed = SignInSchema.safeParse({ email: form.get('email'), password: form.get('password') });
      if (!parsed.success) {
        const errors = parsed.error.flatten().fieldErrors;
        setFieldErrors({ email: errors.email?.[0], password: errors.password?.[0] });
        setMessage(null);
        return;
      }
      setFieldErrors({});
      setMessage(null);
      const result = await signIn('credentials', { ...parsed.data, redirect: false });
      if (!result || result.error) {
        // Same messages whether the account exists or not: throttling counts unknown e-mails too.
        setMessage(signInErrorMessage(result?.error ?? ''));
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} onFocus={() => void loadSubmit()} noValidate className="space-y-4" aria-describedby="sign-in-message">
      <SignInField name="email" label="Email" type="email" autoComplete="username" inputMode="email" error={fieldErrors.email} />
      <SignInField name="password" label="Mật khẩu" type="password" autoComplete="current-password" error={fieldErrors.password} />
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
