/**
 * The merchant dashboard in a real browser, against the demo server (which runs SIMULATED
 * shoppers into `sim-campaign` at start-up). Screenshots go to test-results/ for a human look.
 */
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_TOKEN, CAMPAIGN } from './support/shop';

const SIM = 'sim-campaign';

/** Records page errors and CSP violations (the page is served with a strict policy). */
async function watch(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return problems;
}

async function signIn(page: Page, campaign: string, token = ADMIN_TOKEN): Promise<void> {
  await page.goto(`/dashboard?campaign=${campaign}`);
  await page.getByLabel('Admin token').fill(token);
  await page.getByRole('button', { name: 'Open dashboard' }).click();
}

async function expectNoBadNumbers(page: Page): Promise<void> {
  expect(await page.locator('body').innerText()).not.toMatch(/NaN|undefined|Infinity|null/);
}

test('simulated campaign: lift cards, CI chart, position curve, tables, summary in en and zh, CSV', async ({ page }) => {
  const problems = await watch(page);
  await signIn(page, SIM);
  await expect(page.locator('#campaign-name')).toHaveText('Simulated flash sale');

  // Headline cards: estimate, 95% CI, p-value and the test for each metric.
  await expect(page.locator('.lift-card')).toHaveCount(4);
  for (const metric of ['ctr', 'addToCartRate', 'conversionRate', 'revenuePerSession']) {
    const card = page.locator(`.lift-card[data-metric="${metric}"]`);
    await expect(card.locator('.lift-estimate')).toHaveText(/^[+−]?\d+\.\d%$/);
    await expect(card.locator('.lift-ci')).toHaveText(/^95% CI [+−]?\d+\.\d% to [+−]?\d+\.\d%$/);
    // The unit of the test: shoppers where the devices sent shopper moments; revenue stays on batches.
    await expect(card.locator('.lift-p')).toHaveText(metric === 'revenuePerSession' ? /^p (<|=) 0\.\d{3} · z-test over visit batches$/ : /^p (<|=) 0\.\d{3} · z-test over (shoppers|visit batches)$/);
  }

  // Forest chart: an interval and a point per metric, and the zero line.
  await expect(page.locator('#ci-chart .forest-ci')).toHaveCount(4);
  await expect(page.locator('#ci-chart .forest-point')).toHaveCount(4);
  await expect(page.locator('#ci-chart .forest-zero').first()).toBeVisible();

  // Position-bias curve: a uPlot canvas with both arms in its legend.
  const canvas = page.locator('#position-curve .uplot canvas');
  await expect(canvas).toBeVisible();
  expect((await canvas.boundingBox())!.width).toBeGreaterThan(300);
  await expect(page.locator('#position-curve .u-legend')).toContainText('Control');
  await expect(page.locator('#position-curve .u-legend')).toContainText('Treatment');

  // Tables: both arms; every item, those needing action first and highlighted.
  await expect(page.locator('#arms tbody tr')).toHaveCount(11);
  await expect(page.locator('table.items tbody tr')).toHaveCount(24);
  await expect(page.locator('table.items tbody tr').first()).toHaveClass(/needs-action/);
  await expect(page.locator('tr.needs-action .advice-numbers').first()).toContainText('units/h');

  // Summary in English, then Chinese (advice follows the language).
  await expect(page.locator('.summary-text')).toContainText('Click-through rate');
  await expect(page.locator('.summary-text')).toContainText('95% CI');
  await page.screenshot({ path: 'test-results/dashboard-laptop.png', fullPage: true });
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.locator('.summary-text')).toContainText('点击率');
  await expect(page.locator('tr.needs-action .advice-text').first()).toContainText(/[预售]/);
  await expect(page.locator('#position-curve .uplot canvas')).toBeVisible(); // re-rendered, not lost
  await page.getByRole('button', { name: 'EN' }).click();
  await expectNoBadNumbers(page);

  // CSV: fetched with the token, handed over as a Blob download.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`reshelf-report-${SIM}.csv`);

  // Refresh keeps the page and updates the "as of" time; the token never reaches the URL.
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.locator('#as-of')).toContainText('As of');
  expect(page.url()).not.toContain(ADMIN_TOKEN);
  expect(problems).toEqual([]);
});

test('the live demo campaign (few signals) and the campaign picker render without NaN', async ({ page }) => {
  const problems = await watch(page);
  await signIn(page, SIM);
  await expect(page.locator('#campaign-name')).toHaveText('Simulated flash sale');
  await page.locator('#campaign-picker').selectOption(CAMPAIGN);
  await expect(page.locator('#campaign-name')).not.toHaveText('Simulated flash sale');
  expect(new URL(page.url()).searchParams.get('campaign')).toBe(CAMPAIGN);
  await expect(page.locator('.lift-card')).toHaveCount(4);
  await expect(page.locator('table.items tbody tr').first()).toBeVisible();
  await expectNoBadNumbers(page);
  expect(problems).toEqual([]);
});

test('a wrong token shows a clear error and asks again', async ({ page }) => {
  await signIn(page, SIM, 'not-the-token');
  await expect(page.getByRole('alert')).toContainText('The admin token was not accepted (HTTP 401');
  await expect(page.getByLabel('Admin token')).toBeVisible();
  await expect(page.locator('.lift-card')).toHaveCount(0);
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
});

test('phone 390×844: no horizontal overflow, items as cards', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const problems = await watch(page);
  await signIn(page, SIM);
  await expect(page.locator('#position-curve .uplot canvas')).toBeVisible();
  const overflow = await page.evaluate(() => {
    const doc = document.documentElement;
    const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > doc.clientWidth + 1).map((e) => e.className || e.tagName);
    return { scroll: doc.scrollWidth, client: doc.clientWidth, wide: wide.slice(0, 5) };
  });
  expect(overflow.wide).toEqual([]);
  expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
  expect((await page.locator('#position-curve .uplot canvas').boundingBox())!.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: 'test-results/dashboard-phone.png', fullPage: true });
  await page.screenshot({ path: 'test-results/dashboard-phone-top.png' });
  expect(problems).toEqual([]);
});
