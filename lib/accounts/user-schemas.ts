// Forms about accounts: user management by administrators, the user's own
// password, and what the sign-in form must know about throttling. Pure (zod),
// shared by the forms, the server actions and the data layer.
import { z } from 'zod';
import { SignInSchema } from './auth-schemas';
import { ROLES, scopeOfRole, type Role } from '../permissions';
import { NewPasswordSchema, normalizePassword, PASSWORD_MESSAGES, refinePasswordWithEmail } from './password-policy';


// ---------------------------------------------------------------------------
// Sign-in throttling: the limits live here because the sign-in form names the wait.

export const SIGN_IN_THROTTLE = {
  /** Failed attempts counted over this many minutes. */
  windowMinutes: 15,
  /** Failures for one e-mail address (existing or not) within the window before it is refused. */
  maxFailuresPerAccount: 5,
  /** Failures from one network address within the window before it is refused. */
  maxFailuresPerIp: 20,
} as const;

/** What authorize() throws when throttled; next-auth hands it to the form as `result.error`. */
export const SIGN_IN_THROTTLED_ERROR = 'SignInThrottled';
export const SIGN_IN_THROTTLED_MESSAGE = `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${SIGN_IN_THROTTLE.windowMinutes} phút.`;

/** What authorize() throws when the sign-in could not be checked (database down): never the error itself. */
export const SIGN_IN_UNAVAILABLE_ERROR = 'SignInUnavailable';
export const SIGN_IN_UNAVAILABLE_MESSAGE = 'Hệ thống tạm thời không kiểm tra được đăng nhập. Vui lòng thử lại sau ít phút.';

/** The sign-in form's message for the error next-auth hands back. */
export function signInErrorMessage(error: string): string {
  if (error === SIGN_IN_THROTTLED_ERROR) return SIGN_IN_THROTTLED_MESSAGE;
  if (error === SIGN_IN_UNAVAILABLE_ERROR) return SIGN_IN_UNAVAILABLE_MESSAGE;
  return 'Email hoặc mật khẩu không đúng.';
}

// ---------------------------------------------------------------------------
// Fields

const EmailSchema = SignInSchema.shape.email;

const NameSchema = z
  .string({ error: 'Vui lòng nhập họ tên.' })
  .trim()
  .min(1, 'Vui lòng nhập họ tên.')
  .max(100, 'Họ tên tối đa 100 ký tự.');

const RoleSchema = z.enum(ROLES, { error: 'Vui lòng chọn vai trò.' });

const UserIdSchema = z.string({ error: 'Thiếu tài khoản cần thay đổi.' }).trim().min(1, 'Thiếu tài khoản cần thay đổi.').max(64);

/** A select left on "— Chọn —" (or absent) is null. */
const OptionalIdSchema = z
  .string()
  .trim()
  .max(64, 'Lựa chọn không hợp lệ.')
  .nullish()
  .transform((v) => (v ? v : null));

export const SCOPE_MESSAGES = {
  staffNeedsProvince: 'Cán bộ tỉnh phải gắn với một tỉnh, thành phố.',
  leaderNeedsCluster: 'Cụm trưởng phải gắn với một cụm.',
  noProvince: 'Vai trò này không gắn với tỉnh, thành phố.',
  noCluster: 'Vai trò này không gắn với cụm.',
} as const;

type Scoped = { role: Role; provinceId: string | null; clusterId: string | null };

/** Staff have a province, leaders a cluster, central staff and administrators neither. */
function refineScope(value: Scoped, ctx: z.RefinementCtx): void {
  const needsProvince = scopeOfRole(value.role) === 'province';
  const needsCluster = scopeOfRole(value.role) === 'cluster';
  if (needsProvince && !value.provinceId) ctx.addIssue({ code: 'custom', path: ['provinceId'], message: SCOPE_MESSAGES.staffNeedsProvince });
  if (!needsProvince && value.provinceId) ctx.addIssue({ code: 'custom', path: ['provinceId'], message: SCOPE_MESSAGES.noProvince });
  if (needsCluster && !value.clusterId) ctx.addIssue({ code: 'custom', path: ['clusterId'], message: SCOPE_MESSAGES.leaderNeedsCluster });
  if (!needsCluster && value.clusterId) ctx.addIssue({ code: 'custom', path: ['clusterId'], message: SCOPE_MESSAGES.noCluster });
}

export const PASSWORD_CONFIRM_MISMATCH = 'Mật khẩu nhập lại không khớp.';

// ---------------------------------------------------------------------------
// User management (administrators)

export const CreateUserSchema = z
  .object({
    email: EmailSchema,
    name: NameSchema,
    role: RoleSchema,
    provinceId: OptionalIdSchema,
    clusterId: OptionalIdSchema,
    /** "generate": the portal makes a strong password and shows it once; "typed": the administrator's. */
    passwordMode: z.enum(['generate', 'typed'], { error: 'Vui lòng chọn cách đặt mật khẩu.' }),
    password: z.string().max(200, 'Mật khẩu quá dài.').optional(),
    passwordConfirm: z.string().max(200).optional(),
  })
  .superRefine((value, ctx) => {
    refineScope(value, ctx);
    if (value.passwordMode !== 'typed') return;
    const password = value.password ?? '';
    if (password === '') {
      ctx.addIssue({ code: 'custom', path: ['password'], message: PASSWORD_MESSAGES.required });
      return;
    }
    refinePasswordWithEmail(ctx, password, value.email, ['password']);
    if (normalizePassword(password) !== normalizePassword(value.passwordConfirm ?? '')) ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: PASSWORD_CONFIRM_MISMATCH });
  })
  .transform(({ passwordConfirm: _confirm, passwordMode, password, ...rest }) => ({
    ...rest,
    /** The typed password; null when the portal is to generate one. */
    password: passwordMode === 'typed' ? (password ?? '') : null,
  }));
export type CreateUserInput = z.infer<typeof CreateUserSchema>;

export const UpdateUserAccessSchema = z
  .object({ userId: UserIdSchema, role: RoleSchema, provinceId: OptionalIdSchema, clusterId: OptionalIdSchema })
  .superRefine(refineScope);
export type UpdateUserAccessInput = z.infer<typeof UpdateUserAccessSchema>;

export const SetUserActiveSchema = z.object({
  userId: UserIdSchema,
  active: z.enum(['true', 'false'], { error: 'Thiếu trạng thái cần đặt.' }).transform((v) => v === 'true'),
});
export type SetUserActiveInput = z.infer<typeof SetUserActiveSchema>;

export const ResetUserPasswordSchema = z.object({ userId: UserIdSchema });
export type ResetUserPasswordInput = z.infer<typeof ResetUserPasswordSchema>;

// ---------------------------------------------------------------------------
// The user's own password

export const ChangePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: 'Vui lòng nhập mật khẩu hiện tại.' })
      .min(1, 'Vui lòng nhập mật khẩu hiện tại.')
      .max(200, 'Mật khẩu quá dài.'),
    // The rule about the e-mail is checked by the data layer, which knows the account.
    newPassword: NewPasswordSchema,
    confirmPassword: z.string({ error: 'Vui lòng nhập lại mật khẩu mới.' }).max(200),
  })
  .superRefine((value, ctx) => {
    const same = (a: string, b: string) => normalizePassword(a) === normalizePassword(b);
    if (!same(value.confirmPassword, value.newPassword)) {
      ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: PASSWORD_CONFIRM_MISMATCH });
    }
    if (value.currentPassword !== '' && same(value.newPassword, value.currentPassword)) {
      ctx.addIssue({ code: 'custom', path: ['newPassword'], message: 'Mật khẩu mới phải khác mật khẩu hiện tại.' });
    }
  });
export type ChangePasswordInput = z.infer<typeof ChangePasswordSchema>;
