'use client';

import { useActionState } from 'react';
import { FormStatus } from '@/components/forms/form-status';
import { Button } from '@/components/ui/button';
import type { ActionState } from '@/lib/http/action-state';

type Row = { kind: string; label: string; audience: string; email: boolean };

/** One checkbox per kind the user may switch off; the kinds shown travel with the form, so an unticked box means "no e-mail". */
export function NotificationPreferencesForm({
  action,
  rows,
}: {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  rows: Row[];
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="shown" value={rows.map((r) => r.kind).join(',')} />
      <fieldset className="space-y-3">
        <legend className="sr-only">Nhận qua thư điện tử</legend>
        {rows.map((r) => (
          <div key={r.kind} className="flex items-start gap-3">
            <input
              id={`email-${r.kind}`}
              name={`email.${r.kind}`}
              type="checkbox"
              defaultChecked={r.email}
              aria-describedby={`email-${r.kind}-who`}
              className="mt-1 h-5 w-5 shrink-0 rounded border-slate-300"
            />
            <label htmlFor={`email-${r.kind}`} className="text-sm">
              <span className="block font-medium">{r.label}</span>
              <span id={`email-${r.kind}-who`} className="block text-slate-600">
                {r.audience}
              </span>
            </label>
          </div>
        ))}
      </fieldset>
      <Button type="submit" variant="primary" size="sm" disabled={pending} aria-describedby="preferences-status">
        {pending ? 'Đang lưu…' : 'Lưu'}
      </Button>
      <FormStatus state={state} id="preferences-status" />
    </form>
  );
}
