// Runs before every page and API request (Next 16's "proxy", formerly
// middleware): gives the request an id for the logs, and sends the headers
// that depend on the request or on the deployment:
//
// - Content-Security-Policy with a fresh nonce. Next reads the nonce from the
//   request's CSP header and puts it on its own inline and bundle scripts, so
//   scripts run only if the server wrote them ('strict-dynamic' lets those
//   load their chunks). Every page of the portal is rendered per request
//   (they read the session), which a nonce requires.
// - Strict-Transport-Security, only when the portal is served over HTTPS
//   (NEXTAUTH_URL starts with https://): on plain HTTP it would be ignored or,
//   behind a TLS proxy misconfigured for http, lock users out.
//
// The headers that never change (X-Frame-Options, nosniff, Referrer-Policy,
// Permissions-Policy, and HSTS on static files) are in next.config.ts.
//
// It also refuses a server action from its headers (lib/http/action-gate.ts):
// another site's Origin (403), a body over the page's limit (413), a large body
// without a session (401). `npm start` (scripts/serve.ts) has done so already,
// before reading the body; this is the same gate for a server started
// otherwise (`next dev`, a bare `next start`).
import { NextResponse, type NextRequest } from 'next/server';

import { checkServerActionRequest, gateOptionsFromEnv, isPossibleServerAction } from './lib/http/action-gate';
import { HSTS } from './lib/http/security-headers';
import { REQUEST_ID_HEADER, requestIdFrom } from './lib/platform/request-id';
import { servedOverHttps } from './lib/platform/env';

export interface CspOptions {
  nonce: string;
  /** next dev: React's dev build needs eval, and hot reloading a websocket. */
  dev: boolean;
  https: boolean;
}

/**
 * The policy. Styles allow 'unsafe-inline': React renders `style` attributes
 * (bar widths in charts), which a style nonce cannot cover, and injected CSS
 * cannot run script. Scripts, the real XSS risk, need the nonce.
 */
export function contentSecurityPolicy({ nonce, dev, https }: CspOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const requestId = requestIdFrom(request.headers);
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const https = servedOverHttps();
  const csp = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === 'development', https });

  let response: NextResponse;
  const refusal = isPossibleServerAction(request.method, request.nextUrl.pathname)
    ? await checkServerActionRequest({ pathname: request.nextUrl.pathname, headers: request.headers }, gateOptionsFromEnv())
    : null;
  if (refusal) {
    response = new NextResponse(refusal.message, { status: refusal.status, headers: refusal.headers });
  } else {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set(REQUEST_ID_HEADER, requestId);
    requestHeaders.set('content-security-policy', csp);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  response.headers.set('Content-Security-Policy', csp);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  if (https) response.headers.set('Strict-Transport-Security', HSTS);
  return response;
}

export const config = {
  // Not for build assets (hashed, immutable, no HTML): they get next.config.ts's headers.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
