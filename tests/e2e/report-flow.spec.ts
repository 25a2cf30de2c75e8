import { expect, test, type Page } from '@playwright/test';
import { formatInteger, formatPercent } from '../../lib/format';
import { demoReportFields, nbsp, signIn } from './helpers';

// Stateful: Hưng Yên's 2026S2 report goes through entry, return, fix and approval.
test.describe.configure({ mode: 'serial' });


const input = (page: Page, path: string) => page.locator(`[name="${path}"]`);

async function openCurrentReport(page: Page) {
  await signIn(page, 'hungyen@demo.khuyenhoc.vn');
  await page.getByTestId('report-row-2026S2-33').getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Báo cáo 6 tháng cuối năm 2026 – Hưng Yên');
}

/** Hưng Yên's approved 2026S1 figures by form field name: a complete, consistent report. */
const figures = demoReportFields('33', '2026S1', 'Phong trào xây dựng xã hội học tập tiếp tục phát triển.').values;
// The new family registration: 1.000 more households than in 2026S1.
const newRegistered = Number(figures['models.FAMILY.registered']) + 1000;
const familyTotal = Number(figures['models.FAMILY.total']);

test('bad input gets Vietnamese messages beside the fields, and a refused save changes nothing', async ({ page }) => {
  await openCurrentReport(page);
  await input(page, 'models.FAMILY.total').fill('1.200');
  await input(page, 'models.FAMILY.registered').fill('1.250');
  await expect(page.locator('#f-models-FAMILY-registered-msg')).toContainText('Gia đình học tập: số đã đăng ký (1.250) lớn hơn tổng số (1.200).');
  await page.getByRole('button', { name: 'Lưu nháp' }).click();
  await expect(page.locator('#report-form-status')).toContainText('Đã lưu nháp');

  await input(page, 'models.CLAN.total').fill('-5');
  await expect(page.locator('#f-models-CLAN-total-msg')).toContainText('không được âm');
  await input(page, 'models.CLAN.registered').fill('12a');
  await expect(page.locator('#f-models-CLAN-registered-msg')).toContainText('Dòng họ học tập – đã đăng ký');
  await input(page, 'fund.opening').fill('1234567890123456789012345');
  await expect(page.locator('#f-fund-opening-msg')).toContainText('số quá lớn');
  await page.getByRole('button', { name: 'Lưu nháp' }).click();
  await expect(page.locator('#report-form-status')).toHaveText('Dữ liệu chưa hợp lệ. Vui lòng kiểm tra các ô được đánh dấu.');

  // What was saved before is still there.
  await page.reload();
  await expect(input(page, 'models.FAMILY.total')).toHaveValue('1.200');
  await expect(input(page, 'models.CLAN.total')).toHaveValue('');
  await expect(input(page, 'fund.opening')).toHaveValue('');
  await expect(page.getByTestId('report-history')).toContainText('Gia đình học tập – đã đăng ký: (trống) → 1.250');
});

test('Hưng Yên fills and submits the report', async ({ page }) => {
  await openCurrentReport(page);
  for (const [path, value] of Object.entries(figures)) await input(page, path).fill(value);
  await input(page, 'models.FAMILY.registered').fill(String(newRegistered));
  await expect(page.getByTestId('fund-check')).toContainText('khớp số dư cuối kỳ');
  await expect(page.getByTestId('form-summary')).toContainText('Đủ điều kiện gửi.');
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await page.getByRole('button', { name: 'Xác nhận gửi' }).click();
  await expect(page.getByTestId('report-status')).toHaveText('Đã gửi');
});

test('the Cluster III leader returns it with a comment', async ({ page }) => {
  await signIn(page, 'cum3@demo.khuyenhoc.vn');
  await page.goto('/cum/CUM3/bao-cao?ky=2026S2');
  await expect(page.getByTestId('count-submitted')).toContainText('1');
  await page.getByTestId('completeness-row-33').getByRole('link', { name: 'Xem và duyệt' }).click();
  await page.getByRole('button', { name: 'Trả lại cho tỉnh' }).click();
  await expect(page.locator('#return-comment-error')).toHaveText('Vui lòng ghi rõ lý do.');
  await page.getByLabel('Nhận xét khi trả lại (bắt buộc)').fill('Đề nghị kiểm tra lại số hội viên mới.');
  await page.getByRole('button', { name: 'Trả lại cho tỉnh' }).click();
  await page.getByRole('button', { name: 'Xác nhận trả lại' }).click();
  await expect(page.getByTestId('report-status')).toHaveText('Bị trả lại');
});

test('Hưng Yên sees the comment, fixes and resubmits', async ({ page }) => {
  await openCurrentReport(page);
  await expect(page.getByTestId('return-comment')).toContainText('Đề nghị kiểm tra lại số hội viên mới.');
  const newMembers = Number(figures['membership.newMembers']) - 10;
  await input(page, 'membership.newMembers').fill(formatInteger(newMembers));
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await page.getByRole('button', { name: 'Xác nhận gửi' }).click();
  await expect(page.getByTestId('report-status')).toHaveText('Đã gửi');
  await expect(page.getByTestId('report-history')).toContainText('Hội viên mới kết nạp');
});

test('the leader approves, and the overview shows the new figures', async ({ page }) => {
  await signIn(page, 'cum3@demo.khuyenhoc.vn');
  await page.goto('/bao-cao/33/2026S2');
  await page.getByRole('button', { name: 'Duyệt báo cáo' }).click();
  await page.getByRole('button', { name: 'Xác nhận duyệt' }).click();
  await expect(page.getByTestId('report-status')).toHaveText('Đã duyệt');

  await page.goto('/cum/CUM3?ky=2026S2');
  const cell = page.getByTestId('rate-33-FAMILY');
  await expect(cell).toContainText(nbsp(formatPercent(newRegistered / familyTotal)));
  await expect(cell).toContainText(`${formatInteger(newRegistered)} / ${formatInteger(familyTotal)}`);
  await expect(page.getByTestId('province-row-33')).toContainText('Đã duyệt');
});
