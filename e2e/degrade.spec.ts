import { expect, test } from '@playwright/test';
import { reshelfReady } from './support/shop';

const merchantOrder = (page: import('@playwright/test').Page) =>
  page.$$eval('[data-reshelf-widget] [data-reshelf-item]', (els) => els.map((e) => (e as HTMLElement).dataset.reshelfItem!));

test('IndexedDB unavailable: the page is unharmed and ranking still works for the visit', async ({ page, context }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Take IndexedDB away from the worker (its script is rewritten on the way in) and from the page.
  await context.route('**/reshelf/reshelf-worker.js', async (route) => {
    const res = await route.fetch();
    const body = `Object.defineProperty(self,'indexedDB',{get(){throw new DOMException('blocked','SecurityError')}});\n${await res.text()}`;
    await route.fulfill({ response: res, body });
  });
  await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('blocked', 'SecurityError'); } }));
  await page.goto('/');
  const ready = await reshelfReady(page);
  expect(ready).toMatchObject({ engine: true, storage: 'memory' });
  expect(await page.locator('[data-reshelf-item]').count()).toBeGreaterThanOrEqual(24);
  await page.locator('[data-reshelf-item] [data-reshelf-action="cart"]:not([disabled])').first().click();
  expect(errors).toEqual([]);
});

test('engine worker fails to load: the merchant order stays exactly as rendered', async ({ page, context }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await context.route('**/reshelf/reshelf-worker.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto('/');
  const rendered = await page.evaluate(async () => {
    const res = await fetch(location.href);
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    return [...doc.querySelectorAll<HTMLElement>('[data-reshelf-widget] [data-reshelf-item]')].map((e) => e.dataset.reshelfItem!);
  });
  expect((await reshelfReady(page)).engine).toBe(false);
  expect(await merchantOrder(page)).toEqual(rendered);
  await page.locator('[data-reshelf-item] [data-reshelf-action="cart"]:not([disabled])').first().click();
  expect(errors).toEqual([]);
});

test('forget() deletes everything reshelf stored on the device', async ({ page }) => {
  await page.goto('/');
  await reshelfReady(page);
  await page.locator('[data-reshelf-item] [data-reshelf-action="cart"]:not([disabled])').first().click();
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('reshelf:')));
  // Another add-to-cart right before forget(): its reply (new orders to cache) lands during it.
  await page.locator('[data-reshelf-item] [data-reshelf-action="cart"]:not([disabled])').nth(1).click();
  await page.evaluate(() => new Promise((resolve) => (window as unknown as { reshelf: (...a: unknown[]) => void }).reshelf('forget', resolve)));
  await page.waitForTimeout(300); // and any reply still on its way
  const left = await page.evaluate(async () => ({
    keys: Object.keys(localStorage).filter((k) => k.startsWith('reshelf')),
    dbs: (await indexedDB.databases()).map((d) => d.name),
  }));
  expect(left).toEqual({ keys: [], dbs: [] });
});
