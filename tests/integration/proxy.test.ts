// proxy.ts as Next calls it: every request gets an id and a CSP with a fresh
// nonce; HSTS only when the portal is served over HTTPS.
import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';

import { contentSecurityPolicy, HSTS, proxy } from '../../proxy';

const savedUrl = process.env.NEXTAUTH_URL;

function servedAt(url: string | undefined) {
  if (url === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = url;
}

afterEach(() => servedAt(savedUrl));

/** The request headers the page will see (NextResponse.next passes them as x-middleware-request-*). */
function forwarded(response: Response, name: string): string | null {
  return response.headers.get(`x-middleware-request-${name}`);
}

describe('proxy', () => {
  it('sets a CSP with a nonce on the response and on the request Next renders with', () => {
    servedAt('http://localhost:3000');
    const response = proxy(new NextRequest('http://localhost:3000/tinh'));
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(forwarded(response, 'content-security-policy')).toBe(csp);
    const other = proxy(new NextRequest('http://localhost:3000/tinh')).headers.get('content-security-policy');
    expect(other).not.toBe(csp);
  });

  it('sends HSTS (and upgrades requests) only over HTTPS', () => {
    servedAt('http://localhost:3000');
    const plain = proxy(new NextRequest('http://localhost:3000/'));
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    expect(plain.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');

    servedAt('https://khuyenhoc.example.vn');
    const secure = proxy(new NextRequest('https://khuyenhoc.example.vn/'));
    expect(secure.headers.get('strict-transport-security')).toBe(HSTS);
    expect(secure.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });

  it('keeps a well-formed x-request-id and replaces a malformed one', () => {
    const kept = proxy(new NextRequest('http://localhost/api/health', { headers: { 'x-request-id': 'lb-42' } }));
    expect(kept.headers.get('x-request-id')).toBe('lb-42');
    expect(forwarded(kept, 'x-request-id')).toBe('lb-42');
    const replaced = proxy(new NextRequest('http://localhost/', { headers: { 'x-request-id': 'a b "injected"' } }));
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows eval only in development', () => {
    expect(contentSecurityPolicy({ nonce: 'n', dev: false, https: false })).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy({ nonce: 'n', dev: true, https: false })).toContain("'unsafe-eval'");
  });
});
