'use client';

import { useRef, useState } from 'react';
import { buttonClass } from '@/components/ui/button';

/**
 * A secret shown once (a new API token, a generated password) with a copy
 * button: the portal keeps only its hash, so it cannot be shown again.
 */
export function OneTimeSecret({
  secret,
  inputId,
  inputLabel,
  what,
  testId,
  monospaceSize = 'text-sm',
  children,
}: {
  secret: string;
  inputId: string;
  inputLabel: string;
  /** "mã", "mật khẩu": named in the message when the clipboard is unavailable. */
  what: string;
  testId: string;
  monospaceSize?: 'text-sm' | 'text-base';
  /** The warning above the field and any help below it. */
  children: { heading: React.ReactNode; help?: React.ReactNode };
}) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      // No clipboard (e.g. plain http): select the text so that Ctrl+C / long-press copies it.
      field.current?.select();
      setCopied('no');
    }
  }
  return (
    <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3" data-testid={testId}>
      <p className="text-sm font-semibold text-amber-900">{children.heading}</p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <label htmlFor={inputId} className="sr-only">
          {inputLabel}
        </label>
        <input
          ref={field}
          id={inputId}
          readOnly
          value={secret}
          onFocus={(e) => e.currentTarget.select()}
          className={`block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono ${monospaceSize}`}
        />
        <button type="button" onClick={copy} className={`${buttonClass('neutral', 'compact')} bg-white`}>
          Sao chép
        </button>
      </div>
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-amber-900">
        {copied === 'yes' ? 'Đã sao chép.' : copied === 'no' ? `Không sao chép tự động được: ${what} đã được chọn, hãy nhấn Ctrl+C (hoặc giữ để sao chép).` : ''}
      </p>
      {children.help}
    </div>
  );
}
