import type { ActionState } from '@/lib/http/action-state';

/** The result of a form action, announced to screen readers. */
export function FormStatus({ state, id }: { state: ActionState<unknown>; id: string }) {
  return (
    <p id={id} role="status" aria-live="polite" className={`min-h-5 text-sm ${state?.ok ? 'text-emerald-700' : 'text-red-700'}`}>
      {state?.message}
    </p>
  );
}

export function FieldError({ state, name, id }: { state: ActionState<unknown>; name: string; id: string }) {
  const message = state && !state.ok ? state.fieldErrors[name]?.[0] : undefined;
  return (
    <p id={id} aria-live="polite" className="text-sm text-red-700">
      {message}
    </p>
  );
}
