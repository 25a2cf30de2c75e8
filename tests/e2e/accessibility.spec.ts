import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';

// axe-core on the main pages of every role, on the desktop and (tests tagged @phone, run by the
// 'phone' project) on a phone: no serious or critical violation. Lesser ones (best practices such
// as landmark order) are listed in the failure message of a serious one but do not fail alone.

type Visit = { path: string; /** What the page must show before it is checked, so that axe sees it whole. */ ready: RegExp | string };

const PAGES: Record<string, Visit[]> = {
  'hungyen@demo.khuyenhoc.vn': [
    { path: '/tinh', ready: 'Báo cáo của Hưng Yên' },
    // The report form, with its 60-odd fields.
    { path: '/bao-cao/33/2026S2', ready: /Báo cáo 6 tháng cuối năm 2026/ },
    { path: '/bao-cao/33/2022S1', ready: /Báo cáo 6 tháng đầu năm 2022/ },
    { path: '/lich-su/33', ready: 'Lịch sử số liệu – Hưng Yên' },
    { path: '/tai-khoan', ready: 'Tài khoản' },
  ],
  'thaibinh@demo.khuyenhoc.vn': [
    { path: '/tinh', ready: 'Báo cáo của Thái Bình' },
    { path: '/bao-cao/34/2025S1', ready: /Thái Bình/ },
  ],
  'cum3@demo.khuyenhoc.vn': [
    { path: '/cum/CUM3?ky=2022S1', ready: 'Cụm III – Đồng bằng sông Hồng' },
    { path: '/cum/CUM3?ky=2026S2', ready: 'Cụm III – Đồng bằng sông Hồng' },
    { path: '/cum/CUM3?nam=2024', ready: 'Cụm III – Đồng bằng sông Hồng' },
    { path: '/cum/CUM3/bao-cao', ready: 'Cụm III – Đồng bằng sông Hồng' },
    { path: '/cum/CUM3/giao-ban?ky=2022S1', ready: /Tổng hợp kết quả công tác khuyến học/ },
    { path: '/bao-cao/26/2022S1', ready: /Vĩnh Phúc/ },
    // notFound() inside the portal: the 404 in the shell.
    { path: '/bao-cao/99/2022S1', ready: 'Không tìm thấy trang' },
  ],
  'trunguong@demo.khuyenhoc.vn': [{ path: '/trung-uong', ready: 'Tổng hợp toàn quốc' }],
  'admin@demo.khuyenhoc.vn': [
    { path: '/quan-tri', ready: /Quản trị/ },
    { path: '/quan-tri/nguoi-dung', ready: 'Người dùng' },
  ],
};

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

async function check(page: Page, visit: Visit): Promise<void> {
  await page.goto(visit.path);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(visit.ready);
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page), visit.path).toEqual([]);
  // One <main> per page, the in-app 404 and 403 included (they render inside the shell's).
  await expect(page.locator('main'), visit.path).toHaveCount(1);
}

for (const phone of [false, true]) {
  const tag = phone ? '@phone ' : '';

  test(`${tag}axe: the sign-in page`, async ({ page }) => {
    await check(page, { path: '/dang-nhap', ready: 'Cổng báo cáo khuyến học' });
  });

  for (const [account, visits] of Object.entries(PAGES)) {
    test(`${tag}axe: the pages of ${account}`, async ({ page }) => {
      test.setTimeout(120_000);
      await signIn(page, account);
      for (const visit of visits) await check(page, visit);
    });
  }
}
