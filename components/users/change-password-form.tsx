'use client';

import { signOut } from 'next-auth/react';
import { useActionState } from 'react';
import { FieldError, FormStatus } from '@/components/forms/form-status';
import type { ActionState } from '@/lib/http/action-state';
import { PASSWORD_HINT } from '@/lib/accounts/password-policy';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

const input = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm';

const FIELDS = [
  { name: 'currentPassword', label: 'Mật khẩu hiện tại', autoComplete: 'current-password', hint: null },
  { name: 'newPassword', label: 'Mật khẩu mới', autoComplete: 'new-password', hint: PASSWORD_HINT },
  { name: 'confirmPassword', label: 'Nhập lại mật khẩu mới', autoComplete: 'new-password', hint: null },
] as const;

export function ChangePasswordForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, null);

  if (state?.ok) {
    // Every session of the account ended with the change, this one included.
    return (
      <div className="space-y-3">
        <FormStatus state={state} id="change-password-status" />
        <button
          type="button"
          onClick={() => signOut({ callbackUrl: '/dang-nhap' })}
          className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
        >
          Đăng nhập lại
        </button>
      </div>
    );
  }

  return (
    <form action={formAction} noValidate className="max-w-md space-y-4" aria-describedby="change-password-status">
      {FIELDS.map((f) => {
        const id = `change-${f.name}`;
        const error = state && !state.ok ? state.fieldErrors[f.name]?.[0] : undefined;
        return (
          <div key={f.name}>
            <label htmlFor={id} className="block text-sm font-medium">
              {f.label}
            </label>
            <input
              id={id}
              name={f.name}
              type="password"
              autoComplete={f.autoComplete}
              className={input}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${id}-error${f.hint ? ` ${id}-hint` : ''}`}
            />
            {f.hint ? (
              <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
                {f.hint}
              </p>
            ) : null}
            <FieldError state={state} name={f.name} id={`${id}-error`} />
          </div>
        );
      })}
      <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Đang đổi…' : 'Đổi mật khẩu'}
      </button>
      <FormStatus state={state} id="change-password-status" />
    </form>
  );
}
