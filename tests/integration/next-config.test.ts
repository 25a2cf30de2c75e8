// next.config.ts as Next reads it when it builds the app: the headers on every
// response, build assets included (proxy.ts skips those), and the body limit
// Next itself applies to server actions.
import { afterEach, describe, expect, it } from 'vitest';

import nextConfig from '../../next.config';
import { actionBodyLimit } from '../../lib/http/action-limits';
import { HSTS } from '../../lib/http/security-headers';

const savedUrl = process.env.NEXTAUTH_URL;
afterEach(() => {
  if (savedUrl === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = savedUrl;
});

/** The headers of the rule for every path ('/:path*'), which covers /_next/static/…. */
async function everyPathHeaders(url: string): Promise<Record<string, string>> {
  process.env.NEXTAUTH_URL = url;
  const rules = await nextConfig.headers!();
  const all = rules.find((rule) => rule.source === '/:path*');
  expect(all, 'a rule for every path').toBeDefined();
  return Object.fromEntries(all!.headers.map(({ key, value }) => [key.toLowerCase(), value]));
}

describe('next.config.ts', () => {
  it('sends HSTS on every response, static files included, when served over HTTPS', async () => {
    const secure = await everyPathHeaders('https://khuyenhoc.example.vn');
    expect(secure['strict-transport-security']).toBe(HSTS);
    expect(secure['x-content-type-options']).toBe('nosniff');
  });

  it('sends no HSTS over plain HTTP', async () => {
    expect((await everyPathHeaders('http://localhost:3000'))['strict-transport-security']).toBeUndefined();
  });

  it('lets Next read every body the action gate lets through (else an upload would fail with 500)', () => {
    const limit = nextConfig.experimental?.serverActions?.bodySizeLimit;
    expect(typeof limit).toBe('number');
    for (const page of ['/nhap-lich-su', '/bao-cao/33/2026S2', '/tinh']) expect(limit as number).toBeGreaterThanOrEqual(actionBodyLimit(page));
  });
});
