'use client';

import { useActionState, useEffect } from 'react';
import type { ActionState } from '@/lib/http/action-state';

type OpenAction = (prev: ActionState<{ href: string }>, formData: FormData) => Promise<ActionState<{ href: string }>>;

/**
 * A notification's title as the button that opens it: the server marks it read, then the browser
 * loads the page it is about (a full load, so the header's bell shows the new count).
 */
export function OpenNotificationButton({ action, id, title, unread }: { action: OpenAction; id: string; title: string; unread: boolean }) {
  const [state, formAction, pending] = useActionState(action, null);
  const href = state?.ok ? state.payload?.href : undefined;
  useEffect(() => {
    if (href) window.location.assign(href);
  }, [href]);
  return (
    <form action={formAction}>
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending}
        className={`text-left break-words text-brand-700 hover:underline disabled:opacity-60 ${unread ? 'font-semibold' : 'font-medium'}`}
      >
        {unread ? <span className="sr-only">Chưa đọc: </span> : null}
        {title}
      </button>
      {state && !state.ok ? (
        <p role="status" className="text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

export function MarkAllReadButton({ action }: { action: (prev: ActionState, formData: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, null);
  useEffect(() => {
    // The header's count comes with the page: load it again.
    if (state?.ok) window.location.reload();
  }, [state]);
  return (
    <form action={formAction} className="flex flex-col items-start gap-1 sm:items-end">
      <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-60">
        {pending ? 'Đang đánh dấu…' : 'Đánh dấu tất cả là đã đọc'}
      </button>
      <p role="status" aria-live="polite" className={`min-h-5 text-sm ${state?.ok ? 'text-emerald-700' : 'text-red-700'}`}>
        {state?.message}
      </p>
    </form>
  );
}
