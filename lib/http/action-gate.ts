// The gate in front of every server action, deciding from the request's headers
// alone, before any of the body is read. A server action is a POST to a page's
// own address, and Next reads and parses the whole body (up to next.config.ts's
// bodySizeLimit) before the action runs, so before the action wrapper
// (lib/http/action.ts) can look at the session. The gate answers, in Vietnamese:
//
//   403  the Origin is another site (Next would abort the action with a 500);
//   413  Content-Length is over what the page takes (actionBodyLimit; Next: a 500);
//   401  a body larger than SMALL_BODY_BYTES, or of unknown length, without a valid
//        session cookie: only the pages with a file field take such bodies, and
//        only from a signed-in user.
//
// A small body without a session goes through: the wrapper then answers the
// form itself ("Phiên đăng nhập đã hết hạn…") and the page keeps what the user
// typed, where a refusal here would replace the page with an error.
//
// scripts/serve.ts (what `npm start` runs) applies the gate before handing the
// request to Next, so a refused body is never read; proxy.ts applies it again
// for a server started otherwise (`next dev`, a bare `next start`), where Next
// has already buffered the body for the proxy.
import { getToken } from 'next-auth/jwt';

import { sessionSecretFromEnv, servedOverHttps, trustedProxyCountFromEnv, type RawEnv } from '../platform/env';
import { isSameOrigin } from '../platform/forwarded';
import { formatMegabytes } from '../excel/upload-limits';
import { actionBodyLimit, SMALL_BODY_BYTES } from './action-limits';

export type GateOptions = {
  /** NEXTAUTH_SECRET; undefined only under `next dev`, where the session cannot be checked here. */
  secret: string | undefined;
  /** Served over HTTPS: next-auth names its cookie __Secure-next-auth.session-token. */
  secureCookie: boolean;
  trustedProxies: number;
};

export function gateOptionsFromEnv(raw: RawEnv = process.env): GateOptions {
  return { secret: sessionSecretFromEnv(raw), secureCookie: servedOverHttps(raw), trustedProxies: trustedProxyCountFromEnv(raw) };
}

export type GateRefusal = { status: 401 | 403 | 413; message: string; headers: Record<string, string> };

export const GATE_MESSAGES = {
  CROSS_SITE: 'Yêu cầu từ trang web khác bị từ chối.',
  NOT_SIGNED_IN: 'Chưa đăng nhập hoặc phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại rồi gửi lại.',
  tooLarge: (bytes: number, limit: number) =>
    `Dữ liệu gửi lên quá lớn (${formatMegabytes(bytes) === formatMegabytes(limit) ? `hơn ${formatMegabytes(limit)}` : formatMegabytes(bytes)}); ` +
    `trang này nhận tối đa ${formatMegabytes(limit)}. Hãy kiểm tra lại tệp đã chọn.`,
} as const;

/**
 * Whether a request may be a server action: a POST to a page (Next treats every multipart
 * or form POST as a possible one, with or without the Next-Action header). Route handlers
 * under /api read their own bodies, within their own limits.
 */
export function isPossibleServerAction(method: string, pathname: string): boolean {
  return method.toUpperCase() === 'POST' && !pathname.startsWith('/api/') && !pathname.startsWith('/_next/');
}

function cookiesOf(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (header ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const raw = pair.slice(eq + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(raw));
    } catch {
      cookies.set(name, raw);
    }
  }
  return cookies;
}

/** A next-auth session cookie that decrypts with the secret and has not expired. */
async function hasSession(headers: Headers, { secret, secureCookie }: GateOptions): Promise<boolean> {
  // `next dev` without NEXTAUTH_SECRET: next-auth signs with a fallback this code cannot
  // know; the action wrapper still checks the session.
  if (!secret) return true;
  const req = { headers, cookies: cookiesOf(headers.get('cookie')) } as unknown as Parameters<typeof getToken>[0]['req'];
  return (await getToken({ req, secret, secureCookie })) !== null;
}

/** The body's length from Content-Length; null when the client did not say (chunked). */
function declaredLength(headers: Headers): number | null {
  const value = headers.get('content-length')?.trim();
  if (value && /^\d{1,15}$/.test(value)) return Number(value);
  return headers.has('transfer-encoding') ? null : 0;
}

/**
 * The refusal for a possible server action (isPossibleServerAction), or null to let it
 * through. Reads headers only.
 */
export async function checkServerActionRequest(
  { pathname, headers }: { pathname: string; headers: Headers },
  options: GateOptions,
): Promise<GateRefusal | null> {
  // Next's client shows a text/plain message of a fetch action as the error; a form posted
  // without JavaScript shows the page itself, which needs its charset.
  const type = headers.has('next-action') ? 'text/plain' : 'text/plain; charset=utf-8';
  const refuse = (status: GateRefusal['status'], message: string): GateRefusal => ({
    status,
    message,
    headers: { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
  });

  if (!isSameOrigin(headers, options.trustedProxies)) return refuse(403, GATE_MESSAGES.CROSS_SITE);
  const length = declaredLength(headers);
  const limit = actionBodyLimit(pathname);
  if (length !== null && length > limit) return refuse(413, GATE_MESSAGES.tooLarge(length, limit));
  if ((length === null || length > SMALL_BODY_BYTES) && !(await hasSession(headers, options))) {
    return refuse(401, GATE_MESSAGES.NOT_SIGNED_IN);
  }
  return null;
}
