'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/lib/http/action-state';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/input';

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
      <Button type="submit" disabled={pending} variant="approve">
        {pending ? 'Đang duyệt…' : 'Duyệt báo cáo'}
      </Button>
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
      <Label htmlFor={id}>
        {label}
      </Label>
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
      <Button type="submit" disabled={pending} variant="danger">
        {pending ? 'Đang xử lý…' : button}
      </Button>
      <Status state={state} id={`${kind}-status`} />
    </form>
  );
}
