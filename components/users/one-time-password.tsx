'use client';

import { OneTimeSecret } from '@/components/forms/one-time-secret';

/** A password shown once, with a copy button: the portal keeps only its hash. */
export function OneTimePassword({ password, email }: { password: string; email: string }) {
  return (
    <OneTimeSecret secret={password} inputId="one-time-password" inputLabel="Mật khẩu mới" what="mật khẩu" testId="one-time-password" monospaceSize="text-base">
      {{
        heading: `Mật khẩu của ${email} chỉ hiện lần này. Hãy sao chép và chuyển cho người dùng qua kênh an toàn; người dùng nên đổi mật khẩu sau lần đăng nhập đầu tiên.`,
      }}
    </OneTimeSecret>
  );
}
