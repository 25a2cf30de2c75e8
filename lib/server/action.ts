import 'server-only';
import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import type { SessionUser } from '../authz';
import { UserFacingError } from '../errors';
import { getDb, type Db } from './db';
import { getCurrentUser } from './session';

import type { ActionState } from '../action-state';

export type { ActionState };

const NOT_SIGNED_IN = 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.';
const FORBIDDEN = 'Bạn không có quyền thực hiện thao tác này.';
const INVALID = 'Dữ liệu chưa hợp lệ. Vui lòng kiểm tra các ô được đánh dấu.';

/**
 * Every server action is a public POST endpoint: this wrapper parses the input
 * with zod, loads the session, checks the role and scope, runs one data-layer
 * call, revalidates, and returns a typed state. Unexpected errors are logged
 * and reported without internals.
 */
export function defineFormAction<S extends z.ZodType>(spec: {
  schema: S;
  authorize: (user: SessionUser, input: z.infer<S>) => boolean | Promise<boolean>;
  run: (ctx: { db: Db; user: SessionUser; input: z.infer<S> }) => Promise<string>;
  revalidate?: string[];
}) {
  return async function action(_prev: ActionState, formData: FormData): Promise<ActionState> {
    const user = await getCurrentUser();
    if (!user) return { ok: false, message: NOT_SIGNED_IN, fieldErrors: {} };
    const parsed = spec.schema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      const flat = parsed.error.flatten() as { fieldErrors: Record<string, string[] | undefined> };
      return { ok: false, message: INVALID, fieldErrors: flat.fieldErrors };
    }
    if (!(await spec.authorize(user, parsed.data))) return { ok: false, message: FORBIDDEN, fieldErrors: {} };
    try {
      const message = await spec.run({ db: getDb(), user, input: parsed.data });
      for (const path of spec.revalidate ?? []) revalidatePath(path);
      return { ok: true, message };
    } catch (error) {
      if (error instanceof UserFacingError) return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
      console.error(error);
      return { ok: false, message: 'Đã có lỗi, chưa lưu được. Vui lòng thử lại.', fieldErrors: {} };
    }
  };
}
