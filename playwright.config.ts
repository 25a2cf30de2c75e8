import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;
// The SMTP server of tests/e2e/notifications.flow.spec.ts: the e2e server e-mails its notifications there.
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? PORT + 25);

// Debian's Chromium (apt install chromium); Playwright's own browser downloads
// are not available on these machines.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--headless',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

export default defineConfig({
  testDir: './tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    trace: 'retain-on-failure',
    launchOptions: chromium,
  },
  // Read-only checks of the demo data run first; the flows that change data
  // (report entry and review) run after them on the same server.
  projects: [
    { name: 'desktop', testIgnore: /flow\.spec\.ts/, use: { ...devices['Desktop Chrome'], launchOptions: chromium }, grepInvert: /@phone/ },
    { name: 'phone', testIgnore: /flow\.spec\.ts/, use: { ...devices['Pixel 7'], launchOptions: chromium }, grep: /@phone/ },
    { name: 'flows', testMatch: /flow\.spec\.ts/, dependencies: ['desktop', 'phone'], use: { ...devices['Desktop Chrome'], launchOptions: chromium } },
  ],
  webServer: {
    // A fresh embedded database (or a fresh PostgreSQL database, see
    // scripts/e2e-server.ts) seeded with the demo data, on the production build.
    command: `tsx scripts/e2e-server.ts`,
    env: {
      PORT: String(PORT),
      NEXT_TELEMETRY_DISABLED: '1',
      NEXTAUTH_URL: baseURL,
      SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
      MAIL_FROM: 'Cổng báo cáo Khuyến học (kiểm thử) <no-reply@e2e.khuyenhoc.vn>',
    },
    url: `${baseURL}/dang-nhap`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
