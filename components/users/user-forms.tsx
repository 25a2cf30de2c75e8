'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { FieldError, FormStatus } from '@/components/forms/form-status';
import type { ActionState } from '@/lib/http/action-state';
import { ROLE_LABELS, ROLES, scopeOfRole } from '@/lib/permissions';
import type { Role } from '@/lib/generated/prisma/enums';
import { PASSWORD_HINT } from '@/lib/accounts/password-policy';
import { OneTimePassword } from './one-time-password';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;
export type ScopeOption = { id: string; label: string };

const input = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm';
const button = 'rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60';

function fieldErrorOf(state: ActionState, name: string): string | undefined {
  return state && !state.ok ? state.fieldErrors[name]?.[0] : undefined;
}

type Scope = { role: Role | ''; provinceId: string; clusterId: string };

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
  return (
    <>
      <div>
        <label htmlFor={`${prefix}-role`} className="block text-sm font-medium">
          Vai trò
        </label>
        <select
          id={`${prefix}-role`}
          name="role"
          value={value.role}
          onChange={(e) => onChange({ ...value, role: e.target.value as Role | '' })}
          className={input}
          aria-invalid={fieldErrorOf(state, 'role') ? true : undefined}
          aria-describedby={`${prefix}-role-error`}
        >
          <option value="">— Chọn —</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <FieldError state={state} name="role" id={`${prefix}-role-error`} />
      </div>
      {scope === 'province' ? (
        <div>
          <label htmlFor={`${prefix}-province`} className="block text-sm font-medium">
            Tỉnh, thành phố
          </label>
          <select
            id={`${prefix}-province`}
            name="provinceId"
            value={value.provinceId}
            onChange={(e) => onChange({ ...value, provinceId: e.target.value })}
            className={input}
            aria-invalid={fieldErrorOf(state, 'provinceId') ? true : undefined}
            aria-describedby={`${prefix}-province-error`}
          >
            <option value="">— Chọn —</option>
            {provinces.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
          <FieldError state={state} name="provinceId" id={`${prefix}-province-error`} />
        </div>
      ) : null}
      {scope === 'cluster' ? (
        <div>
          <label htmlFor={`${prefix}-cluster`} className="block text-sm font-medium">
            Cụm
          </label>
          <select
            id={`${prefix}-cluster`}
            name="clusterId"
            value={value.clusterId}
            onChange={(e) => onChange({ ...value, clusterId: e.target.value })}
            className={input}
            aria-invalid={fieldErrorOf(state, 'clusterId') ? true : undefined}
            aria-describedby={`${prefix}-cluster-error`}
          >
            <option value="">— Chọn —</option>
            {clusters.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
          <FieldError state={state} name="clusterId" id={`${prefix}-cluster-error`} />
        </div>
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
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete={autoComplete}
        className={input}
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
      <form
        action={formAction}
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
          <button type="submit" disabled={pending} className={button}>
            {pending ? 'Đang tạo…' : 'Tạo tài khoản'}
          </button>
        </div>
      </form>
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
    <form action={formAction} noValidate className="grid gap-4 sm:grid-cols-2" aria-describedby="user-access-status">
      <input type="hidden" name="userId" value={userId} />
      <ScopeFields prefix="user-access" value={scope} onChange={setScope} provinces={provinces} clusters={clusters} state={state} />
      <div className="space-y-2 sm:col-span-2">
        <button type="submit" disabled={pending} className={button}>
          {pending ? 'Đang lưu…' : 'Lưu vai trò và phạm vi'}
        </button>
        <FormStatus state={state} id="user-access-status" />
      </div>
    </form>
  );
}

export function UserActiveForm({ action, userId, email, active, self }: { action: Action; userId: string; email: string; active: boolean; self: boolean }) {
  const [state, formAction, pending] = useActionState(action, null);
  if (self && active) {
    return <p className="text-sm text-slate-600">Đây là tài khoản của bạn: bạn không thể tự khoá.</p>;
  }
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (active && !window.confirm(`Khoá tài khoản ${email}? Người dùng bị đăng xuất ngay và không đăng nhập được nữa.`)) e.preventDefault();
      }}
      className="space-y-2"
    >
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="active" value={active ? 'false' : 'true'} />
      <button
        type="submit"
        disabled={pending}
        aria-describedby="user-active-status"
        className={
          active
            ? 'rounded-md border border-red-300 px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60'
            : 'rounded-md border border-emerald-400 px-4 py-2 text-sm font-medium text-emerald-800 hover:bg-emerald-50 disabled:opacity-60'
        }
      >
        {active ? 'Khoá tài khoản' : 'Mở khoá tài khoản'}
      </button>
      <FormStatus state={state} id="user-active-status" />
    </form>
  );
}

export function ResetPasswordForm({ action, userId, email }: { action: Action; userId: string; email: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <div className="space-y-3">
      <form
        action={formAction}
        onSubmit={(e) => {
          if (!window.confirm(`Đặt mật khẩu mới cho ${email}? Mật khẩu cũ hết hiệu lực và người dùng bị đăng xuất.`)) e.preventDefault();
        }}
        className="space-y-2"
      >
        <input type="hidden" name="userId" value={userId} />
        <button
          type="submit"
          disabled={pending}
          aria-describedby="reset-password-status"
          className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-60"
        >
          {pending ? 'Đang đặt lại…' : 'Đặt lại mật khẩu'}
        </button>
        <FormStatus state={state} id="reset-password-status" />
      </form>
      {state?.ok && state.secret ? <OneTimePassword email={email} password={state.secret} /> : null}
    </div>
  );
}
