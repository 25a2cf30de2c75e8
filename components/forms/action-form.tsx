'use client';

import { useEffect, useRef, useTransition, type FormHTMLAttributes } from 'react';
import type { ActionState } from '@/lib/http/action-state';

type Props = Omit<FormHTMLAttributes<HTMLFormElement>, 'action'> & {
  /** The dispatch function of useActionState. */
  action: (formData: FormData) => void;
  /** The action's last answer: the fields are emptied only after a success. */
  state: ActionState<unknown>;
  /** Empty the fields after a success (default); false keeps them (an edit form showing saved values). */
  resetOnSuccess?: boolean;
};

/**
 * A form for a server action that keeps what was typed when the action refuses it. React resets
 * a form whose `action` is a function after every submission, so a user told that one field is
 * wrong would find every other field emptied too; this form submits through the same action
 * inside a transition instead, and empties its fields only after a success.
 */
export function ActionForm({ action, state, resetOnSuccess = true, onSubmit, children, ...props }: Props) {
  const ref = useRef<HTMLFormElement>(null);
  const [, startTransition] = useTransition();
  useEffect(() => {
    if (resetOnSuccess && state?.ok) ref.current?.reset();
  }, [state, resetOnSuccess]);
  return (
    <form
      ref={ref}
      {...props}
      onSubmit={(event) => {
        // A handler of the form's own (a confirmation) may cancel the submission.
        onSubmit?.(event);
        if (event.defaultPrevented) return;
        event.preventDefault();
        const submitter = (event.nativeEvent as SubmitEvent).submitter;
        const data = new FormData(event.currentTarget, submitter instanceof HTMLElement ? submitter : null);
        startTransition(() => action(data));
      }}
    >
      {children}
    </form>
  );
}
