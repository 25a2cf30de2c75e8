import { expect, test } from '@playwright/test';
import { buildDemoData } from '../../prisma/demo-data';
import { formatPercent } from '../../lib/format';
import { nbsp, signIn } from './helpers';

/** The cluster's FAMILY registration rate in 2022S1 from the demo data: Σ registered / Σ total. */
function expectedClusterFamilyRate2022S1(): string {
  const data = buildDemoData();
  const reports = data.reports.filter((r) => r.periodCode === '2022S1');
  let registered = 0;
  let total = 0;
  for (const r of reports) {
    const f = r.modelFigures.find((m) => m.model === 'FAMILY')!;
    registered += f.registered!;
    total += f.total!;
  }
  return formatPercent(registered / total);
}

test.describe('sign-in', () => {
  test('a wrong password and an unknown account get the same message', async ({ page }) => {
    for (const email of ['cum3@demo.khuyenhoc.vn', 'khong-ton-tai@demo.khuyenhoc.vn']) {
      await page.goto('/dang-nhap');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await expect(page.locator('#sign-in-message')).toHaveText('Email hoặc mật khẩu không đúng.');
      await expect(page).toHaveURL(/\/dang-nhap/);
    }
  });

  test('an empty form names the missing fields in Vietnamese', async ({ page }) => {
    await page.goto('/dang-nhap');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.locator('#email-error')).toHaveText('Vui lòng nhập email.');
    await expect(page.locator('#password-error')).toHaveText('Vui lòng nhập mật khẩu.');
  });

  test('pages need a session', async ({ page }) => {
    await page.goto('/cum/CUM3');
    await expect(page).toHaveURL(/\/dang-nhap/);
  });
});

test.describe('cluster leader', () => {
  test('chooses the period of the submission overview', async ({ page }) => {
    await signIn(page, 'cum3@demo.khuyenhoc.vn');
    await page.goto('/cum/CUM3/bao-cao');
    await page.getByLabel('Kỳ báo cáo').selectOption({ label: '6 tháng đầu năm 2022' });
    await expect(page).toHaveURL(/\/cum\/CUM3\/bao-cao\?ky=2022S1$/);
    await expect(page.getByText('6 tháng đầu năm 2022 · hạn nộp 15/07/2022')).toBeVisible();
    await expect(page.getByTestId('count-approved')).toHaveText(/^8\s*\/ 8$/);
    // Only the period is chosen here: the dashboard's other switches are not offered.
    await expect(page.getByLabel('Chỉ tính báo cáo đã duyệt')).toHaveCount(0);
  });

  test('sees Vĩnh Phúc at 99,81 % in 2022S1 and the cluster rate as Σ/Σ', async ({ page }) => {
    await signIn(page, 'cum3@demo.khuyenhoc.vn');
    await expect(page).toHaveURL(/\/cum\/CUM3/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cụm III – Đồng bằng sông Hồng');

    await page.getByLabel('Kỳ báo cáo').selectOption({ label: '6 tháng đầu năm 2022' });
    await expect(page).toHaveURL(/ky=2022S1/);
    await expect(page.getByText('6 tháng đầu năm 2022').first()).toBeVisible();

    await expect(page.getByTestId('rate-26-FAMILY')).toContainText(nbsp('99,81 %'));
    await expect(page.getByTestId('rate-34-FAMILY')).toContainText(nbsp('94 %'));
    await expect(page.getByTestId('rate-27-FAMILY')).toContainText(nbsp('92 %'));
    // The numbers behind the rate are shown too.
    await expect(page.getByTestId('rate-26-FAMILY')).toContainText(/\d{1,3}(\.\d{3})+ \/ \d{1,3}(\.\d{3})+/);

    const clusterRate = expectedClusterFamilyRate2022S1();
    await expect(page.getByTestId('rate-cluster-FAMILY')).toContainText(clusterRate);
    await expect(page.getByTestId('cluster-family-rate')).toHaveText(clusterRate);
    await expect(page.getByTestId('reported-count')).toHaveText('8 / 8');
  });

  test('sees the five provinces in force after the 2025 mergers', async ({ page }) => {
    await signIn(page, 'cum3@demo.khuyenhoc.vn');
    await page.goto('/cum/CUM3?ky=2025S2');
    const table = page.getByTestId('overview-table');
    await expect(table.locator('tbody tr')).toHaveCount(5);
    await expect(table.locator('tbody')).not.toContainText('Vĩnh Phúc');
    await expect(table.locator('tbody')).toContainText('Phú Thọ');
  });

  test('the current period has no reports yet', async ({ page }) => {
    await signIn(page, 'cum3@demo.khuyenhoc.vn');
    await page.goto('/cum/CUM3?ky=2026S2');
    await expect(page.getByTestId('reported-count')).toHaveText('0 / 5');
    await expect(page.getByTestId('cluster-family-rate')).toHaveText('không có số liệu');
  });
});

test.describe('province staff', () => {
  test('see only their province and its predecessors, and are refused the cluster overview', async ({ page }) => {
    await signIn(page, 'hungyen@demo.khuyenhoc.vn');
    await expect(page).toHaveURL(/\/tinh$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Báo cáo của Hưng Yên');
    await expect(page.getByTestId('report-row-2026S2-33')).toContainText('Chưa bắt đầu');
    // Thái Bình merged into Hưng Yên: its history is visible.
    await expect(page.getByTestId('report-row-2022S1-34')).toContainText('Đã duyệt');
    await expect(page.getByTestId('report-row-2022S1-33')).toContainText('Hưng Yên (trước hợp nhất)');
    await expect(page.getByTestId('report-row-2022S1-33')).toContainText('Đã duyệt');
    await expect(page.locator('tbody')).not.toContainText('Hà Nội');
    await expect(page.locator('tbody')).not.toContainText('Nam Định');

    const response = await page.goto('/cum/CUM3');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'Bạn không có quyền xem trang này' })).toBeVisible();
  });

  test('of a merged-away province see their own history, read-only', async ({ page }) => {
    await signIn(page, 'thaibinh@demo.khuyenhoc.vn');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Báo cáo của Thái Bình');
    await expect(page.getByRole('note')).toContainText('đã hợp nhất vào Hưng Yên từ ngày 01/07/2025');
    await expect(page.getByTestId('report-row-2025S1-34')).toContainText('Đã duyệt');
    await expect(page.locator('tbody')).not.toContainText('6 tháng cuối năm 2025');
    await expect(page.locator('tbody tr')).toHaveCount(9);
  });
});

test('@phone the cluster overview fits a phone screen and its table scrolls sideways', async ({ page }) => {
  await signIn(page, 'cum3@demo.khuyenhoc.vn');
  await page.goto('/cum/CUM3?ky=2022S1');
  await expect(page.getByTestId('rate-26-FAMILY')).toContainText(nbsp('99,81 %'));
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  const viewport = page.viewportSize()!.width;
  expect(pageWidth).toBeLessThanOrEqual(viewport);
});

test.describe('administrator', () => {
  test('sees the membership assumption on the admin page', async ({ page }) => {
    await signIn(page, 'admin@demo.khuyenhoc.vn');
    await expect(page).toHaveURL(/\/quan-tri$/);
    const cluster = page.getByTestId('admin-cluster-CUM3');
    await expect(cluster.getByRole('note')).toContainText('giả định');
    await expect(cluster).toContainText('Vĩnh Phúc (26) · 01/01/2021 – 30/06/2025');
    await expect(cluster).toContainText('Phú Thọ (25) · 01/07/2025 – nay');
  });

  test('refuses the admin page to a cluster leader', async ({ page }) => {
    await signIn(page, 'cum3@demo.khuyenhoc.vn');
    const response = await page.goto('/quan-tri');
    expect(response?.status()).toBe(403);
  });
});
