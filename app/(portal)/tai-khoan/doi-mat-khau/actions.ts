'use server';

import { defineFormAction } from '@/lib/http/action';
import { requestIp } from '@/lib/accounts/sign-in-throttle';
import { revokedTokensNote } from '@/lib/accounts/api-tokens';
import { changeOwnPassword } from '@/lib/accounts/users';
import { ChangePasswordSchema } from '@/lib/accounts/user-schemas';

// Always the signed-in user's own password: the data layer takes the account from
// the session and checks the current password, so any signed-in user may use it.
export const changePasswordAction = defineFormAction({
  name: 'user.password.change',
  schema: ChangePasswordSchema,
  authorize: () => true,
  run: async ({ db, user, input }) => {
    const { revokedTokens } = await changeOwnPassword(db, user, input, { ip: await requestIp() });
    return `Đã đổi mật khẩu. Mọi phiên đăng nhập của tài khoản đã kết thúc, kể cả phiên này: vui lòng đăng nhập lại bằng mật khẩu mới.${revokedTokensNote(revokedTokens)}`;
  },
});
