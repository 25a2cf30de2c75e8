'use client';

import { ActionForm } from '@/components/forms/action-form';
import { useActionState, useEffect, useRef, useState } from 'react';
import { FieldError, FormStatus } from '@/components/forms/form-status';
import type { ActionState } from '@/lib/http/action-state';
import { ROLE_LABELS, ROLES, scopeOfRole } from '@/lib/permissions';
import type { Role } from '@/lib/generated/prisma/enums';
import { PASSWORD_HINT } from '@/lib/accounts/password-policy';
import { OneTimePassword } from './one-time-password';
import { Button } from '@/components/ui/button';
import { Input, Label, Select, SelectOptions } from '@/components/ui/input';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;
export type ScopeOption = { id: string; label: string };

function fieldErrorOf(state: ActionState, name: string): string | undefined {
  return state && !state.ok ? state.fieldErrors[name]?.[0] : undefined;
}

type Scope = { role: Role | ''; provinceId: string; clusterId: string };

/** One of the scope selects, with its label and its error. */
function ScopeSelect({ id, name, label, value, onChange, items, state }: { id: string; name: string; label: string; value: string; onChange: (value: string) => void; items: ScopeOption[]; state: ActionState }) {
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} name={name} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={fieldErrorOf(state, name) ? true : undefined} aria-describedby={`${id}-error`}>
        <SelectOptions items={items} />
      </Select>
      <FieldError state={state} name={name} id={`${id}-error`} />
    </div>
  );
}

/**
 * Role and, depending on it, the one scope it needs: a province for provincial
 * staff, a cluster for a cluster leader, nothing otherwise. Only the select
 * that applies is rendered, so only it is submitted.
 */
function ScopeFields({
  prefix,
  value,
  onChange,
  provinces,
  clusters,
  state,
}: {
  prefix: string;
  value: Scope;
  onChange: (next: Scope) => void;
  provinces: ScopeOption[];
  clusters: ScopeOption[];
  state: ActionState;
}) {
  const scope = value.role ? scopeOfRole(value.role) : 'none';
  const roleOptions = ROLES.map((r) => ({ id: r, label: ROLE_LABELS[r] }));
  return (
    <>
      <ScopeSelect id={`${prefix}-role`} name="role" label="Vai trò" value={value.role} onChange={(role) => onChange({ ...value, role: role as Role | '' })} items={roleOptions} state={state} />
      {scope === 'province' ? (
        <ScopeSelect id={`${prefix}-province`} name="provinceId" label="Tỉnh, thành phố" value={value.provinceId} onChange={(provinceId) => onChange({ ...value, provinceId })} items={provinces} state={state} />
      ) : null}
      {scope === 'cluster' ? (
        <ScopeSelect id={`${prefix}-cluster`} name="clusterId" label="Cụm" value={value.clusterId} onChange={(clusterId) => onChange({ ...value, clusterId })} items={clusters} state={state} />
      ) : null}
      {/* A scope error about a select that is not shown (e.g. sent by hand) is still announced. */}
      {scope !== 'province' ? <FieldError state={state} name="provinceId" id={`${prefix}-province-error`} /> : null}
      {scope !== 'cluster' ? <FieldError state={state} name="clusterId" id={`${prefix}-cluster-error`} /> : null}
    </>
  );
}

function TextField({
  id,
  name,
  label,
  state,
  value,
  onChange,
  type = 'text',
  autoComplete,
  hint,
}: {
  id: string;
  name: string;
  label: string;
  state: ActionState;
  value: string;
  onChange: (v: string) => void;
  type?: string;
  autoComplete?: string;
  hint?: string;
}) {
  const error = fieldErrorOf(state, name);
  return (
    <div>
      <Label htmlFor={id}>
        {label}
      </Label>
      <Input
        id={id}
        name={name}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-error${hint ? ` ${id}-hint` : ''}`}
      />
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError state={state} name={name} id={`${id}-error`} />
    </div>
  );
}

const EMPTY_NEW_USER = {
  email: '',
  name: '',
  scope: { role: '', provinceId: '', clusterId: '' } as Scope,
  passwordMode: 'generate' as 'generate' | 'typed',
  password: '',
  passwordConfirm: '',
};

export function CreateUserForm({ action, provinces, clusters }: { action: Action; provinces: ScopeOption[]; clusters: ScopeOption[] }) {
  const [state, formAction, pending] = useActionState(action, null);
  const [values, setValues] = useState(EMPTY_NEW_USER);
  // The address the last submission was for, to name it beside the one-time password.
  const sentEmail = useRef('');
  const [created, setCreated] = useState<{ email: string; password: string | null } | null>(null);

  useEffect(() => {
    if (!state?.ok) return;
    setCreated({ email: sentEmail.current, password: state.secret ?? null });
    setValues(EMPTY_NEW_USER);
  }, [state]);

  const set = <K extends keyof typeof EMPTY_NEW_USER>(key: K, value: (typeof EMPTY_NEW_USER)[K]) => setValues((v) => ({ ...v, [key]: value }));

  return (
    <div className="space-y-4">
      <ActionForm
        action={formAction} state={state}
        onSubmit={() => {
          sentEmail.current = values.email.trim().toLowerCase();
          setCreated(null);
        }}
        noValidate
        className="grid gap-4 sm:grid-cols-2"
        aria-describedby="create-user-status"
      >
        <TextField id="new-user-email" name="email" label="Email" type="email" autoComplete="off" state={state} value={values.email} onChange={(v) => set('email', v)} />
        <TextField id="new-user-name" name="name" label="Họ tên" autoComplete="off" state={state} value={values.name} onChange={(v) => set('name', v)} />
        <ScopeFields prefix="new-user" value={values.scope} onChange={(scope) => set('scope', scope)} provinces={provinces} clusters={clusters} state={state} />

        <fieldset className="space-y-2 sm:col-span-2">
          <legend className="text-sm font-medium">Mật khẩu ban đầu</legend>
          <div className="flex flex-col gap-2 sm:flex-row sm:gap-6">
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="passwordMode" value="generate" checked={values.passwordMode === 'generate'} onChange={() => set('passwordMode', 'generate')} />
              Tạo mật khẩu ngẫu nhiên (hiện một lần sau khi tạo)
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="passwordMode" value="typed" checked={values.passwordMode === 'typed'} onChange={() => set('passwordMode', 'typed')} />
              Tự đặt mật khẩu
            </label>
          </div>
          <FieldError state={state} name="passwordMode" id="new-user-password-mode-error" />
        </fieldset>
        {values.passwordMode === 'typed' ? (
          <>
            <TextField
              id="new-user-password"
              name="password"
              label="Mật khẩu"
              type="password"
              autoComplete="new-password"
              hint={PASSWORD_HINT}
              state={state}
              value={values.password}
              onChange={(v) => set('password', v)}
            />
            <TextField
              id="new-user-password-confirm"
              name="passwordConfirm"
              label="Nhập lại mật khẩu"
              type="password"
              autoComplete="new-password"
              state={state}
              value={values.passwordConfirm}
              onChange={(v) => set('passwordConfirm', v)}
            />
          </>
        ) : null}

        <div className="sm:col-span-2">
          <Button type="submit" disabled={pending} variant="primary" size="sm">
            {pending ? 'Đang tạo…' : 'Tạo tài khoản'}
          </Button>
        </div>
      </ActionForm>
      <FormStatus state={state} id="create-user-status" />
      {created?.password ? <OneTimePassword email={created.email} password={created.password} /> : null}
    </div>
  );
}

export function UserAccessForm({
  action,
  userId,
  initial,
  provinces,
  clusters,
}: {
  action: Action;
  userId: string;
  initial: { role: Role; provinceId: string | null; clusterId: string | null };
  provinces: ScopeOption[];
  clusters: ScopeOption[];
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const [scope, setScope] = useState<Scope>({ role: initial.role, provinceId: initial.provinceId ?? '', clusterId: initial.clusterId ?? '' });
  return (
    <ActionForm action={formAction} state={state} noValidate className="grid gap-4 sm:grid-cols-2" aria-describedby="user-access-status">
      <input type="hidden" name="userId" value={userId} />
      <ScopeFields prefix="user-access" value={scope} onChange={setScope} provinces={provinces} clusters={clusters} state={state} />
      <div className="space-y-2 sm:col-span-2">
        <Button type="submit" disabled={pending} variant="primary" size="sm">
          {pending ? 'Đang lưu…' : 'Lưu vai trò và phạm vi'}
        </Button>
        <FormStatus state={state} id="user-access-status" />
      </div>
    </ActionForm>
  );
}

export function UserActiveForm({ action, userId, email, active, self }: { action: Action; userId: string; email: string; active: boolean; self: boolean }) {
  const [state, formAction, pending] = useActionState(action, null);
  if (self && active) {
    return <p className="text-sm text-slate-600">Đây là tài khoản của bạn: bạn không thể tự khoá.</p>;
  }
  return (
    <ActionForm
      action={formAction} state={state}
      onSubmit={(e) => {
        if (active && !window.confirm(`Khoá tài khoản ${email}? Người dùng bị đăng xuất ngay và không đăng nhập được nữa.`)) e.preventDefault();
      }}
      className="space-y-2"
    >
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="active" value={active ? 'false' : 'true'} />
      <Button type="submit" disabled={pending} aria-describedby="user-active-status" variant={active ? 'danger' : 'approve'} size="sm">
        {active ? 'Khoá tài khoản' : 'Mở khoá tài khoản'}
      </Button>
      <FormStatus state={state} id="user-active-status" />
    </ActionForm>
  );
}

export function ResetPasswordForm({ action, userId, email }: { action: Action; userId: string; email: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <div className="space-y-3">
      <ActionForm
        action={formAction} state={state}
        onSubmit={(e) => {
          if (!window.confirm(`Đặt mật khẩu mới cho ${email}? Mật khẩu cũ hết hiệu lực và người dùng bị đăng xuất.`)) e.preventDefault();
        }}
        className="space-y-2"
      >
        <input type="hidden" name="userId" value={userId} />
        <Button
          type="submit"
          disabled={pending}
          aria-describedby="reset-password-status"
          variant="neutral" size="sm"
        >
          {pending ? 'Đang đặt lại…' : 'Đặt lại mật khẩu'}
        </Button>
        <FormStatus state={state} id="reset-password-status" />
      </ActionForm>
      {state?.ok && state.secret ? <OneTimePassword email={email} password={state.secret} /> : null}
    </div>
  );
}
