import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { buildDemoData } from '../../prisma/demo-data';
import { formatInteger, formatPercent } from '../../lib/format';
import { signIn } from './helpers';

const demo = buildDemoData();

/** A province's figures for one model and period in the demo data. */
function figures(code: string, periodCode: string, model: string) {
  const province = demo.provinces.find((p) => p.code === code && demo.reports.some((r) => r.provinceId === p.id && r.periodCode === periodCode))!;
  const report = demo.reports.find((r) => r.provinceId === province.id && r.periodCode === periodCode)!;
  return report.modelFigures.find((f) => f.model === model)!;
}

/** Clicks a download link: the file's suggested name and its bytes. */
async function download(page: Page, link: string): Promise<{ name: string; body: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: link }).click()]);
  return { name: file.suggestedFilename(), body: Buffer.concat(await (await file.createReadStream()).toArray()) };
}

/** An XLSX's first sheet: the cell under a heading in the row whose first cell is `first`, and every first cell (notes included). */
async function sheetOf(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(body).buffer);
  const sheet = workbook.worksheets[0]!;
  const headings = (sheet.getRow(1).values as unknown[]).slice(1);
  const rows = sheet.getRows(2, sheet.rowCount - 1)!;
  return {
    cell: (first: string, heading: string) => rows.find((r) => r.getCell(1).value === first)!.getCell(headings.indexOf(heading) + 1),
    firstColumn: rows.map((r) => String(r.getCell(1).value ?? '')),
  };
}

test.describe('cluster dashboard', () => {
  test('shows targets in force, the chart and the fund, and a year view taking the latest stocks', async ({ page }) => {
    await signIn(page, 'cum3@demo.khuyenhoc.vn');
    await page.goto('/cum/CUM3?ky=2022S1');
    await expect(page.getByTestId('targets-table')).toContainText('QĐ 387/QĐ-TTg: 70 % đến năm 2025');
    await expect(page.getByRole('img', { name: /Gia đình học tập: tỷ lệ .* theo tỉnh/ })).toHaveAttribute('aria-label', /Vĩnh Phúc: \d/);
    await expect(page.getByTestId('fund-table')).toContainText('Vĩnh Phúc');
    await expect(page.getByTestId('fund-total-row')).toContainText('₫');

    await page.goto('/cum/CUM3?nam=2022');
    await expect(page.getByText('Năm 2022').first()).toBeVisible();
    const s2 = figures('26', '2022S2', 'FAMILY');
    await expect(page.getByTestId('rate-26-FAMILY')).toContainText(`${formatInteger(s2.registered)} / ${formatInteger(s2.total)}`);
  });

  test('switches to approved reports only and to today\u2019s provinces, stating the rule', async ({ page }) => {
    await signIn(page, 'cum3@demo.khuyenhoc.vn');
    await page.goto('/cum/CUM3?ky=2022S1');
    await page.getByLabel('Chỉ tính báo cáo đã duyệt').check();
    await expect(page).toHaveURL(/duyet=1/);
    await expect(page.getByText('Chỉ tính báo cáo đã duyệt.')).toBeVisible();
    await page.getByLabel('Theo tỉnh hiện nay').check();
    await expect(page).toHaveURL(/xem=hien-nay/);
    await expect(page.getByTestId('overview-table').locator('tbody tr')).toHaveCount(5);
    await expect(page.getByText(/cộng vào tỉnh kế thừa/)).toBeVisible();
    // Vĩnh Phúc's 2022S1 households are in today's Phú Thọ (code 25).
    const vp = figures('26', '2022S1', 'FAMILY');
    await expect(page.getByTestId('province-row-25')).toBeVisible();
    await expect(page.getByTestId('rate-25-FAMILY')).toContainText(formatInteger(vp.total).slice(0, 3));
  });

  test('exports the province table as CSV and XLSX with the numbers behind the rates', async ({ page }) => {
    await signIn(page, 'cum3@demo.khuyenhoc.vn');
    await page.goto('/cum/CUM3?ky=2022S1');
    const csvFile = await download(page, 'Mô hình học tập (CSV)');
    expect(csvFile.name).toBe('cum3-mo-hinh-hoc-tap-2022s1.csv');
    const csv = csvFile.body.toString('utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('Gia đình học tập – tỷ lệ đăng ký');
    const vinhPhuc = csv.split('\r\n').find((line) => line.startsWith('26,'))!;
    expect(vinhPhuc).toContain('Vĩnh Phúc,Đã duyệt,310000,309411,');
    expect(vinhPhuc).toContain(',0.9981,');

    const sheet = await sheetOf((await download(page, 'Mô hình học tập (XLSX)')).body);
    expect(sheet.cell('26', 'Gia đình học tập – tỷ lệ đăng ký').value).toBe(0.9981);
    expect(sheet.cell('26', 'Gia đình học tập – tỷ lệ đăng ký').numFmt).toBe('0.00%');

    const targetsCsv = (await download(page, 'Mục tiêu quốc gia (CSV)')).body.toString('utf8');
    expect(targetsCsv).toContain('Mô hình,Chỉ tiêu,Quyết định,Năm mục tiêu,Mục tiêu,Tỷ lệ đạt được');
    expect(targetsCsv).toMatch(/Gia đình học tập,Tỷ lệ đạt danh hiệu,QĐ 387\/QĐ-TTg,2025,0\.7,0\.\d+/);
  });

  test('prints a one-page meeting brief', async ({ page }) => {
    await signIn(page, 'cum3@demo.khuyenhoc.vn');
    await page.goto('/cum/CUM3?ky=2022S1');
    await page.getByRole('link', { name: 'Bản tổng hợp giao ban (in A4)' }).click();
    const brief = page.getByTestId('meeting-brief');
    await expect(brief.getByRole('heading', { level: 1 })).toHaveText('Tổng hợp kết quả công tác khuyến học – 6 tháng đầu năm 2022');
    await expect(page.getByTestId('brief-completeness')).toContainText('8/8 tỉnh đã gửi báo cáo');
    await expect(page.getByTestId('brief-table')).toContainText(formatPercent(0.9981));
    await expect(page.getByTestId('brief-highlights')).toContainText('Gia đình học tập: cao nhất Vĩnh Phúc (99,81');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'In bản tổng hợp' })).toBeHidden();
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  });
});

test('the central association sees every cluster and drills down to a province report', async ({ page }) => {
  await signIn(page, 'trunguong@demo.khuyenhoc.vn');
  await expect(page).toHaveURL(/\/trung-uong/);
  await page.goto('/trung-uong?ky=2022S1');
  await expect(page.getByTestId('national-reported')).toHaveText('8 / 8');
  const file = await download(page, 'Các cụm (CSV)');
  expect(file.name).toBe('toan-quoc-cac-cum-2022s1.csv');
  const csv = file.body.toString('utf8');
  expect(csv.split('\r\n').find((line) => line.startsWith('CUM3,'))).toMatch(/^CUM3,Cụm III – Đồng bằng sông Hồng,8,8,8,/);
  await page.getByTestId('national-row-CUM3').getByRole('link').click();
  await expect(page).toHaveURL(/\/cum\/CUM3\?ky=2022S1/);
  await page.getByTestId('province-row-26').getByRole('link', { name: 'Vĩnh Phúc' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Báo cáo 6 tháng đầu năm 2022 – Vĩnh Phúc');
});

test('province staff see their history across the merger, and are refused the national view', async ({ page }) => {
  await signIn(page, 'hungyen@demo.khuyenhoc.vn');
  await page.getByRole('link', { name: 'Lịch sử số liệu và biểu đồ →' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lịch sử số liệu – Hưng Yên');
  await expect(page.getByTestId('history-row-2022S1')).toContainText('Thái Bình');
  const hy = figures('33', '2022S1', 'FAMILY');
  const tb = figures('34', '2022S1', 'FAMILY');
  await expect(page.getByTestId('history-row-2022S1')).toContainText(`${formatInteger(hy.registered + tb.registered)} / ${formatInteger(hy.total + tb.total)}`);
  expect((await page.goto('/trung-uong'))?.status()).toBe(403);
  expect((await page.goto('/lich-su/01'))?.status()).toBe(403);
});

test('exports a province history as CSV and XLSX, merged predecessors included and stated', async ({ page }) => {
  await signIn(page, 'cum3@demo.khuyenhoc.vn');
  // Today's Phú Thọ (25) adds up Vĩnh Phúc, Hòa Bình and the old Phú Thọ before July 2025.
  await page.goto('/lich-su/25');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lịch sử số liệu – Phú Thọ');
  const vp = figures('26', '2022S1', 'FAMILY');

  const csvFile = await download(page, 'Lịch sử số liệu (CSV)');
  expect(csvFile.name).toBe('25-lich-su-so-lieu.csv');
  const lines = csvFile.body.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
  // No heading or cell of these lines holds a comma.
  const header = lines[0].split(',');
  const s1 = lines.find((line) => line.startsWith('2022S1,'))!.split(',');
  const at = (heading: string) => s1[header.indexOf(heading)];
  expect(at('Kỳ báo cáo')).toBe('6 tháng đầu năm 2022');
  expect(at('Báo cáo (trạng thái)')).toContain('Vĩnh Phúc (đến 30/06/2025): Đã duyệt');
  expect(at('Gia đình học tập – tổng số')).toBe(String(vp.total));
  expect(at('Gia đình học tập – đã đăng ký')).toBe(String(vp.registered));
  expect(at('Gia đình học tập – tỷ lệ đăng ký')).toBe('0.9981');
  expect(header).toEqual(expect.arrayContaining(['Dòng họ học tập – tỷ lệ đăng ký', 'Tổng vận động (đồng)', 'Tổng số tiền (đồng)']));

  const sheet = await sheetOf((await download(page, 'Lịch sử số liệu (XLSX)')).body);
  expect(sheet.cell('2022S1', 'Gia đình học tập – tỷ lệ đăng ký').value).toBe(0.9981);
  expect(sheet.cell('2022S1', 'Gia đình học tập – tỷ lệ đăng ký').numFmt).toBe('0.00%');
  // The file states what the page states about the merger.
  const stated = (await page.getByText(/^Gồm số liệu của các tỉnh trước hợp nhất: /).textContent())!;
  expect(stated).toContain('Vĩnh Phúc');
  expect(sheet.firstColumn).toContain(stated);
  expect(sheet.firstColumn.some((n) => n.includes('cộng vào tỉnh kế thừa'))).toBe(true);
});

test('@phone the dashboard fits a phone screen', async ({ page }) => {
  await signIn(page, 'cum3@demo.khuyenhoc.vn');
  await page.goto('/cum/CUM3?ky=2022S1');
  await expect(page.getByTestId('rate-26-FAMILY')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()!.width);
});
