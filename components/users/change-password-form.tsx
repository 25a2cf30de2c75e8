'use client';

import { ActionForm } from '@/components/forms/action-form';
import { signOut } from 'next-auth/react';
import { useActionState } from 'react';
import { FieldError, FormStatus } from '@/components/forms/form-status';
import type { ActionState } from '@/lib/http/action-state';
import { PASSWORD_HINT } from '@/lib/accounts/password-policy';
import { Button, buttonClass } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

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
          className={buttonClass('primary', 'sm')}
        >
          Đăng nhập lại
        </button>
      </div>
    );
  }

  return (
    <ActionForm action={formAction} state={state} noValidate className="max-w-md space-y-4" aria-describedby="change-password-status">
      {FIELDS.map((f) => {
        const id = `change-${f.name}`;
        const error = state && !state.ok ? state.fieldErrors[f.name]?.[0] : undefined;
        return (
          <div key={f.name}>
            <Label htmlFor={id}>
              {f.label}
            </Label>
            <Input
              id={id}
              name={f.name}
              type="password"
              autoComplete={f.autoComplete}
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
      <Button type="submit" disabled={pending} variant="primary" size="sm">
        {pending ? 'Đang đổi…' : 'Đổi mật khẩu'}
      </Button>
      <FormStatus state={state} id="change-password-status" />
    </ActionForm>
  );
}
