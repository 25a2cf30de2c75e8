'use client';

import { useRef, useState } from 'react';

/** A password shown once, with a copy button: the portal keeps only its hash. */
export function OneTimePassword({ password, email }: { password: string; email: string }) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(password);
      setCopied('yes');
    } catch {
      // No clipboard (e.g. plain http): select the text so that Ctrl+C / long-press copies it.
      field.current?.select();
      setCopied('no');
    }
  }
  return (
    <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="one-time-password">
      <p className="text-sm font-semibold text-amber-900">
        Mật khẩu của {email} chỉ hiện lần này. Hãy sao chép và chuyển cho người dùng qua kênh an toàn; người dùng nên đổi mật khẩu sau lần
        đăng nhập đầu tiên.
      </p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <label htmlFor="one-time-password" className="sr-only">
          Mật khẩu mới
        </label>
        <input
          ref={field}
          id="one-time-password"
          readOnly
          value={password}
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-base"
        />
        <button type="button" onClick={copy} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50">
          Sao chép
        </button>
      </div>
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-amber-900">
        {copied === 'yes' ? 'Đã sao chép.' : copied === 'no' ? 'Không sao chép tự động được: mật khẩu đã được chọn, hãy nhấn Ctrl+C.' : ''}
      </p>
    </div>
  );
}
