import { expect, test, type Page } from '@playwright/test';
import { flush, reshelfReady, serverStats, totals } from './support/shop';

const inStock = (page: Page) => page.$$eval('[data-reshelf-item]', (els) => els.map((e) => e as HTMLElement).filter((e) => e.dataset.reshelfStock !== '0').map((e) => e.dataset.reshelfItem!));
const cart = (page: Page, id: string) => page.locator(`[data-reshelf-item="${id}"] [data-reshelf-action="cart"]`).click();

test('a corrupted stored profile is replaced, not trusted, and the page keeps working', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await reshelfReady(page);
  await cart(page, (await inStock(page))[0]!);
  await flush(page);
  // Overwrite the profile with garbage of the wrong shape.
  await page.evaluate(() => new Promise<void>((resolve) => {
    const open = indexedDB.open('reshelf');
    open.onsuccess = () => {
      const tx = open.result.transaction('profile', 'readwrite');
      tx.objectStore('profile').put({ v: 1, affinities: 'nope', recent: 42 }, 'self');
      tx.oncomplete = () => { open.result.close(); resolve(); };
    };
  }));
  await page.reload();
  expect(await reshelfReady(page)).toMatchObject({ engine: true, storage: 'indexeddb' });
  await cart(page, (await inStock(page))[1]!);
  expect(((await flush(page)) as { pending: number }).pending).toBe(0);
  expect(errors).toEqual([]);
});

test('a database left by a newer version: reshelf falls back to memory and the page keeps working', async ({ page }) => {
  await page.goto('/p/none');
  await page.evaluate(() => new Promise<void>((resolve) => {
    const open = indexedDB.open('reshelf', 99);
    open.onsuccess = () => { open.result.close(); resolve(); };
  }));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  expect(await reshelfReady(page)).toMatchObject({ engine: true, storage: 'memory' });
  await cart(page, (await inStock(page))[0]!);
  expect(((await flush(page)) as { pending: number }).pending).toBe(0);
  expect(errors).toEqual([]);
});

test('two tabs of the same shop: every signal counted exactly once', async ({ context, request }) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  await a.goto('/');
  await b.goto('/');
  await Promise.all([reshelfReady(a), reshelfReady(b)]);
  const ids = await inStock(a);
  const before = totals(await serverStats(request), ids[2]!).carts + totals(await serverStats(request), ids[3]!).carts;
  await cart(a, ids[2]!);
  await cart(b, ids[3]!);
  await Promise.all([flush(a), flush(b), flush(a), flush(b)]);
  await Promise.all([flush(a), flush(b)]);
  const after = totals(await serverStats(request), ids[2]!).carts + totals(await serverStats(request), ids[3]!).carts;
  expect(after - before).toBe(2);
});

test('tab closed right after an add-to-cart: the signal arrives once (keepalive now or the outbox next visit)', async ({ context, request }) => {
  const page = await context.newPage();
  await page.goto('/');
  await reshelfReady(page);
  const id = (await inStock(page))[4]!;
  const before = totals(await serverStats(request), id).carts;
  await cart(page, id);
  await page.close({ runBeforeUnload: true });
  const next = await context.newPage();
  await next.goto('/');
  await reshelfReady(next);
  await expect.poll(async () => {
    await flush(next);
    return totals(await serverStats(request), id).carts - before;
  }, { timeout: 20_000 }).toBe(1);
  await flush(next);
  expect(totals(await serverStats(request), id).carts - before).toBe(1);
});

test('clock skew: a page clock a day ahead still ranks and its batches are accepted', async ({ page, request }) => {
  await page.addInitScript(() => {
    const skew = 24 * 3600 * 1000;
    const real = Date.now.bind(Date);
    Date.now = () => real() + skew;
  });
  await page.goto('/');
  expect((await reshelfReady(page)).engine).toBe(true);
  const id = (await inStock(page))[5]!;
  const before = totals(await serverStats(request), id).carts;
  await cart(page, id);
  expect(((await flush(page)) as { pending: number }).pending).toBe(0);
  expect(totals(await serverStats(request), id).carts - before).toBe(1);
  const explained = await page.evaluate((x) => new Promise((r) => (window as unknown as { reshelf: (...a: unknown[]) => void }).reshelf('explain', x, r)), id);
  expect(explained).not.toBeNull();
});
