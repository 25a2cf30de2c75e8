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
// Permissions-Policy) are in next.config.ts, so static files get them too.
import { NextResponse, type NextRequest } from 'next/server';

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

export const HSTS = 'max-age=63072000; includeSubDomains';

export function proxy(request: NextRequest): NextResponse {
  const requestId = requestIdFrom(request.headers);
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const https = servedOverHttps();
  const csp = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === 'development', https });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  requestHeaders.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  if (https) response.headers.set('Strict-Transport-Security', HSTS);
  return response;
}

export const config = {
  // Not for build assets (hashed, immutable, no HTML): they get next.config.ts's headers.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
