import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';

// Stateful: the administrator creates accounts that the later tests use. The
// accounts are this file's own, so no other test's demo account is touched.
test.describe.configure({ mode: 'serial' });

const STAFF = { email: 'canbo.hanoi.e2e@tinh.vn', name: 'Nguyễn Thị Kiểm Thử', password: 'Van-Mieu-1070!' };
const THROTTLED = { email: 'bi.chan.e2e@tinh.vn', name: 'Trần Văn Thử Chặn' };
let throttledPassword = '';

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/dang-nhap/);
}

/** Submits the sign-in form and waits for next-auth's answer, so that a repeated message is a new one. */
async function typeSignIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/auth/callback/credentials')),
    page.getByRole('button', { name: 'Đăng nhập' }).click(),
  ]);
}

test('an administrator creates a Hà Nội staff account with a typed password; the new user lands on /tinh', async ({ page }) => {
  await signIn(page, 'admin@demo.khuyenhoc.vn');
  await page.goto('/quan-tri');
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Người dùng' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Người dùng');
  await page.getByRole('link', { name: 'Thêm tài khoản' }).click();

  await page.getByLabel('Email').fill(STAFF.email);
  await page.getByLabel('Họ tên').fill(STAFF.name);
  await page.getByLabel('Vai trò').selectOption({ label: 'Cán bộ tỉnh' });
  await page.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Hà Nội (01)' });
  await page.getByLabel('Tự đặt mật khẩu').check();

  // A common password is refused with the rule beside the field; nothing is created.
  await page.getByLabel('Mật khẩu', { exact: true }).fill('matkhau123');
  await page.getByLabel('Nhập lại mật khẩu').fill('matkhau123');
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(page.locator('#new-user-password-error')).toHaveText('Mật khẩu này quá phổ biến, dễ bị đoán. Vui lòng chọn mật khẩu khác.');
  await expect(page.locator('#create-user-status')).toHaveText('Dữ liệu chưa hợp lệ. Vui lòng kiểm tra các ô được đánh dấu.');
  // The other fields kept what was typed.
  await expect(page.getByLabel('Email')).toHaveValue(STAFF.email);

  await page.getByLabel('Mật khẩu', { exact: true }).fill(STAFF.password);
  await page.getByLabel('Nhập lại mật khẩu').fill(STAFF.password);
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(page.locator('#create-user-status')).toHaveText(`Đã tạo tài khoản ${STAFF.email} (Cán bộ tỉnh).`);
  // A typed password is not shown back.
  await expect(page.getByTestId('one-time-password')).toHaveCount(0);

  await page.goto('/quan-tri/nguoi-dung');
  const row = page.getByTestId(`user-row-${STAFF.email}`);
  await expect(row).toContainText(STAFF.name);
  await expect(row).toContainText('Hà Nội');
  await expect(row).toContainText('chưa đăng nhập');

  await signOut(page);
  await typeSignIn(page, STAFF.email, STAFF.password);
  await expect(page).toHaveURL(/\/tinh$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Báo cáo của Hà Nội');
});

test('an administrator creates an account with a generated password, shown once', async ({ page }) => {
  await signIn(page, 'admin@demo.khuyenhoc.vn');
  await page.goto('/quan-tri/nguoi-dung/moi');
  await page.getByLabel('Email').fill(THROTTLED.email);
  await page.getByLabel('Họ tên').fill(THROTTLED.name);
  await page.getByLabel('Vai trò').selectOption({ label: 'Trung ương Hội' });
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(page.locator('#create-user-status')).toHaveText(`Đã tạo tài khoản ${THROTTLED.email} (Trung ương Hội).`);
  throttledPassword = await page.getByTestId('one-time-password').getByRole('textbox').inputValue();
  expect(throttledPassword).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
  // The form is cleared for the next account.
  await expect(page.getByLabel('Email')).toHaveValue('');
});

test('after five wrong passwords the account is refused even with the right one, with the Vietnamese message', async ({ page }) => {
  expect(throttledPassword).not.toBe('');
  await page.goto('/dang-nhap');
  for (let i = 1; i <= 5; i++) {
    await typeSignIn(page, THROTTLED.email, `Sai-mat-khau-${i}`);
    await expect(page.locator('#sign-in-message')).toHaveText('Email hoặc mật khẩu không đúng.');
  }
  await typeSignIn(page, THROTTLED.email, throttledPassword);
  await expect(page.locator('#sign-in-message')).toHaveText('Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.');
  await expect(page).toHaveURL(/\/dang-nhap/);
});

test('changing one’s password ends the sessions open elsewhere, and the new password signs in', async ({ page, browser }) => {
  // A second browser where the same user is already signed in.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, STAFF.email, STAFF.password);
  await expect(otherPage).toHaveURL(/\/tinh$/);

  await signIn(page, STAFF.email, STAFF.password);
  await page.goto('/tai-khoan');
  await page.getByRole('link', { name: 'Đổi mật khẩu' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đổi mật khẩu');
  const newPassword = 'Quoc-Tu-Giam-1076';
  await page.getByLabel('Mật khẩu hiện tại').fill('Sai-mat-khau-0');
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill(newPassword);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(newPassword);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.locator('#change-currentPassword-error')).toHaveText('Mật khẩu hiện tại không đúng.');

  await page.getByLabel('Mật khẩu hiện tại').fill(STAFF.password);
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill(newPassword);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(newPassword);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.locator('#change-password-status')).toContainText('Đã đổi mật khẩu.');

  // The other browser's session has ended.
  await otherPage.goto('/tinh');
  await expect(otherPage).toHaveURL(/\/dang-nhap/);
  await other.close();

  await page.getByRole('button', { name: 'Đăng nhập lại' }).click();
  await expect(page).toHaveURL(/\/dang-nhap/);
  await typeSignIn(page, STAFF.email, STAFF.password);
  await expect(page.locator('#sign-in-message')).toHaveText('Email hoặc mật khẩu không đúng.');
  await typeSignIn(page, STAFF.email, newPassword);
  await expect(page).toHaveURL(/\/tinh$/);
});
