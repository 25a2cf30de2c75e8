import type { ActionState } from '@/lib/http/action-state';

/**
 * The way back when the session has ended: the sign-in page, which returns to this page. A plain
 * link, not a client navigation: the page comes back whole, as the new session sees it.
 */
export function SignInAgain({ state }: { state: ActionState<unknown> }) {
  const href = state && !state.ok ? state.signInUrl : undefined;
  if (!href) return null;
  return (
    <>
      {' '}
      <a href={href} className="font-semibold text-brand-700 underline" data-testid="sign-in-again">
        Đăng nhập lại
      </a>
    </>
  );
}

/** The result of a form action, announced to screen readers. */
export function FormStatus({ state, id }: { state: ActionState<unknown>; id: string }) {
  return (
    <p id={id} role="status" aria-live="polite" className={`min-h-5 text-sm ${state?.ok ? 'text-emerald-700' : 'text-red-700'}`}>
      {state?.message}
      <SignInAgain state={state} />
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
