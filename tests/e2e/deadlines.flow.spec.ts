import { expect, test, type Page } from '@playwright/test';
import { buildDemoData } from '../../prisma/demo-data';
import { demoReportFields, signIn } from './helpers';

// Stateful: an administrator moves 2026S2's deadline into the past and grants Phú Thọ an
// extension; Bắc Ninh then submits late, Phú Thọ on time within its extension; the leader sees
// who was late and approves both; the administrator puts the deadline back and withdraws the
// extension, so that the other flows find 2026S2 as the demo has it (due 15/12/2026, no report of
// Bắc Ninh or Phú Thọ waiting for review). Hưng Yên, Ninh Bình and Hà Nội belong to other flows.
test.describe.configure({ mode: 'serial' });

const data = buildDemoData();
const current = (name: string) => data.provinces.find((p) => p.name === name && p.validTo === null)!;
const BAC_NINH = current('Bắc Ninh');
const PHU_THO = current('Phú Thọ');

/** A day in Vietnam as YYYY-MM-DD, `days` from today. */
function vietnamDay(days: number): string {
  const vn = new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000);
  return vn.toISOString().slice(0, 10);
}
const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');

// The moved deadline: yesterday, but never before 2026S2 begins.
const MOVED = vietnamDay(-1) < '2026-07-01' ? '2026-07-01' : vietnamDay(-1);
const EXTENDED = vietnamDay(10);
const REASON = 'Tỉnh đang kiện toàn bộ máy sau hợp nhất.';

/** The province's approved 2026S1 figures by form field name: a complete, consistent report. */
const figuresOf = (provinceId: string) =>
  demoReportFields(data.provinces.find((p) => p.id === provinceId)!.code, '2026S1', 'Phong trào khuyến học tiếp tục phát triển.').values;

async function fillAndSubmit(page: Page, provinceId: string) {
  for (const [path, value] of Object.entries(figuresOf(provinceId))) await page.locator(`[name="${path}"]`).fill(value);
  await expect(page.getByTestId('form-summary')).toContainText('Đủ điều kiện gửi.');
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await page.getByRole('button', { name: 'Xác nhận gửi' }).click();
  await expect(page.getByTestId('report-status')).toHaveText('Đã gửi');
}

async function setDeadline(page: Page, day: string) {
  const card = page.getByTestId('admin-period-2026S2');
  await card.getByLabel('Hạn nộp chung').fill(day);
  await card.getByRole('button', { name: 'Lưu hạn nộp' }).click();
  await expect(page.locator('#deadline-2026S2-status')).toContainText(`Hạn nộp 6 tháng cuối năm 2026: ${ddmmyyyy(day)} 23:59.`);
  await expect(page.getByTestId('period-deadline-2026S2')).toContainText(`${ddmmyyyy(day)} 23:59`);
}

test('the administrator moves the 2026S2 deadline and grants Phú Thọ an extension', async ({ page }) => {
  await signIn(page, 'admin@demo.khuyenhoc.vn');
  await page.goto('/quan-tri/ky-bao-cao');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kỳ báo cáo');
  await expect(page.getByRole('heading', { name: 'Tạo các kỳ báo cáo năm 2027' })).toBeVisible();
  await setDeadline(page, MOVED);

  // An extension earlier than the period's deadline is refused, with the message beside the field.
  const form = page.getByTestId('extension-form-2026S2');
  await form.getByLabel('Tỉnh, thành phố').selectOption({ label: `${PHU_THO.name} (${PHU_THO.code})` });
  await form.getByLabel('Gia hạn đến ngày').fill('2026-07-01');
  await form.getByLabel('Lý do gia hạn').fill(REASON);
  await form.getByRole('button', { name: 'Gia hạn cho tỉnh' }).click();
  await expect(form).toContainText('Hạn gia hạn phải sau hạn nộp chung của kỳ');

  await form.getByLabel('Gia hạn đến ngày').fill(EXTENDED);
  await form.getByRole('button', { name: 'Gia hạn cho tỉnh' }).click();
  await expect(form.getByRole('status')).toContainText(`Đã gia hạn cho ${PHU_THO.name} đến ${ddmmyyyy(EXTENDED)} 23:59.`);
  await expect(page.getByTestId(`extension-2026S2-${PHU_THO.code}`)).toContainText(REASON);
});

test('Bắc Ninh, past the moved deadline, can still submit, and is marked late', async ({ page }) => {
  await signIn(page, 'bacninh@demo.khuyenhoc.vn');
  const row = page.getByTestId(`report-row-2026S2-${BAC_NINH.code}`);
  await expect(row).toContainText('Quá hạn, chưa gửi');
  await row.getByRole('link').click();
  await expect(page.getByTestId('overdue-note')).toContainText('sẽ được ghi nhận là nộp muộn');
  await fillAndSubmit(page, BAC_NINH.id);
  await expect(page.getByTestId('report-timeliness')).toContainText('(nộp muộn)');
  await page.goto('/tinh');
  await expect(page.getByTestId(`report-row-2026S2-${BAC_NINH.code}`)).toContainText('(nộp muộn)');
});

test('Phú Thọ submits within its extension, and is on time', async ({ page }) => {
  await signIn(page, 'phutho@demo.khuyenhoc.vn');
  const row = page.getByTestId(`report-row-2026S2-${PHU_THO.code}`);
  await expect(row).toContainText(ddmmyyyy(EXTENDED));
  await expect(row).toContainText('(gia hạn)');
  await row.getByRole('link').click();
  await expect(page.getByTestId('deadline-extension')).toContainText(REASON);
  await expect(page.getByTestId('report-deadline')).toContainText(`Hạn nộp: ${ddmmyyyy(EXTENDED)}`);
  await fillAndSubmit(page, PHU_THO.id);
  await expect(page.getByTestId('report-timeliness')).toContainText('(đúng hạn)');
});

test('the leader sees who was late and approves both', async ({ page }) => {
  await signIn(page, 'cum3@demo.khuyenhoc.vn');
  await page.goto('/cum/CUM3/bao-cao?ky=2026S2');
  await expect(page.getByTestId('count-late')).toContainText('1');
  await expect(page.getByTestId(`completeness-row-${BAC_NINH.code}`)).toContainText('(muộn)');
  await expect(page.getByTestId(`completeness-row-${PHU_THO.code}`)).toContainText('(đúng hạn)');
  await expect(page.getByTestId(`completeness-row-${PHU_THO.code}`)).toContainText(`gia hạn đến ${ddmmyyyy(EXTENDED)}`);
  for (const p of [BAC_NINH, PHU_THO]) {
    await page.goto(`/bao-cao/${p.code}/2026S2`);
    await page.getByRole('button', { name: 'Duyệt báo cáo' }).click();
    await page.getByRole('button', { name: 'Xác nhận duyệt' }).click();
    await expect(page.getByTestId('report-status')).toHaveText('Đã duyệt');
  }
});

test('the administrator puts the deadline back and withdraws the extension', async ({ page }) => {
  await signIn(page, 'admin@demo.khuyenhoc.vn');
  await page.goto('/quan-tri/ky-bao-cao');
  await setDeadline(page, '2026-12-15');
  const extension = page.getByTestId(`extension-2026S2-${PHU_THO.code}`);
  await extension.getByLabel(`Lý do bỏ gia hạn (${PHU_THO.name})`).fill('Tỉnh đã gửi báo cáo.');
  await extension.getByRole('button', { name: 'Bỏ gia hạn' }).click();
  await expect(page.getByTestId(`extension-2026S2-${PHU_THO.code}`)).toHaveCount(0);
});
