'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/lib/http/action-state';

export function RetryMessageForm({ action, id }: { action: (prev: ActionState, formData: FormData) => Promise<ActionState>; id: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-col items-start gap-1">
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-60">
        {pending ? 'Đang đưa vào hàng đợi…' : 'Gửi lại'}
      </button>
      <p role="status" aria-live="polite" className={`text-xs ${state?.ok ? 'text-emerald-700' : 'text-red-700'}`}>
        {state?.message}
      </p>
    </form>
  );
}
