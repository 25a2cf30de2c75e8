'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';

/**
 * Asks before a step that cannot simply be taken back (sending a report, approving it, returning
 * it). A native modal <dialog>: the page behind is inert, Esc cancels, and focus stays inside.
 * Focus starts on “Quay lại”, the harmless choice, and returns to the button that opened it.
 * Render it inside the form it confirms, with that form's submit button as `confirm`.
 */
export function ConfirmDialog({
  open,
  onCancel,
  title,
  children,
  confirm,
}: {
  open: boolean;
  /** Called when the dialog closes without confirming (“Quay lại”, Esc). */
  onCancel: () => void;
  title: string;
  children: ReactNode;
  confirm: ReactNode;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const back = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement;
      d.showModal();
      back.current?.focus();
    } else if (!open && d.open) {
      d.close();
    }
  }, [open]);

  function onClose() {
    onCancel();
    const o = opener.current;
    if (o instanceof HTMLElement && o.isConnected) o.focus();
  }

  return (
    <dialog
      ref={dialog}
      onClose={onClose}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg border border-slate-200 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      <div id={`${id}-text`} className="mt-2 space-y-2 text-sm text-slate-700">
        {children}
      </div>
      <div className="mt-4 flex flex-wrap justify-end gap-3">
        <Button ref={back} type="button" variant="secondary" onClick={() => dialog.current?.close()}>
          Quay lại
        </Button>
        {confirm}
      </div>
    </dialog>
  );
}
