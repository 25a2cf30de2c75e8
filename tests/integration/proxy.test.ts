// proxy.ts as Next calls it: every request gets an id and a CSP with a fresh
// nonce; HSTS only when the portal is served over HTTPS; and a server action
// is refused from its headers alone when another site sends it (403), when its
// body is over the page's limit (413), or when a large body comes without a
// session (401).
import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { contentSecurityPolicy, proxy } from '../../proxy';
import { GATE_MESSAGES } from '../../lib/http/action-gate';
import { HSTS } from '../../lib/http/security-headers';

const SECRET = 'proxy-test-secret-0123456789abcdef0123456789';
const MB = 1024 * 1024;
const saved = { url: process.env.NEXTAUTH_URL, secret: process.env.NEXTAUTH_SECRET, proxies: process.env.TRUSTED_PROXY_COUNT };

function setEnv(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
const servedAt = (url: string | undefined) => setEnv('NEXTAUTH_URL', url);

beforeEach(() => {
  servedAt('http://localhost:3000');
  setEnv('NEXTAUTH_SECRET', SECRET);
  setEnv('TRUSTED_PROXY_COUNT', undefined);
});
afterEach(() => {
  servedAt(saved.url);
  setEnv('NEXTAUTH_SECRET', saved.secret);
  setEnv('TRUSTED_PROXY_COUNT', saved.proxies);
});

/** The request headers the page will see (NextResponse.next passes them as x-middleware-request-*). */
function forwarded(response: Response, name: string): string | null {
  return response.headers.get(`x-middleware-request-${name}`);
}

/** Let through to the page (NextResponse.next), rather than answered by the proxy. */
const passedOn = (response: Response) => response.headers.get('x-middleware-next') === '1';

describe('proxy', () => {
  it('sets a CSP with a nonce on the response and on the request Next renders with', async () => {
    const response = await proxy(new NextRequest('http://localhost:3000/tinh'));
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(forwarded(response, 'content-security-policy')).toBe(csp);
    const other = (await proxy(new NextRequest('http://localhost:3000/tinh'))).headers.get('content-security-policy');
    expect(other).not.toBe(csp);
  });

  it('sends HSTS (and upgrades requests) only over HTTPS', async () => {
    const plain = await proxy(new NextRequest('http://localhost:3000/'));
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    expect(plain.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');

    servedAt('https://khuyenhoc.example.vn');
    const secure = await proxy(new NextRequest('https://khuyenhoc.example.vn/'));
    expect(secure.headers.get('strict-transport-security')).toBe(HSTS);
    expect(secure.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });

  it('keeps a well-formed x-request-id and replaces a malformed one', async () => {
    const kept = await proxy(new NextRequest('http://localhost/api/health', { headers: { 'x-request-id': 'lb-42' } }));
    expect(kept.headers.get('x-request-id')).toBe('lb-42');
    expect(forwarded(kept, 'x-request-id')).toBe('lb-42');
    const replaced = await proxy(new NextRequest('http://localhost/', { headers: { 'x-request-id': 'a b "injected"' } }));
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows eval only in development', () => {
    expect(contentSecurityPolicy({ nonce: 'n', dev: false, https: false })).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy({ nonce: 'n', dev: true, https: false })).toContain("'unsafe-eval'");
  });
});

// ---------------------------------------------------------------------------------------------
// Server actions

/** A session cookie as next-auth issues it (same secret, same cookie name). */
async function sessionCookie({ secret = SECRET, maxAge = 3600, secure = false } = {}): Promise<string> {
  const token = await encode({ token: { uid: 'u-1', email: 'hungyen@demo.khuyenhoc.vn', role: 'PROVINCE_STAFF', provinceId: 'p-33', clusterId: null }, secret, maxAge });
  return `${secure ? '__Secure-' : ''}next-auth.session-token=${token}`;
}

type ActionPost = { path?: string; origin?: string | null; host?: string; bytes?: number | null; cookie?: string; headers?: Record<string, string> };

/** A server action POST as the browser sends it; only the headers matter to the proxy. */
function action({ path = '/tinh', origin = 'http://localhost:3000', host = 'localhost:3000', bytes = 2_000, cookie, headers = {} }: ActionPost = {}) {
  const h: Record<string, string> = { host, 'next-action': '7f00aa', 'content-type': 'multipart/form-data; boundary=----x', ...headers };
  if (origin !== null) h.origin = origin;
  if (bytes === null) h['transfer-encoding'] = 'chunked';
  else h['content-length'] = String(bytes);
  if (cookie) h.cookie = cookie;
  return proxy(new NextRequest(`http://localhost:3000${path}`, { method: 'POST', headers: h }));
}

describe('proxy: server actions from another site', () => {
  it('refuses a foreign Origin with 403 and a Vietnamese message, where Next answers 500', async () => {
    const refused = await action({ origin: 'https://evil.example', cookie: await sessionCookie() });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toBe(GATE_MESSAGES.CROSS_SITE);
    // The action's own client shows a text/plain answer's text as the error.
    expect(refused.headers.get('content-type')).toBe('text/plain');
    expect(refused.headers.get('x-request-id')).toBeTruthy();

    expect((await action({ origin: 'null' })).status).toBe(403);
    // A form posted without JavaScript (no Next-Action header) is a possible action too.
    const plainForm = await proxy(
      new NextRequest('http://localhost:3000/quan-tri', { method: 'POST', headers: { host: 'localhost:3000', origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' } }),
    );
    expect(plainForm.status).toBe(403);
    expect(plainForm.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it('lets the portal’s own pages through, and requests without an Origin as Next does', async () => {
    expect(passedOn(await action())).toBe(true);
    expect(passedOn(await action({ origin: null }))).toBe(true);
    expect(passedOn(await action({ origin: 'http://LOCALHOST:3000', host: 'LocalHost:3000' }))).toBe(true);
  });

  it('believes X-Forwarded-Host only with TRUSTED_PROXY_COUNT proxies in front', async () => {
    const viaProxy = { origin: 'https://khuyenhoc.example.vn', host: '127.0.0.1:3000', headers: { 'x-forwarded-host': 'khuyenhoc.example.vn' } };
    expect((await action(viaProxy)).status).toBe(403);
    const spoofed = { origin: 'https://evil.example', headers: { 'x-forwarded-host': 'evil.example' } };
    expect((await action(spoofed)).status).toBe(403);

    setEnv('TRUSTED_PROXY_COUNT', '1');
    expect(passedOn(await action(viaProxy))).toBe(true);
    // A proxy that appends: the entry it wrote, not the client's, is the host.
    const appended = { ...viaProxy, origin: 'https://evil.example', headers: { 'x-forwarded-host': 'evil.example, khuyenhoc.example.vn' } };
    expect((await action(appended)).status).toBe(403);
  });
});

describe('proxy: server-action bodies', () => {
  it('refuses a large body without a session with 401 before reading it, on the pages that take files', async () => {
    const anonymous = await action({ path: '/nhap-lich-su', bytes: 5 * MB });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toBe(GATE_MESSAGES.NOT_SIGNED_IN);
    expect(passedOn(anonymous)).toBe(false);
    // A cookie that is not ours, or has expired, is no session.
    expect((await action({ path: '/nhap-lich-su', bytes: 5 * MB, cookie: await sessionCookie({ secret: 'another-secret-0123456789abcdef0123456789' }) })).status).toBe(401);
    expect((await action({ path: '/nhap-lich-su', bytes: 5 * MB, cookie: await sessionCookie({ maxAge: -60 }) })).status).toBe(401);
    // A body of unknown length (chunked) may be large.
    expect((await action({ path: '/bao-cao/33/2026S2', bytes: null })).status).toBe(401);

    expect(passedOn(await action({ path: '/nhap-lich-su', bytes: 5 * MB, cookie: await sessionCookie() }))).toBe(true);
    expect(passedOn(await action({ path: '/bao-cao/33/2026S2', bytes: null, cookie: await sessionCookie() }))).toBe(true);
  });

  it('reads the session cookie by the name next-auth uses over HTTPS', async () => {
    servedAt('https://khuyenhoc.example.vn');
    const over = { path: '/nhap-lich-su', bytes: 5 * MB, origin: 'https://khuyenhoc.example.vn', host: 'khuyenhoc.example.vn' };
    expect(passedOn(await action({ ...over, cookie: await sessionCookie({ secure: true }) }))).toBe(true);
    expect((await action({ ...over, cookie: await sessionCookie() })).status).toBe(401);
  });

  it('lets a small body without a session reach the action, which answers the form itself', async () => {
    expect(passedOn(await action({ path: '/bao-cao/33/2026S2', bytes: 40_000 }))).toBe(true);
    expect(passedOn(await action({ path: '/tinh', bytes: 200_000 }))).toBe(true);
  });

  it('answers 413 with a Vietnamese message over the page’s limit, where Next answers 500', async () => {
    const cookie = await sessionCookie();
    const history = await action({ path: '/nhap-lich-su', bytes: 10 * MB, cookie });
    expect(history.status).toBe(413);
    expect(await history.text()).toBe('Dữ liệu gửi lên quá lớn (10 MB); trang này nhận tối đa 9 MB. Hãy kiểm tra lại tệp đã chọn.');
    // Large bodies only where a file is taken: a report's page takes its 2 MB workbook, other pages 1 MB.
    expect((await action({ path: '/bao-cao/33/2026S2', bytes: 4 * MB, cookie })).status).toBe(413);
    expect(passedOn(await action({ path: '/bao-cao/33/2026S2', bytes: 2.5 * MB, cookie }))).toBe(true);
    const elsewhere = await action({ path: '/tinh', bytes: 2 * MB, cookie });
    expect(elsewhere.status).toBe(413);
    expect(await elsewhere.text()).toMatch(/^Dữ liệu gửi lên quá lớn \(2 MB\); trang này nhận tối đa 1 MB\./);
    // Without a session too: the limit is the page's.
    expect((await action({ path: '/quan-tri', bytes: 3 * MB })).status).toBe(413);
  });

  it('leaves the API and other requests to their own handlers', async () => {
    const api = await proxy(
      new NextRequest('http://localhost:3000/api/v1/provinces/33/reports/2026S2/submit', {
        method: 'POST',
        headers: { host: 'localhost:3000', origin: 'https://evil.example', 'content-length': String(5 * MB) },
      }),
    );
    expect(passedOn(api)).toBe(true);
    const get = await proxy(new NextRequest('http://localhost:3000/nhap-lich-su', { headers: { origin: 'https://evil.example' } }));
    expect(passedOn(get)).toBe(true);
  });
});
