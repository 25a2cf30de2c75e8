import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'KhuyenHoc@2022';

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/dang-nhap');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).not.toHaveURL(/\/dang-nhap/);
}

/** vi-VN formatting joins number and unit with a no-break space. */
export function nbsp(text: string): string {
  return text.replace(/ /g, '\u00A0');
}
