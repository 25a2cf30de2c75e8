'use client';

import { useEffect, useRef } from 'react';

/**
 * What was just done to the report (sent, approved, returned, reopened), at the top of its page.
 * The button that did it is gone with the form, so focus comes here, and a screen reader reads it.
 */
export function OutcomeNote({ message }: { message: string }) {
  const note = useRef<HTMLParagraphElement>(null);
  useEffect(() => note.current?.focus(), [message]);
  return (
    <p
      ref={note}
      tabIndex={-1}
      className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm font-medium text-emerald-900"
      data-testid="report-outcome"
    >
      <span aria-hidden="true">✓ </span>
      {message}
    </p>
  );
}
