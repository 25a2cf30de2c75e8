import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test, type Download, type Page } from '@playwright/test';
import { buildDemoData } from '../../prisma/demo-data';
import { reportField } from '../../lib/reports/fields';
import { signIn } from './helpers';

// Stateful: Ninh Bình's 2026S2 report is filled from an uploaded workbook, and an
// administrator loads a history file. Hưng Yên's 2026S2 belongs to report-flow.spec.ts.
test.describe.configure({ mode: 'serial' });

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { download, bytes: readFileSync((await download.path())!) };
}

async function workbookOf(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

async function saveTo(wb: ExcelJS.Workbook, file: string): Promise<string> {
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

test('a province downloads its report as Excel, uploads it filled in, checks the preview and saves it', async ({ page }, testInfo) => {
  await signIn(page, 'ninhbinh@demo.khuyenhoc.vn');
  await page.goto('/bao-cao/37/2026S2');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Báo cáo 6 tháng cuối năm 2026 – Ninh Bình');

  const { download, bytes } = await downloaded(page, () => page.getByTestId('download-workbook').click());
  expect(download.suggestedFilename()).toBe('bao-cao-37-2026S2.xlsx');
  const wb = await workbookOf(bytes);
  expect(wb.worksheets.map((s) => s.name)).toEqual([
    'Thông tin',
    'Mô hình học tập',
    'Quỹ khuyến học',
    'Học bổng, hỗ trợ, khen thưởng',
    'Hội viên, chi hội',
    'Trung tâm học tập cộng đồng',
    'Đánh giá chung',
  ]);
  expect(wb.getWorksheet('Thông tin')!.getCell('B3').value).toBe('37');
  const models = wb.getWorksheet('Mô hình học tập')!;
  expect(models.getCell('A5').value).toBe('Gia đình học tập');
  expect(models.getCell('D4').value).toBe('Đã đăng ký');

  // A mistake first: text where a number belongs. The preview names the cell; nothing can be saved.
  models.getCell('C5').value = 2000;
  models.getCell('D5').value = 'khoảng 1500';
  const upload = page.getByTestId('workbook-upload');
  await upload.getByLabel('Tệp Excel (.xlsx, tối đa 2 MB)').setInputFiles(await saveTo(wb, testInfo.outputPath('sai.xlsx')));
  await upload.getByRole('button', { name: 'Xem trước' }).click();
  await expect(page.getByTestId('upload-errors')).toContainText('Trang “Mô hình học tập”, ô D5: Gia đình học tập – đã đăng ký');
  await expect(upload.getByRole('button', { name: /Lưu các thay đổi/ })).toHaveCount(0);

  // Fixed: three figures change, shown old → new with their cells, then saved on confirmation.
  models.getCell('D5').value = '1.500';
  models.getCell('E5').value = 1000;
  await upload.getByLabel('Tệp Excel (.xlsx, tối đa 2 MB)').setInputFiles(await saveTo(wb, testInfo.outputPath('dung.xlsx')));
  await upload.getByRole('button', { name: 'Xem trước' }).click();
  const changes = page.getByTestId('upload-changes');
  await expect(changes.getByRole('row', { name: /Gia đình học tập – đã đăng ký/ })).toContainText('Mô hình học tập – D5');
  await expect(changes.getByRole('row', { name: /Gia đình học tập – đã đăng ký/ })).toContainText('1.500');
  await expect(changes.locator('tbody tr')).toHaveCount(3);
  // Previewing saved nothing: the form still shows the old (empty) figure.
  await expect(page.locator('[name="models.FAMILY.registered"]')).toHaveValue('');

  await upload.getByRole('button', { name: 'Lưu các thay đổi (3 số liệu)' }).click();
  await expect(page.getByTestId('upload-saved')).toContainText('Đã lưu 3 số liệu từ tệp “dung.xlsx” vào bản nháp');
  await expect(page.locator('[name="models.FAMILY.registered"]')).toHaveValue('1.500');
  await expect(page.locator('[name="models.FAMILY.total"]')).toHaveValue('2.000');

  // A file that is not a workbook is refused with the reason.
  const fake = testInfo.outputPath('khong-phai-excel.xlsx');
  writeFileSync(fake, 'Tỉnh;Số liệu\nNinh Bình;1\n');
  await upload.getByLabel('Tệp Excel (.xlsx, tối đa 2 MB)').setInputFiles(fake);
  await upload.getByRole('button', { name: 'Xem trước' }).click();
  await expect(page.getByTestId('upload-refused')).toContainText('không phải là bảng tính');
});

test('workbooks and the history import stay within scope', async ({ page }) => {
  await signIn(page, 'ninhbinh@demo.khuyenhoc.vn');
  expect((await page.request.get('/bao-cao/33/2026S2/excel')).status()).toBe(403);
  expect((await page.request.get('/nhap-lich-su/mau/mau-nhap-lich-su.xlsx')).status()).toBe(403);
  const response = await page.goto('/nhap-lich-su');
  expect(response?.status()).toBe(403);
});

test('an administrator checks, imports and re-imports a history file', async ({ page }, testInfo) => {
  await signIn(page, 'admin@demo.khuyenhoc.vn');
  await page.getByRole('link', { name: 'Nhập lịch sử' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nhập số liệu lịch sử');

  const { bytes } = await downloaded(page, () => page.getByRole('link', { name: 'Tải mẫu Excel (.xlsx)' }).click());
  const template = await workbookOf(bytes);
  expect(template.getWorksheet('Số liệu')!.getCell('A1').value).toBe('Mã tỉnh');

  // Bắc Ninh's approved 2022S1 report, one more branch than in the demo data.
  const data = buildDemoData();
  const bacNinh = data.provinces.find((p) => p.code === '27' && p.validTo !== null)!;
  const report = data.reports.find((r) => r.provinceId === bacNinh.id && r.periodCode === '2022S1')!;
  const branches = report.branches! + 1;
  const csv = testInfo.outputPath('lich-su.csv');
  writeFileSync(csv, `\uFEFFMã tỉnh;Mã kỳ báo cáo;${reportField('membership.branches').label}\r\n27;2022S1;${branches}\r\n`);

  const input = page.getByLabel(/Tệp Excel \(\.xlsx\) hoặc CSV/);
  const status = page.getByTestId('history-import-status');
  await input.setInputFiles(csv);
  await page.getByRole('button', { name: 'Kiểm tra (chưa ghi)' }).click();
  await expect(status).toHaveText('Tệp hợp lệ (1 dòng). Nếu nhập: tạo mới 0, cập nhật 1, không đổi 0 báo cáo. Chưa ghi gì.');
  await page.getByRole('button', { name: 'Nhập số liệu' }).click();
  await expect(status).toHaveText('Đã nhập 1 dòng: tạo mới 0, cập nhật 1, không đổi 0 báo cáo.');
  await page.getByRole('button', { name: 'Nhập số liệu' }).click();
  await expect(status).toHaveText('Đã nhập 1 dòng: tạo mới 0, cập nhật 0, không đổi 1 báo cáo.');
});
