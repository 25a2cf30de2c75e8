import 'server-only';
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { z } from 'zod';
import type { SessionUser } from '../permissions';
import { UserFacingError } from '../errors';
import { getDb, type Db } from '../platform/db';
import { databaseBusyError } from '../platform/db-errors';
import { getLogger, requestIdFrom } from '../platform/logger';
import { cleanFormData } from '../text-hygiene';
import { sameOriginPath } from './safe-redirect';
import { getCurrentUser } from './session';

import type { ActionState } from './action-state';

export type { ActionState };

/** Zod issues keyed by their full dotted path ("models.FAMILY.total"), every message kept. */
function fieldErrorsByPath(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[issue.path.map(String).join('.') || '_'] ??= []).push(issue.message);
  return out;
}

const NOT_SIGNED_IN = 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.';
const FORBIDDEN = 'Bạn không có quyền thực hiện thao tác này.';
const INVALID = 'Dữ liệu chưa hợp lệ. Vui lòng kiểm tra các ô được đánh dấu.';

/**
 * Every server action is a public POST endpoint: this wrapper parses the input
 * with zod, loads the session, checks the role and scope, runs one data-layer
 * call, revalidates, and returns a typed state. Unexpected errors are logged
 * and reported without internals.
 */
export function defineFormAction<S extends z.ZodType, P = never>(spec: {
  /** Names the action in the logs, e.g. `report.save`. */
  name?: string;
  schema: S;
  /** Turns the submitted form into the schema's input; by default its fields as an object. */
  input?: (formData: FormData) => unknown;
  authorize: (user: SessionUser, input: z.infer<S>) => boolean | Promise<boolean>;
  /**
   * `redirect`: a page to go to once done (after the revalidation and the log line), for a write
   * that removes the form it came from, so that the next page can say what was done.
   */
  run: (ctx: {
    db: Db;
    user: SessionUser;
    input: z.infer<S>;
  }) => Promise<string | { message: string; version?: number; secret?: string; payload?: P; redirect?: string }>;
  revalidate?: string[] | ((input: z.infer<S>) => string[]);
}) {
  return async function action(_prev: ActionState<P>, formData: FormData): Promise<ActionState<P>> {
    const started = performance.now();
    let userId: string | null = null;
    let failure: unknown;
    let redirectTo: string | null = null;
    const state = await (async (): Promise<NonNullable<ActionState<P>>> => {
      const user = await getCurrentUser();
      if (!user) return { ok: false, message: NOT_SIGNED_IN, fieldErrors: {}, signInUrl: await signInAgainUrl() };
      userId = user.id;
      // Every text field without NUL, bidirectional or zero-width characters, in NFC, before any
      // schema reads it (lib/text-hygiene.ts says why they are stripped rather than refused).
      const form = cleanFormData(formData);
      const parsed = spec.schema.safeParse(spec.input ? spec.input(form) : Object.fromEntries(form));
      if (!parsed.success) return { ok: false, message: INVALID, fieldErrors: fieldErrorsByPath(parsed.error) };
      if (!(await spec.authorize(user, parsed.data))) return { ok: false, message: FORBIDDEN, fieldErrors: {} };
      try {
        const result = await spec.run({ db: getDb(), user, input: parsed.data });
        const paths = typeof spec.revalidate === 'function' ? spec.revalidate(parsed.data) : (spec.revalidate ?? []);
        for (const path of paths) revalidatePath(path);
        if (typeof result === 'string') return { ok: true, message: result };
        const { redirect: next, ...rest } = result;
        redirectTo = next ?? null;
        return { ok: true, ...rest };
      } catch (error) {
        // A lock, statement or pool timeout: "try again", and the error itself in the log line.
        const busy = databaseBusyError(error);
        if (busy) {
          failure = error;
          return { ok: false, message: busy.message, fieldErrors: {} };
        }
        if (error instanceof UserFacingError) return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
        failure = error;
        return { ok: false, message: 'Đã có lỗi, chưa lưu được. Vui lòng thử lại.', fieldErrors: {} };
      }
    })();
    // One line per action: its name, who, and whether it was done; never the form's fields.
    const line = {
      requestId: await currentRequestId(),
      action: spec.name ?? 'action',
      userId,
      outcome: failure !== undefined ? 'error' : state.ok ? 'ok' : 'refused',
      durationMs: Math.round(performance.now() - started),
      ...(failure === undefined ? {} : { err: failure }),
    };
    if (failure === undefined) getLogger().info(line, 'server action');
    else getLogger().error(line, 'server action failed');
    // Outside the try above: redirect() throws Next's own signal, which must reach Next.
    if (redirectTo) redirect(redirectTo);
    return state;
  };
}

/**
 * The sign-in page with a callbackUrl back to the page the form was posted from (a server action
 * posts to its page's URL; the browser names it in Referer), so that signing in again returns
 * there rather than to the home page. Only a same-origin path is kept (./safe-redirect.ts).
 */
async function signInAgainUrl(): Promise<string> {
  let back: string | null = null;
  try {
    const referer = (await headers()).get('referer');
    if (referer) {
      const url = new URL(referer);
      back = sameOriginPath(`${url.pathname}${url.search}`);
    }
  } catch {
    // Outside a request (tests, scripts), or an unreadable Referer: the plain sign-in page.
  }
  return back && !back.startsWith('/dang-nhap') ? `/dang-nhap?callbackUrl=${encodeURIComponent(back)}` : '/dang-nhap';
}

/** The x-request-id proxy.ts put on the request; a new id outside a request (tests, scripts). */
async function currentRequestId(): Promise<string> {
  try {
    return requestIdFrom(await headers());
  } catch {
    return requestIdFrom(null);
  }
}
