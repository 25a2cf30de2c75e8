// An association's first day, on an empty database and without the demo: the first
// administrator is created on the command line, signs in and finds the 34 provinces in force,
// sets up a cluster with its members and leader, the 2027 periods and two accounts; the
// province enters and submits its 2027S1 report in the form, the leader approves it, and the
// cluster dashboard and the national view show it. No SQL and no seed at any step.
//
// Its own server (the production build the main e2e server uses) on its own database: a fresh
// PostgreSQL database when DATABASE_URL is set, else a fresh embedded one.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, rmSync } from 'node:fs';
import path from 'node:path';

import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import pg from 'pg';

import { demoReportFields } from './helpers';

test.describe.configure({ mode: 'serial' });

const PORT = Number(process.env.E2E_PORT ?? 3100) + 7;
const BASE = `http://127.0.0.1:${PORT}`;
const ADMIN = { email: 'quantri@hoikhuyenhoc.example.vn', password: 'Ngay-dau-tien-2027!' };
const SECRET = process.env.NEXTAUTH_SECRET ?? 'e2e-secret-not-for-production-0123456789abcdef';

let server: ChildProcess | undefined;
let env: NodeJS.ProcessEnv;
const accounts: Record<'staff' | 'leader', { email: string; password: string }> = {
  staff: { email: 'canbo.hungyen@hoikhuyenhoc.example.vn', password: '' },
  leader: { email: 'cumtruong@hoikhuyenhoc.example.vn', password: '' },
};

async function emptyDatabase(): Promise<Record<string, string>> {
  const serverUrl = process.env.DATABASE_URL?.trim();
  if (serverUrl) {
    const name = `kh_e2e_first_day_${PORT}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    return { DATABASE_URL: Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString() };
  }
  const dir = path.join(process.cwd(), 'data', `e2e-first-day-${PORT}`, 'pglite');
  rmSync(path.dirname(dir), { recursive: true, force: true });
  return { PGLITE_DIR: dir, DATABASE_URL: '' };
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  env = {
    ...process.env,
    ...(await emptyDatabase()),
    NEXTAUTH_SECRET: SECRET,
    NEXTAUTH_URL: BASE,
    PORT: String(PORT),
    HOSTNAME_BIND: '127.0.0.1',
    SEED_DEMO: 'false',
    SKIP_BUILD: '1',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  // The first administrator, as docs/production.md says: on the command line, before the server starts.
  const created = spawnSync('npx', ['tsx', 'scripts/admin-create.ts', '--email', ADMIN.email, '--name', 'Quản trị Hội', '--password', ADMIN.password], {
    env,
    encoding: 'utf8',
  });
  expect(created.status, `${created.stdout}\n${created.stderr}`).toBe(0);

  const log = createWriteStream(path.join(test.info().project.outputDir, 'first-day-server.log'));
  server = spawn('npx', ['tsx', 'scripts/start.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  await expect
    .poll(async () => (await fetch(`${BASE}/api/health`).catch(() => null))?.status ?? 0, { timeout: 180_000, intervals: [1000] })
    .toBe(200);
});

test.afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    process.kill(-server.pid, 'SIGTERM');
    await exited;
  }
});

async function signInAt(page: Page, email: string, password: string) {
  await page.goto(`${BASE}/dang-nhap`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).not.toHaveURL(/\/dang-nhap/);
}

async function post(api: APIRequestContext, url: string, data: unknown) {
  const answer = await api.post(`${BASE}${url}`, { data });
  expect(answer.status(), `${url}: ${await answer.text()}`).toBe(200);
  return answer.json();
}

test('the first administrator sets the association up', async ({ page }) => {
  await signInAt(page, ADMIN.email, ADMIN.password);

  // The reference data is there without a seed: the 34 provinces in force today.
  await page.goto(`${BASE}/quan-tri/tinh`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tỉnh, thành phố');
  await expect(page.locator('[data-testid^="province-row-"]')).toHaveCount(34);
  await expect(page.getByTestId('province-row-24')).toContainText('Bắc Ninh');

  // Through the administration API, with the administrator's session.
  const api = page.context().request;
  await post(api, '/api/v1/clusters', { code: 'CUM3', name: 'Cụm III – Đồng bằng sông Hồng', region: 'Đồng bằng sông Hồng' });
  for (const province of ['01', '24', '33']) await post(api, '/api/v1/clusters/CUM3/memberships', { province, from: '2027-01-01' });
  await post(api, '/api/v1/clusters/CUM3/leader-terms', { province: '33', term: '2027–2031', from: '2027-01-01' });
  await post(api, '/api/v1/periods', { year: 2027 });
  accounts.staff.password = (await post(api, '/api/v1/users', { email: accounts.staff.email, name: 'Nguyễn Thị Lan', role: 'PROVINCE_STAFF', province: '33' })).password;
  accounts.leader.password = (await post(api, '/api/v1/users', { email: accounts.leader.email, name: 'Trần Văn Minh', role: 'CLUSTER_LEADER', cluster: 'CUM3' })).password;

  await page.goto(`${BASE}/quan-tri/ky-bao-cao`);
  await expect(page.getByTestId('admin-period-2027S1')).toBeVisible();
  await page.goto(`${BASE}/quan-tri/cum/CUM3`);
  await expect(page.getByTestId('memberships')).toContainText('Hưng Yên');
  await expect(page.getByTestId('leader-terms')).toContainText('2027–2031');
});

/** A complete, consistent report: the demo's approved 2026S1 figures of Hưng Yên, typed into the form. */
const figures = () => demoReportFields('33', '2026S1', 'Năm đầu của cụm mới: các mô hình học tập được duy trì.').values;

test('the province enters and submits its 2027S1 report', async ({ page }) => {
  await signInAt(page, accounts.staff.email, accounts.staff.password);
  await page.goto(`${BASE}/bao-cao/33/2027S1`);
  for (const [name, value] of Object.entries(figures())) await page.locator(`[name="${name}"]`).fill(value);
  await expect(page.getByTestId('form-summary')).toContainText('Đủ điều kiện gửi.');
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await page.getByRole('button', { name: 'Xác nhận gửi' }).click();
  await expect(page.getByTestId('report-status')).toHaveText('Đã gửi');
});

test('the leader approves it, and the dashboard and the national view show it', async ({ page, browser }) => {
  await signInAt(page, accounts.leader.email, accounts.leader.password);
  await page.goto(`${BASE}/bao-cao/33/2027S1`);
  await page.getByRole('button', { name: 'Duyệt báo cáo' }).click();
  await page.getByRole('button', { name: 'Xác nhận duyệt' }).click();
  await expect(page.getByTestId('report-status')).toHaveText('Đã duyệt');

  const family = figures();
  const rate = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(
    (100 * Number(family['models.FAMILY.registered'])) / Number(family['models.FAMILY.total']),
  );
  await page.goto(`${BASE}/cum/CUM3?ky=2027S1`);
  await expect(page.getByRole('main')).toContainText('Hưng Yên');
  await expect(page.getByRole('main')).toContainText(rate);

  // The national view, as the administrator sees it.
  const context = await browser.newContext();
  const admin = await context.newPage();
  await signInAt(admin, ADMIN.email, ADMIN.password);
  await admin.goto(`${BASE}/trung-uong?ky=2027S1`);
  await expect(admin.getByRole('main')).toContainText('Cụm III – Đồng bằng sông Hồng');
  await expect(admin.getByRole('main')).toContainText(rate);
  await context.close();
});
