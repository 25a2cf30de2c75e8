'use client';

import { useActionState, useRef, useState } from 'react';
import type { ActionState } from '@/lib/http/action-state';
import { ConfirmDialog } from '@/components/forms/confirm-dialog';
import { SignInAgain } from '@/components/forms/form-status';
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
      <SignInAgain state={state} />
    </p>
  );
}

// Approving, returning and reopening each ask first (ConfirmDialog); once done, the action goes
// back to the report page, which says what was done (lib/reports/report-outcome.ts).

/** Busy, but still focusable: a disabled button would drop focus to the page while the server answers. */
const busy = (pending: boolean) => ({ 'aria-disabled': pending || undefined, className: 'aria-disabled:opacity-60' });

export function ApproveForm({ action, r }: { action: Action; r: Ref }) {
  const [state, formAction, pending] = useActionState(action, null);
  const [asking, setAsking] = useState(false);
  return (
    <form action={formAction} className="space-y-2">
      <Hidden r={r} />
      <Button type="button" {...busy(pending)} variant="approve" aria-haspopup="dialog" onClick={() => pending || setAsking(true)}>
        {pending ? 'Đang duyệt…' : 'Duyệt báo cáo'}
      </Button>
      <ConfirmDialog
        open={asking}
        onCancel={() => setAsking(false)}
        title="Duyệt báo cáo này?"
        confirm={
          <Button type="submit" variant="approve" onClick={() => setAsking(false)}>
            Xác nhận duyệt
          </Button>
        }
      >
        <p>Số liệu của tỉnh được chốt cho kỳ này. Sau khi duyệt, tỉnh không sửa được nữa, trừ khi báo cáo được mở lại.</p>
      </ConfirmDialog>
      <Status state={state} id="approve-status" />
    </form>
  );
}

/** Return (with a required comment) or reopen (with a required reason). */
export function CommentForm({ action, r, kind }: { action: Action; r: Ref; kind: 'return' | 'reopen' }) {
  const [state, formAction, pending] = useActionState(action, null);
  const [asking, setAsking] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const comment = useRef<HTMLTextAreaElement>(null);
  const id = `${kind}-comment`;
  const error = state && !state.ok ? state.fieldErrors.comment?.[0] : undefined;
  const label = kind === 'return' ? 'Nhận xét khi trả lại (bắt buộc)' : 'Lý do mở lại (bắt buộc)';
  const button = kind === 'return' ? 'Trả lại cho tỉnh' : 'Mở lại báo cáo';

  function ask() {
    const text = comment.current?.value.trim() ?? '';
    // Without a comment there is nothing to confirm: the server says what is missing.
    if (text === '') form.current?.requestSubmit();
    else setAsking(text);
  }

  return (
    <form ref={form} action={formAction} className="space-y-2">
      <Hidden r={r} />
      <Label htmlFor={id}>
        {label}
      </Label>
      <textarea
        ref={comment}
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
      <Button type="button" {...busy(pending)} variant="danger" aria-haspopup="dialog" onClick={() => pending || ask()}>
        {pending ? 'Đang xử lý…' : button}
      </Button>
      <ConfirmDialog
        open={asking !== null}
        onCancel={() => setAsking(null)}
        title={kind === 'return' ? 'Trả báo cáo lại cho tỉnh?' : 'Mở lại báo cáo đã duyệt?'}
        confirm={
          <Button type="submit" variant="danger" onClick={() => setAsking(null)}>
            {kind === 'return' ? 'Xác nhận trả lại' : 'Xác nhận mở lại'}
          </Button>
        }
      >
        <p>
          {kind === 'return'
            ? 'Báo cáo trở về tỉnh để sửa; tỉnh thấy nhận xét này và phải gửi lại để được duyệt.'
            : 'Báo cáo không còn ở trạng thái đã duyệt; tỉnh sửa được và phải gửi lại để được duyệt.'}
        </p>
        <p className="rounded-md bg-slate-50 p-2 whitespace-pre-line text-slate-800">
          <span className="font-medium">{kind === 'return' ? 'Nhận xét: ' : 'Lý do: '}</span>
          {asking}
        </p>
      </ConfirmDialog>
      <Status state={state} id={`${kind}-status`} />
    </form>
  );
}
