'use server';

import { ROLE_LABELS } from '@/lib/permissions';
import { defineFormAction } from '@/lib/http/action';
import { revokedTokensNote } from '@/lib/accounts/api-tokens';
import { createUser, resetUserPassword, setUserActive, updateUserAccess } from '@/lib/accounts/user-admin';
import { canManageUsers } from '@/lib/permissions';
import { CreateUserSchema, ResetUserPasswordSchema, SetUserActiveSchema, UpdateUserAccessSchema } from '@/lib/accounts/user-schemas';

const LIST = '/quan-tri/nguoi-dung';

export const createUserAction = defineFormAction({
  name: 'user.create',
  schema: CreateUserSchema,
  authorize: canManageUsers,
  run: async ({ db, user, input }) => {
    const created = await createUser(db, user, input);
    const message = `Đã tạo tài khoản ${input.email} (${ROLE_LABELS[input.role]}).`;
    // A generated password is shown this once; a typed one the administrator already knows.
    return created.generatedPassword ? { message, secret: created.generatedPassword } : message;
  },
  revalidate: [LIST],
});

export const updateUserAccessAction = defineFormAction({
  name: 'user.access.update',
  schema: UpdateUserAccessSchema,
  authorize: canManageUsers,
  run: async ({ db, user, input }) =>
    (await updateUserAccess(db, user, input)) ? 'Đã cập nhật vai trò và phạm vi.' : 'Không có thay đổi nào.',
  revalidate: (input) => [LIST, `${LIST}/${input.userId}`],
});

export const setUserActiveAction = defineFormAction({
  name: 'user.active.set',
  schema: SetUserActiveSchema,
  // No one locks themselves out; the data layer refuses it too.
  authorize: (user, input) => canManageUsers(user) && (input.active || input.userId !== user.id),
  run: async ({ db, user, input }) => {
    const { email, changed, revokedTokens } = await setUserActive(db, user, input);
    if (!changed) return input.active ? `Tài khoản ${email} đang hoạt động.` : `Tài khoản ${email} đã bị khoá.`;
    return input.active
      ? `Đã mở khoá tài khoản ${email}. Người dùng đăng nhập lại để tiếp tục.`
      : `Đã khoá tài khoản ${email}. Người dùng bị đăng xuất ngay.${revokedTokensNote(revokedTokens)}`;
  },
  revalidate: (input) => [LIST, `${LIST}/${input.userId}`],
});

export const resetUserPasswordAction = defineFormAction({
  name: 'user.password.reset',
  schema: ResetUserPasswordSchema,
  authorize: canManageUsers,
  run: async ({ db, user, input }) => {
    const { email, password, revokedTokens } = await resetUserPassword(db, user, input);
    return { message: `Đã đặt mật khẩu mới cho ${email}. Các phiên đăng nhập của tài khoản này đã kết thúc.${revokedTokensNote(revokedTokens)}`, secret: password };
  },
  revalidate: (input) => [`${LIST}/${input.userId}`],
});
