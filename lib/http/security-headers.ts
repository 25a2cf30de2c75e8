// Strict-Transport-Security, shared by proxy.ts (pages, per request) and next.config.ts
// (every response, static files included). Sent only when the portal is served over HTTPS
// (servedOverHttps, lib/platform/env.ts): on plain HTTP browsers ignore it, and behind a TLS
// proxy misconfigured for http it would lock users out. Pure.

/** Two years, subdomains included. */
export const HSTS = 'max-age=63072000; includeSubDomains';
