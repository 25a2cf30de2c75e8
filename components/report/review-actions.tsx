'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/lib/http/action-state';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;
type Ref = { provinceCode: string; periodCode: string; version: number };

function Hidden({ r }: { r: Ref }) {
  return (
    <>
      <input type="hidden" name="provinceCode" value={r.provinceCode} />
      <input type="hidden" name="periodCode" value={r.periodCode} />
      <input type="hidden" name="version" value={r.version} />
    </>
  );
}

function Status({ state, id }: { state: ActionState; id: string }) {
  return (
    <p id={id} role="status" aria-live="polite" className={`text-sm font-medium ${state?.ok ? 'text-emerald-700' : 'text-red-700'}`}>
      {state?.message}
    </p>
  );
}

export function ApproveForm({ action, r }: { action: Action; r: Ref }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2">
      <Hidden r={r} />
      <button type="submit" disabled={pending} className="rounded-md bg-emerald-700 px-4 py-2 font-semibold text-white hover:bg-emerald-800 disabled:opacity-60">
        {pending ? 'Đang duyệt…' : 'Duyệt báo cáo'}
      </button>
      <Status state={state} id="approve-status" />
    </form>
  );
}

/** Return (with a required comment) or reopen (with a required reason). */
export function CommentForm({ action, r, kind }: { action: Action; r: Ref; kind: 'return' | 'reopen' }) {
  const [state, formAction, pending] = useActionState(action, null);
  const id = `${kind}-comment`;
  const error = state && !state.ok ? state.fieldErrors.comment?.[0] : undefined;
  const label = kind === 'return' ? 'Nhận xét khi trả lại (bắt buộc)' : 'Lý do mở lại (bắt buộc)';
  const button = kind === 'return' ? 'Trả lại cho tỉnh' : 'Mở lại báo cáo';
  return (
    <form action={formAction} className="space-y-2">
      <Hidden r={r} />
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        name="comment"
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-error`}
        className="block w-full rounded-md border border-slate-300 px-3 py-2 text-base"
      />
      <p id={`${id}-error`} aria-live="polite" className="text-sm text-red-700">
        {error}
      </p>
      <button type="submit" disabled={pending} className="rounded-md border border-red-700 px-4 py-2 font-semibold text-red-800 hover:bg-red-50 disabled:opacity-60">
        {pending ? 'Đang xử lý…' : button}
      </button>
      <Status state={state} id={`${kind}-status`} />
    </form>
  );
}
