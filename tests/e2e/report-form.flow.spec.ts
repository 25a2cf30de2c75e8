import { expect, test, type Locator, type Page } from '@playwright/test';
import { formatInteger } from '../../lib/format';
import { demoReportFields, signIn } from './helpers';

// Stateful: Hà Nội's 2026S2 report is refused with errors, typed into across an ended session,
// then sent, returned, sent again, approved and reopened, each step confirmed. It ends returned,
// so that it stays open to entry like the draft it was. Hưng Yên's belongs to report-flow.spec.ts.
test.describe.configure({ mode: 'serial' });

const REPORT = '/bao-cao/01/2026S2';
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 768 };

const input = (page: Page, path: string) => page.locator(`[name="${path}"]`);

async function openReport(page: Page, email = 'hanoi@demo.khuyenhoc.vn') {
  await page.context().clearCookies();
  await signIn(page, email);
  await page.goto(REPORT);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Báo cáo 6 tháng cuối năm 2026 – Hà Nội');
}

/** The focused element is on screen and wholly above the sticky bar of the form's buttons. */
async function expectFocusClearOfBar(page: Page) {
  const { field, bar, inBar, viewport } = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const barEl = document.querySelector('[data-testid="form-actions"]') as HTMLElement;
    const r = el.getBoundingClientRect();
    const b = barEl.getBoundingClientRect();
    return { field: { top: r.top, bottom: r.bottom, name: el.getAttribute('name') ?? el.textContent }, bar: { top: b.top }, inBar: barEl.contains(el), viewport: window.innerHeight };
  });
  if (inBar) return;
  expect(field.top, `${field.name} below the top of the screen`).toBeGreaterThanOrEqual(0);
  expect(field.bottom, `${field.name} above the sticky bar`).toBeLessThanOrEqual(bar.top);
  expect(bar.top).toBeLessThanOrEqual(viewport);
}

async function boxesDoNotOverlap(field: Locator, bar: Locator) {
  const f = (await field.boundingBox())!;
  const b = (await bar.boundingBox())!;
  expect(f.y).toBeGreaterThanOrEqual(0);
  expect(f.y + f.height).toBeLessThanOrEqual(b.y);
}

async function refusedDraftNamesEachField(page: Page) {
  await openReport(page);
  await expect(page.getByTestId('draft-policy')).toContainText('cả bản nháp chưa được lưu cho đến khi sửa xong ô đó');
  await input(page, 'models.CLAN.total').fill('-5');
  await input(page, 'fund.spent').fill('12a');
  await input(page, 'centres.learners').fill('1,5');
  await page.getByRole('button', { name: 'Lưu nháp' }).click();
  await expect(page.locator('#report-form-status')).toHaveText('Dữ liệu chưa hợp lệ. Vui lòng kiểm tra các ô được đánh dấu.');

  const summary = page.getByTestId('error-summary');
  await expect(summary.getByRole('heading')).toHaveText('Chưa lưu được: 3 ô cần sửa');
  await expect(summary.getByRole('listitem')).toHaveText([
    'Dòng họ học tập – tổng số (dòng họ): không được âm.',
    /^Quỹ – đã chi trong kỳ: /,
    /^Số lượt người học: /,
  ]);
  // Focus on the first wrong field, clear of the sticky bar.
  await expect(input(page, 'models.CLAN.total')).toBeFocused();
  await boxesDoNotOverlap(input(page, 'models.CLAN.total'), page.getByTestId('form-actions'));
  // Each entry leads to its field, also the last one, far down the form.
  await summary.getByRole('link', { name: 'Số lượt người học' }).click();
  await expect(input(page, 'centres.learners')).toBeFocused();
  await boxesDoNotOverlap(input(page, 'centres.learners'), page.getByTestId('form-actions'));
  // And moving on with the keyboard, no field ends up under the bar.
  await input(page, 'fund.opening').focus();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    await expectFocusClearOfBar(page);
  }

  // A report that cannot be sent yet is not confirmed but refused, with the list of what is missing.
  for (const path of ['models.CLAN.total', 'fund.spent', 'centres.learners']) await input(page, path).fill('');
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(summary.getByRole('heading')).toHaveText(/^Chưa gửi được: \d+ mục cần sửa$/);
  await expect(summary.getByRole('listitem').first()).toHaveText(/: chưa nhập\.$/);
  const first = await summary.getByRole('link').first().getAttribute('href');
  await expect(page.locator(first!)).toBeFocused();
  await boxesDoNotOverlap(page.locator(first!), page.getByTestId('form-actions'));
}

test.describe('on a phone', () => {
  test.use({ viewport: PHONE });

  test('@phone a refused draft lists each wrong field by name, focuses the first, and the sticky bar never covers it', async ({ page }) => {
    await refusedDraftNamesEachField(page);
  });

  test('@phone figures typed when the session has ended are kept, and signing in again comes back to restore them', async ({ page }) => {
    await openReport(page);
    await input(page, 'membership.newMembers').fill('4.321');
    await input(page, 'narrative.plan').fill('Mở thêm lớp học cho người cao tuổi.');
    // The session ends while the figures are on the screen.
    await page.context().clearCookies({ name: /session-token/ });
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    const status = page.locator('#report-form-status');
    await expect(status).toContainText('Phiên đăng nhập đã hết hạn.');
    await expect(status).toContainText('Số liệu đã gõ vẫn được giữ trên trình duyệt này.');
    const again = status.getByRole('link', { name: 'Đăng nhập lại' });
    await expect(again).toHaveAttribute('href', `/dang-nhap?callbackUrl=${encodeURIComponent(REPORT)}`);

    await again.click();
    await page.getByLabel('Email').fill('hanoi@demo.khuyenhoc.vn');
    await page.getByLabel('Mật khẩu').fill('KhuyenHoc@2022');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page).toHaveURL(new RegExp(`${REPORT}$`));

    // The form opens with the saved figures, and offers the typed ones back.
    await expect(input(page, 'membership.newMembers')).not.toHaveValue('4.321');
    const offer = page.getByTestId('draft-restore');
    await expect(offer).toContainText('Có 2 số liệu bạn đã gõ lúc');
    await expect(offer).toBeFocused();
    await boxesDoNotOverlap(offer, page.getByTestId('form-actions'));
    await offer.getByRole('button', { name: 'Khôi phục số liệu đã gõ' }).click();
    await expect(input(page, 'membership.newMembers')).toHaveValue('4.321');
    await expect(input(page, 'narrative.plan')).toHaveValue('Mở thêm lớp học cho người cao tuổi.');
    await expect(page.getByTestId('draft-restored')).toBeFocused();

    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await expect(page.locator('#report-form-status')).toContainText('Đã lưu nháp');
    // Saved: kept on the server, and no longer offered from the browser.
    await page.reload();
    await expect(input(page, 'membership.newMembers')).toHaveValue('4.321');
    await expect(page.getByTestId('draft-restore')).toHaveCount(0);
  });
});

test.describe('on a laptop', () => {
  test.use({ viewport: LAPTOP });

  test('a refused draft lists each wrong field by name, focuses the first, and the sticky bar never covers it', async ({ page }) => {
    await refusedDraftNamesEachField(page);
  });

  /** Hà Nội's approved 2026S1 figures, carried on: the opening balance is the 2026S1 closing one. */
  function figures() {
    const { values: v, report: r } = demoReportFields('01', '2026S1', 'Phong trào khuyến học của Thủ đô tiếp tục phát triển.');
    // The opening balance is left to the form's offer; the closing one follows from it.
    delete v['fund.opening'];
    const mobilised = r.fundMobilisations.reduce((sum, m) => sum + BigInt(m.amount!), 0n);
    v['fund.closing'] = String(BigInt(r.fundClosing!) + mobilised - BigInt(r.fundSpent!));
    return { values: v, previousClosing: formatInteger(BigInt(r.fundClosing!)) };
  }

  test('the opening balance is offered from the last approved report, and sending asks first and then says it was sent', async ({ page }) => {
    const { values, previousClosing } = figures();
    await openReport(page);
    for (const [path, value] of Object.entries(values)) await input(page, path).fill(value);
    await expect(page.getByTestId('previous-closing')).toContainText(`Số dư cuối kỳ trước (6 tháng đầu năm 2026, đã duyệt): ${previousClosing}`);
    await input(page, 'fund.opening').fill('');
    await page.getByRole('button', { name: 'Dùng số dư cuối kỳ trước' }).click();
    await expect(input(page, 'fund.opening')).toHaveValue(previousClosing);
    await expect(page.getByTestId('fund-check')).toContainText('khớp số dư cuối kỳ');
    await expect(page.getByTestId('form-summary')).toContainText('Đủ điều kiện gửi.');

    // Asked first; going back sends nothing.
    const send = page.getByRole('button', { name: 'Gửi báo cáo' });
    await send.click();
    const dialog = page.getByRole('dialog', { name: 'Gửi báo cáo tới cụm trưởng?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('tỉnh không sửa được báo cáo nữa, trừ khi cụm trưởng trả lại');
    await expect(dialog.getByRole('button', { name: 'Quay lại' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Quay lại' }).click();
    await expect(dialog).toBeHidden();
    await expect(send).toBeFocused();
    await expect(page.getByTestId('report-status')).not.toHaveText('Đã gửi');

    await send.click();
    await dialog.getByRole('button', { name: 'Xác nhận gửi' }).click();
    const outcome = page.getByTestId('report-outcome');
    await expect(outcome).toContainText('Đã gửi báo cáo tới cụm trưởng lúc');
    await expect(outcome).toBeFocused();
    await expect(page.getByTestId('report-status')).toHaveText('Đã gửi');
    // The message stays: it is on the page, not in the form that is gone.
    await page.reload();
    await expect(page.getByTestId('report-outcome')).toContainText('Đã gửi báo cáo tới cụm trưởng lúc');
  });

  test('returning asks first, with the comment, and then says it was returned', async ({ page }) => {
    await openReport(page, 'cum3@demo.khuyenhoc.vn');
    const ret = page.getByRole('button', { name: 'Trả lại cho tỉnh' });
    // Without a comment there is nothing to confirm: the reason is asked for.
    await ret.click();
    await expect(page.locator('#return-comment-error')).toHaveText('Vui lòng ghi rõ lý do.');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await page.getByLabel('Nhận xét khi trả lại (bắt buộc)').fill('Đề nghị kiểm tra lại số lượt người học.');
    await ret.click();
    const dialog = page.getByRole('dialog', { name: 'Trả báo cáo lại cho tỉnh?' });
    await expect(dialog).toContainText('Đề nghị kiểm tra lại số lượt người học.');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('report-status')).toHaveText('Đã gửi');

    await ret.click();
    await dialog.getByRole('button', { name: 'Xác nhận trả lại' }).click();
    await expect(page.getByTestId('report-outcome')).toContainText('Đã trả lại báo cáo cho tỉnh kèm nhận xét.');
    await expect(page.getByTestId('report-status')).toHaveText('Bị trả lại');
  });

  test('sent again, approving asks first and then says it was approved; reopening too', async ({ page }) => {
    await openReport(page);
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await page.getByRole('button', { name: 'Xác nhận gửi' }).click();
    await expect(page.getByTestId('report-status')).toHaveText('Đã gửi');

    await openReport(page, 'cum3@demo.khuyenhoc.vn');
    await page.getByRole('button', { name: 'Duyệt báo cáo' }).click();
    const dialog = page.getByRole('dialog', { name: 'Duyệt báo cáo này?' });
    await expect(dialog).toContainText('tỉnh không sửa được nữa');
    await dialog.getByRole('button', { name: 'Xác nhận duyệt' }).click();
    await expect(page.getByTestId('report-outcome')).toContainText('Đã duyệt báo cáo lúc');
    await expect(page.getByTestId('report-status')).toHaveText('Đã duyệt');

    // Reopened, so that the report is open to entry again, as the other flows found it.
    await page.getByLabel('Lý do mở lại (bắt buộc)').fill('Mở lại sau kiểm thử.');
    await page.getByRole('button', { name: 'Mở lại báo cáo' }).click();
    await page.getByRole('dialog', { name: 'Mở lại báo cáo đã duyệt?' }).getByRole('button', { name: 'Xác nhận mở lại' }).click();
    await expect(page.getByTestId('report-outcome')).toContainText('Đã mở lại báo cáo để tỉnh chỉnh sửa.');
    await expect(page.getByTestId('report-status')).toHaveText('Bị trả lại');
  });
});
