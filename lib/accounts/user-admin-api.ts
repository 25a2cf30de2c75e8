import 'server-only';
import { z } from 'zod';
import { canManageUsers, type SessionUser } from '../permissions';
import { forbidden, UserFacingError } from '../errors';
import type { Role } from '../generated/prisma/enums';
import type { Db } from '../platform/db';
import { inForceWhere, vietnamDay } from '../reference/validity';
import { createUser } from './user-admin';
import { CreateUserSchema } from './user-schemas';

// POST /api/v1/users: an account created as the users page creates it (lib/accounts/user-admin.ts
// createUser, the one CreateUserSchema), with the province and the cluster named by their codes,
// as everywhere in the API, and always a generated password, shown once in the answer.

const code = (what: string) => z.string({ error: `${what} phải là một mã (chuỗi).` }).trim().max(20, `${what} không hợp lệ.`).nullish();

/** The body: `{ "email", "name", "role", "province"?, "cluster"? }`; the fields themselves are checked by CreateUserSchema. */
export const CreateUserApiSchema = z.strictObject(
  { email: z.unknown(), name: z.unknown(), role: z.unknown(), province: code('Mã tỉnh'), cluster: code('Mã cụm') },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? 'Chỉ nhận các trường email, name, role, province, cluster. Mật khẩu do cổng tạo và chỉ hiện một lần trong câu trả lời.'
        : undefined,
  },
);
export type CreateUserApiInput = z.infer<typeof CreateUserApiSchema>;

export type CreatedUserJson = {
  user: { id: string; email: string; name: string; role: Role; province: string | null; cluster: string | null };
  password: string;
};

const fieldError = (field: string, message: string) => new UserFacingError(message, { [field]: [message] });

/** The API's field names for CreateUserSchema's. */
const API_FIELD: Record<string, string> = { provinceId: 'province', clusterId: 'cluster' };

/**
 * Creates an account from the API's body, administrators only: the province is the one in force
 * today with that code (codes are reused across the 2025 mergers), the cluster the one with that
 * code. Refused whole, naming the field, as the users page refuses it.
 */
export async function createUserFromApi(db: Db, actor: SessionUser, body: CreateUserApiInput, now: Date = new Date()): Promise<CreatedUserJson> {
  if (!canManageUsers(actor)) throw forbidden();
  const [province, cluster] = await Promise.all([
    body.province ? db.province.findFirst({ where: { code: body.province, ...inForceWhere(vietnamDay(now)) }, select: { id: true, code: true } }) : null,
    body.cluster ? db.cluster.findUnique({ where: { code: body.cluster }, select: { id: true, code: true } }) : null,
  ]);
  if (body.province && !province) throw fieldError('province', `Không có tỉnh, thành phố mã ${body.province} đang có hiệu lực.`);
  if (body.cluster && !cluster) throw fieldError('cluster', `Không có cụm mã ${body.cluster}.`);
  const parsed = CreateUserSchema.safeParse({
    email: body.email,
    name: body.name,
    role: body.role,
    provinceId: province?.id ?? null,
    clusterId: cluster?.id ?? null,
    passwordMode: 'generate',
  });
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      (fieldErrors[API_FIELD[path] ?? path] ??= []).push(issue.message);
    }
    throw new UserFacingError('Dữ liệu chưa hợp lệ. Xem danh sách lỗi theo từng trường.', fieldErrors);
  }
  const created = await createUser(db, actor, parsed.data, now);
  return {
    user: { id: created.id, email: parsed.data.email, name: parsed.data.name, role: parsed.data.role, province: province?.code ?? null, cluster: cluster?.code ?? null },
    password: created.generatedPassword!,
  };
}
