// Notifications end to end: the cluster leader presses "Nhắc các tỉnh chưa nộp" with a line of
// text; Hưng Yên's staff (whose 2026S2 report no earlier flow submits) see the bell's count go
// up, read the message, open it (the count goes down) on a 390 px phone screen; and the e-mail
// arrives in this test's own SMTP server.
//
// The SMTP server: the end-to-end server (scripts/e2e-server.ts, started by playwright.config.ts)
// is given SMTP_URL=smtp://127.0.0.1:<E2E_SMTP_PORT> and a MAIL_FROM in its environment, and
// its notification worker (instrumentation.ts) delivers there. This file listens on that port
// only while it runs: before, the worker finds nobody listening and retries later, which is how
// it treats any mail server that is down.
import { expect, test, type Browser, type Page } from '@playwright/test';

import { startTestSmtp, type TestSmtp } from '../helpers/smtp-server';
import { signIn } from './helpers';

const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 25);
const NOTE = 'Cụm họp giao ban ngày 20/12, đề nghị các tỉnh gửi báo cáo trước.';
const TITLE = 'Cụm III – Đồng bằng sông Hồng nhắc nộp báo cáo 6 tháng cuối năm 2026';

test.describe.configure({ mode: 'serial' });

let smtp: TestSmtp;

test.beforeAll(async () => {
  smtp = await startTestSmtp({}, SMTP_PORT);
});

test.afterAll(async () => {
  await smtp?.stop();
});

/** The bell's unread count as the header shows it (0 when it shows none). */
async function bellCount(page: Page): Promise<number> {
  const bell = page.getByTestId('notification-bell');
  await expect(bell).toBeVisible();
  const badge = page.getByTestId('notification-count');
  return (await badge.count()) ? Number(await badge.innerText()) : 0;
}

async function phonePage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

test('the leader reminds the provinces that have not submitted; their staff see it in the portal and by e-mail', async ({ browser, page }) => {
  // The worker looks at the outbox every 5 s, and at a mail server found down every 30 s at most.
  test.setTimeout(150_000);
  const staff = await phonePage(browser, 'hungyen@demo.khuyenhoc.vn');
  const before = await bellCount(staff);

  await signIn(page, 'cum3@demo.khuyenhoc.vn');
  await page.goto('/cum/CUM3/bao-cao?ky=2026S2');
  await page.getByLabel('Lời nhắn kèm theo (không bắt buộc)').fill(NOTE);
  await page.getByRole('button', { name: 'Nhắc các tỉnh chưa nộp' }).click();
  await expect(page.locator('#remind-status')).toContainText('Đã nhắc');
  await expect(page.locator('#remind-status')).toContainText('Hưng Yên');

  // The staff's next page shows one more unread notification, with the leader's line.
  await staff.goto('/tinh');
  expect(await bellCount(staff)).toBe(before + 1);
  await expect(staff.getByTestId('notification-bell')).toHaveAccessibleName(`Thông báo, ${before + 1} chưa đọc`);
  await staff.getByTestId('notification-bell').click();
  await expect(staff).toHaveURL(/\/thong-bao$/);
  const item = staff.getByTestId('notification-item').filter({ hasText: TITLE }).first();
  await expect(item).toHaveAttribute('data-unread', 'true');
  await expect(item).toContainText(`Lời nhắn: “${NOTE}”`);
  await expect(item).toContainText('hạn nộp');
  // It fits a 390 px screen: nothing scrolls sideways.
  expect(await staff.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // Opened: read, and the report it is about opens, with the bell's count back down.
  await item.getByRole('button', { name: new RegExp(TITLE) }).click();
  await expect(staff).toHaveURL(/\/bao-cao\/33\/2026S2$/);
  expect(await bellCount(staff)).toBe(before);

  // The e-mail, with both parts, to Hưng Yên's staff.
  await smtp.waitFor((received) => received.some((m) => m.to.includes('hungyen@demo.khuyenhoc.vn') && m.subject === TITLE), 90_000);
  const mail = smtp.received.find((m) => m.to.includes('hungyen@demo.khuyenhoc.vn') && m.subject === TITLE)!;
  expect(mail.text).toContain(`Lời nhắn: “${NOTE}”`);
  expect(mail.text).toMatch(/Mở trang: http:\/\/127\.0\.0\.1:\d+\/bao-cao\/33\/2026S2/);
  expect(mail.html).toContain('/bao-cao/33/2026S2');
  await staff.context().close();
});
