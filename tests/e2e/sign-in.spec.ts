// Sign-in as an outside tester would probe it on the production build: redirect targets that
// browsers read as another site, and a session cookie copied before signing out.
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, signIn } from './helpers';

const OFF_SITE = ['/%5Cevil.example/', '/%09/evil.example/', '//evil.example/', '/%5C%5Cevil.example'];

test('a signed-in visitor is never sent off the portal by the sign-in page', async ({ page, baseURL }) => {
  await signIn(page, 'hungyen@demo.khuyenhoc.vn');
  for (const target of OFF_SITE) {
    await page.goto(`/dang-nhap?callbackUrl=${target}`);
    expect(new URL(page.url()).origin, target).toBe(new URL(baseURL!).origin);
    await expect(page.getByRole('heading', { name: /Báo cáo của Hưng Yên/ })).toBeVisible();
  }
});

test('signing in through the form keeps the visitor on the portal', async ({ page, baseURL }) => {
  await page.goto(`/dang-nhap?callbackUrl=${OFF_SITE[0]}`);
  await page.getByLabel('Email').fill('hungyen@demo.khuyenhoc.vn');
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('heading', { name: /Báo cáo của Hưng Yên/ })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
});

test('a session cookie copied before signing out no longer works', async ({ page, browser }) => {
  await signIn(page, 'bacninh@demo.khuyenhoc.vn');
  const copied = await page.context().cookies();
  await page.getByRole('button', { name: /Đăng xuất/ }).click();
  await expect(page).toHaveURL(/\/dang-nhap/);

  // Someone who kept the cookie tries it in another browser.
  const other = await browser.newContext();
  await other.addCookies(copied);
  const stolen = await other.newPage();
  await stolen.goto('/tinh');
  await expect(stolen).toHaveURL(/\/dang-nhap/);
  const api = await stolen.request.get('/api/v1/me');
  expect(api.status()).toBe(401);
  await other.close();
});
