// Before the end-to-end tests: make sure the browser they drive is there. Playwright's own
// browser downloads are not available on these machines, so the tests use Debian's Chromium
// (playwright.config.ts, CHROMIUM_PATH to use another). On a fresh machine where it is missing,
// this installs it with apt-get when it may (running as root, apt-get present); otherwise it
// says how, and stops before 38 tests fail to launch a browser.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const browser = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

if (existsSync(browser)) process.exit(0);

const canInstall = !process.env.CHROMIUM_PATH && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
if (!canInstall) {
  console.error(
    `[kiểm thử] Không tìm thấy trình duyệt ${browser}.\n` +
      '  Cài Chromium của Debian: sudo apt-get install chromium\n' +
      '  hoặc chỉ đường dẫn tới một Chromium khác: CHROMIUM_PATH=/duong/dan/chromium npm test',
  );
  process.exit(1);
}

console.log('[kiểm thử] Chưa có Chromium: đang cài gói chromium của Debian (apt-get, một lần)…');
if (!run('apt-get', ['update', '-q']) || !run('apt-get', ['install', '-y', '-q', 'chromium']) || !existsSync(browser)) {
  console.error('[kiểm thử] Cài Chromium không thành công; xem thông báo của apt-get ở trên.');
  process.exit(1);
}
