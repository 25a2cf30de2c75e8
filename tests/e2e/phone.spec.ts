import { expect, test, type Locator, type Page } from '@playwright/test';
import { nbsp, signIn } from './helpers';

// At phone size (the 'phone' project, a Pixel 7: 412 px wide): what a user needs is on the screen
// without a sideways swipe, and charts keep text of at least 11 px as rendered.

const MIN_TEXT_PX = 11;

/** The page itself never scrolls sideways. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

/** Shown, and wholly inside the screen's width. */
async function expectOnScreen(locator: Locator): Promise<void> {
  await expect(locator).toBeVisible();
  const box = (await locator.boundingBox())!;
  const width = locator.page().viewportSize()!.width;
  expect(box.x, await locator.innerText()).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, await locator.innerText()).toBeLessThanOrEqual(width);
}

type RenderedText = { text: string; fontPx: number; height: number; left: number; right: number; top: number };

/**
 * Every visible text of the charts inside `scope`, as rendered: for SVG text, its font size times
 * the SVG's scale on screen, and its box from getBoundingClientRect; for HTML text, its computed size.
 */
async function chartTexts(scope: Locator): Promise<{ svg: RenderedText[][]; html: RenderedText[] }> {
  return scope.evaluate((root) => {
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    };
    const svg = [...root.querySelectorAll('figure [role="img"] svg')].filter(shown).map((s) => {
      const scale = (s as SVGSVGElement).getScreenCTM()!.a;
      return [...s.querySelectorAll('text')].map((t) => {
        const r = t.getBoundingClientRect();
        return { text: t.textContent ?? '', fontPx: parseFloat(getComputedStyle(t).fontSize) * scale, height: r.height, left: r.left, right: r.right, top: r.top };
      });
    });
    const html = [...root.querySelectorAll('figure [role="img"] span')]
      .filter((el) => shown(el) && [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== ''))
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { text: el.textContent ?? '', fontPx: parseFloat(getComputedStyle(el).fontSize), height: r.height, left: r.left, right: r.right, top: r.top };
      });
    return { svg, html };
  });
}

async function expectReadableCharts(page: Page, { svgCharts, htmlCharts }: { svgCharts: number; htmlCharts: number }): Promise<void> {
  const { svg, html } = await chartTexts(page.locator('main'));
  expect(svg).toHaveLength(svgCharts);
  for (const texts of svg) {
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) {
      expect(t.fontPx, t.text).toBeGreaterThanOrEqual(MIN_TEXT_PX);
      expect(t.height, t.text).toBeGreaterThanOrEqual(MIN_TEXT_PX);
    }
    // Texts on one line (the period axis) do not overlap.
    const rows = new Map<number, RenderedText[]>();
    for (const t of texts) rows.set(Math.round(t.top), [...(rows.get(Math.round(t.top)) ?? []), t]);
    for (const row of rows.values()) {
      const sorted = [...row].sort((a, b) => a.left - b.left);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.left, `${sorted[i - 1]!.text} / ${sorted[i]!.text}`).toBeGreaterThanOrEqual(sorted[i - 1]!.right);
    }
  }
  if (htmlCharts > 0) expect(html.length).toBeGreaterThan(0);
  for (const t of html) expect(t.fontPx, t.text).toBeGreaterThanOrEqual(MIN_TEXT_PX);
}

test('@phone the province home shows each period’s status, deadline and action without a sideways swipe', async ({ page }) => {
  await signIn(page, 'hungyen@demo.khuyenhoc.vn');
  await expect(page).toHaveURL(/\/tinh$/);
  await expectNoSidewaysScroll(page);
  const row = page.getByTestId('report-row-2026S2-33');
  await expectOnScreen(row.getByText('6 tháng cuối năm 2026'));
  await expectOnScreen(row.getByText('Chưa bắt đầu'));
  await expectOnScreen(row.getByText(/^\d{2}\/\d{2}\/2026/));
  await expectOnScreen(row.getByRole('link', { name: 'Nhập báo cáo' }));
  // Each figure is named on the card (drawn by CSS from the column's name), as the header names it on a wide screen.
  expect(await row.locator('[data-label="Hạn nộp"]').evaluate((el) => getComputedStyle(el, '::before').content)).toBe('"Hạn nộp"');
  // The header menu wraps rather than hiding its last item past the edge.
  for (const link of await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link').all()) await expectOnScreen(link);
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tài khoản', exact: true })).toBeVisible();
});

test('@phone the cluster dashboard: a card per province, readable charts, the targets in full lines', async ({ page }) => {
  await signIn(page, 'cum3@demo.khuyenhoc.vn');
  await page.goto('/cum/CUM3?ky=2022S1');
  await expect(page.getByTestId('rate-26-FAMILY')).toContainText(nbsp('99,81 %'));
  await expectNoSidewaysScroll(page);
  // Every model of a province is on screen, not one of five.
  for (const model of ['FAMILY', 'CLAN', 'COMMUNITY', 'UNIT', 'CITIZEN']) await expectOnScreen(page.getByTestId(`rate-26-${model}`));
  await expectOnScreen(page.getByTestId('province-row-26').getByRole('link', { name: 'Lịch sử số liệu' }));
  await expectOnScreen(page.getByTestId('rate-cluster-CITIZEN'));
  // The rate bars (HTML) and the trend (its phone layout, one SVG).
  await expectReadableCharts(page, { svgCharts: 1, htmlCharts: 1 });
  // The targets' wording reads in lines, not a word a line.
  const target = page.getByTestId('targets-table').locator('[data-label="Mục tiêu"]').first();
  await expectOnScreen(target);
  const lines = await target.evaluate((el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight));
  expect(lines).toBeLessThanOrEqual(3.5);
  await expectOnScreen(page.getByTestId('fund-total-row').getByText(/₫/).first());
});

test('@phone the history: a card per period and a readable trend', async ({ page }) => {
  await signIn(page, 'hungyen@demo.khuyenhoc.vn');
  await page.goto('/lich-su/33');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lịch sử số liệu – Hưng Yên');
  await expectNoSidewaysScroll(page);
  await expectReadableCharts(page, { svgCharts: 1, htmlCharts: 0 });
  const row = page.getByTestId('history-row-2022S1');
  await expectOnScreen(row.getByText('6 tháng đầu năm 2022'));
  await expectOnScreen(row.locator('[data-label="Công dân học tập"]'));
  await expectOnScreen(row.locator('[data-label="Quỹ vận động"]'));
});

test('@phone staff of a merged-away province read why their report is read-only', async ({ page }) => {
  await signIn(page, 'thaibinh@demo.khuyenhoc.vn');
  await page.goto('/bao-cao/34/2025S1');
  await expect(page.getByTestId('edit-refusal')).toHaveText(
    'Thái Bình đã hợp nhất vào Hưng Yên từ ngày 01/07/2025: các báo cáo trước hợp nhất chỉ để xem, không sửa hay gửi được nữa.',
  );
  await expectNoSidewaysScroll(page);
  await expect(page.getByText(/Phiên bản \d/)).toHaveCount(0);
});

test('@phone a reviewer goes from a report back to the dashboard and to the province’s history', async ({ page }) => {
  await signIn(page, 'cum3@demo.khuyenhoc.vn');
  await page.goto('/bao-cao/26/2022S1');
  const links = page.getByRole('navigation', { name: 'Trang liên quan' });
  await expect(links.getByRole('link', { name: 'Lịch sử số liệu của Vĩnh Phúc' })).toHaveAttribute('href', '/lich-su/26');
  await links.getByRole('link', { name: '← Tổng quan Cụm III – Đồng bằng sông Hồng' }).click();
  await expect(page).toHaveURL(/\/cum\/CUM3\?ky=2022S1$/);
  await page.getByTestId('province-row-27').getByRole('link', { name: 'Lịch sử số liệu' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lịch sử số liệu – Bắc Ninh');
});

test('@phone an empty period says there are no figures yet', async ({ page }) => {
  await signIn(page, 'cum3@demo.khuyenhoc.vn');
  await page.goto('/cum/CUM3?ky=2026S2');
  await expect(page.getByText('Chưa có báo cáo nào có số hộ gia đình.')).toBeVisible();
  await expect(page.getByText(/0 \/ 0 hộ/)).toHaveCount(0);
  await expect(page.getByText('Cụm trưởng: Hưng Yên, nhiệm kỳ 2021–2026 (kế thừa Thái Bình)')).toBeVisible();
  await page.goto('/cum/CUM3/giao-ban?ky=2026S2');
  await expect(page.getByTestId('brief-highlights')).toHaveText('Chưa có tỉnh nào có số liệu về các mô hình học tập trong kỳ này.');
  await expect(page.getByTestId('brief-fund')).toHaveText('Chưa có báo cáo nào có số liệu quỹ khuyến học.');
  await expect(page.getByTestId('brief-awards')).toHaveText('Chưa có báo cáo nào có số liệu học bổng, hỗ trợ và khen thưởng.');
  await expect(page.getByTestId('meeting-brief')).not.toContainText('—');
});

test('@phone the users list is a card per account', async ({ page }) => {
  await signIn(page, 'admin@demo.khuyenhoc.vn');
  await page.goto('/quan-tri/nguoi-dung');
  await expectNoSidewaysScroll(page);
  const row = page.getByTestId('user-row-hungyen@demo.khuyenhoc.vn');
  await expectOnScreen(row.getByRole('link', { name: 'hungyen@demo.khuyenhoc.vn' }));
  await expectOnScreen(row.getByText('Cán bộ tỉnh'));
  await expectOnScreen(row.getByText('Đang hoạt động'));
  for (const link of await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link').all()) await expectOnScreen(link);
});
