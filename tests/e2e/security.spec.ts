// The security headers on the real production build, and the proof that the
// portal works under its Content-Security-Policy: the main pages load, sign-in
// (client JavaScript) works, and the browser reports no console error and no
// CSP violation.
import { expect, test, type Page, type Response } from '@playwright/test';
import { signIn } from './helpers';

type Problems = { console: string[]; violations: string[] };

/** Collects console errors, uncaught page errors and CSP violations for the whole test. */
async function watch(page: Page): Promise<Problems> {
  const problems: Problems = { console: [], violations: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.console.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.console.push(`${page.url()}: ${error.message}`));
  await page.exposeFunction('__reportCspViolation', (text: string) => problems.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} on ${location.pathname}`);
    });
  });
  return problems;
}

function expectSecurityHeaders(response: Response | null, where: string): void {
  expect(response, where).not.toBeNull();
  const headers = response!.headers();
  const csp = headers['content-security-policy'];
  expect(csp, `${where}: Content-Security-Policy`).toBeTruthy();
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).not.toMatch(/'unsafe-eval'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(headers['x-frame-options'], where).toBe('DENY');
  expect(headers['x-content-type-options'], where).toBe('nosniff');
  expect(headers['referrer-policy'], where).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy'], where).toContain('camera=()');
  expect(headers['x-request-id'], where).toMatch(/^[\w.:-]+$/);
  // Served over plain HTTP here (NEXTAUTH_URL is http://…): no HSTS.
  expect(headers['strict-transport-security'], where).toBeUndefined();
}

async function visit(page: Page, path: string, heading: RegExp | string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  expectSecurityHeaders(response, path);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
  await page.waitForLoadState('networkidle');
}

test.describe('security headers and CSP', () => {
  test('the sign-in page carries the headers, a fresh nonce per request, and its scripts carry the nonce', async ({ page, request }) => {
    const problems = await watch(page);
    const response = await page.goto('/dang-nhap');
    expectSecurityHeaders(response, '/dang-nhap');
    const nonce = /'nonce-([^']+)'/.exec(response!.headers()['content-security-policy'])![1];
    // Every script the server wrote carries this response's nonce (the DOM hides the attribute; the property keeps it).
    const scripts = await page.locator('script').evaluateAll((els) => els.map((el) => (el as HTMLScriptElement).nonce));
    expect(scripts.length).toBeGreaterThan(0);
    expect(new Set(scripts)).toEqual(new Set([nonce]));

    const again = await request.get('/dang-nhap');
    expect(again.headers()['content-security-policy']).not.toContain(nonce);

    await page.waitForLoadState('networkidle');
    expect(problems).toEqual({ console: [], violations: [] });
  });

  test('a province user signs in and opens the home, a report and the account page without errors', async ({ page }) => {
    const problems = await watch(page);
    await signIn(page, 'hungyen@demo.khuyenhoc.vn');
    await visit(page, '/tinh', 'Hưng Yên');
    await visit(page, '/bao-cao/33/2026S1', /Hưng Yên/);
    await visit(page, '/tai-khoan', /Tài khoản/);
    expect(problems).toEqual({ console: [], violations: [] });
  });

  test('the cluster leader opens the cluster overview without errors', async ({ page }) => {
    const problems = await watch(page);
    await signIn(page, 'cum3@demo.khuyenhoc.vn');
    await visit(page, '/cum/CUM3', 'Cụm III');
    expect(problems).toEqual({ console: [], violations: [] });
  });

  test('the not-found page is rendered with the nonce too (no blocked scripts)', async ({ page }) => {
    const problems = await watch(page);
    const response = await page.goto('/khong-co-trang-nay');
    expect(response?.status()).toBe(404);
    expectSecurityHeaders(response, '404');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang');
    await page.waitForLoadState('networkidle');
    // The browser logs the page's own 404 status; nothing else may appear.
    expect(problems.console.filter((line) => !line.includes('status of 404'))).toEqual([]);
    expect(problems.violations).toEqual([]);
  });

  test('downloads are refused outside the user\u2019s scope, the same way whether or not the province exists', async ({ page, request }) => {
    // Signed out: no file.
    expect((await request.get('/lich-su/33/xuat/lich-su.csv')).status()).toBe(401);
    await signIn(page, 'hungyen@demo.khuyenhoc.vn');
    for (const path of ['/lich-su/01/xuat/lich-su.csv', '/lich-su/01/xuat/lich-su.xlsx', '/lich-su/99/xuat/lich-su.csv', '/cum/CUM3/xuat/mo-hinh.csv?ky=2022S1']) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(403);
      expect(await response.text(), path).not.toContain('Hà Nội');
    }
    // Thái Bình merged into Hưng Yên: its history is theirs to download.
    const own = await page.request.get('/lich-su/34/xuat/lich-su.csv');
    expect(own.status()).toBe(200);
    expect(own.headers()['content-disposition']).toBe('attachment; filename="34-lich-su-so-lieu.csv"');
  });

  test('API answers and the health check carry the headers too', async ({ request }) => {
    const health = await request.get('/api/health');
    expect(health.status()).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok', migrations: 'up-to-date' });
    expect(health.headers()['x-frame-options']).toBe('DENY');
    expect(health.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    // A request id given by a load balancer is kept, so its logs and ours line up.
    const traced = await request.get('/api/v1/me', { headers: { 'x-request-id': 'lb-1234.abc' } });
    expect(traced.status()).toBe(401);
    expect(traced.headers()['x-request-id']).toBe('lb-1234.abc');
  });
});

// The gate in front of server actions (lib/http/action-gate.ts), through the real
// server (scripts/serve.ts): answered from the headers, in Vietnamese, instead of
// Next's 500 or a parse of a large anonymous body.
test.describe('server actions refused from their headers', () => {
  const MB = 1024 * 1024;
  const action = (origin: string, extra: Record<string, string> = {}) => ({
    'Next-Action': '7f00000000000000000000000000000000000000aa',
    'Content-Type': 'multipart/form-data; boundary=----e2e',
    Origin: origin,
    ...extra,
  });

  test('another site’s Origin gets 403, not 500', async ({ request }) => {
    const response = await request.post('/tinh', { headers: action('https://evil.example', { 'Content-Type': 'text/plain;charset=UTF-8' }), data: '[]' });
    expect(response.status()).toBe(403);
    expect(await response.text()).toBe('Yêu cầu từ trang web khác bị từ chối.');
  });

  test('a large upload without a session gets 401 at once; one over the page’s limit gets 413', async ({ page, request, baseURL }) => {
    const own = new URL(baseURL!).origin;
    const started = Date.now();
    const anonymous = await request.post('/nhap-lich-su', { headers: action(own), data: Buffer.alloc(5 * MB) });
    expect(anonymous.status()).toBe(401);
    expect(await anonymous.text()).toMatch(/^Chưa đăng nhập hoặc phiên đăng nhập đã hết hạn/);
    expect(Date.now() - started).toBeLessThan(5_000);

    await signIn(page, 'trunguong@demo.khuyenhoc.vn');
    const history = await page.request.post('/nhap-lich-su', { headers: action(own), data: Buffer.alloc(10 * MB) });
    expect(history.status()).toBe(413);
    expect(await history.text()).toBe('Dữ liệu gửi lên quá lớn (10 MB); trang này nhận tối đa 9 MB. Hãy kiểm tra lại tệp đã chọn.');
    // Large bodies only on the pages that take files.
    const elsewhere = await page.request.post('/tinh', { headers: action(own), data: Buffer.alloc(2 * MB) });
    expect(elsewhere.status()).toBe(413);
  });
});
