'use client';

import { useState } from 'react';

/**
 * Signs out as next-auth's signOut() does (its CSRF token, then POST /api/auth/signout), without
 * next-auth/react: this button is on every page, and the library would come with it.
 */
async function signOut(): Promise<void> {
  const { csrfToken } = (await (await fetch('/api/auth/csrf')).json()) as { csrfToken: string };
  await fetch('/api/auth/signout', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, callbackUrl: '/dang-nhap', json: 'true' }),
  });
  window.location.href = '/dang-nhap';
}

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        signOut().catch(() => setPending(false));
      }}
      className="rounded-md border border-white/40 px-3 py-1.5 text-sm font-medium text-white hover:bg-white/10"
    >
      Đăng xuất
    </button>
  );
}
