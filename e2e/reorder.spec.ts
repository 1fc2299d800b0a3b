import { expect, test, type Page } from '@playwright/test';
import { firstPaintedOrder, flush, instrument, layoutShift, reshelfReady, visualTiles, type TileInfo } from './support/shop';

/** The merchant order as the server rendered it (reshelf may already have moved unseen tiles in the DOM). */
async function renderedOrder(page: Page): Promise<TileInfo[]> {
  return page.evaluate(async () => {
    const doc = new DOMParser().parseFromString(await (await fetch('/')).text(), 'text/html');
    return [...doc.querySelectorAll<HTMLElement>('[data-reshelf-widget] [data-reshelf-item]')].map((el) => ({
      id: el.dataset.reshelfItem!, category: el.dataset.reshelfCategory!, pinned: el.hasAttribute('data-reshelf-pinned'), stock: Number(el.dataset.reshelfStock),
    }));
  });
}

/** The in-stock, unpinned category with the latest first tile in merchant order: a real move. */
function pickTargetCategory(merchant: TileInfo[]): { category: string; items: TileInfo[] } {
  const byCat = new Map<string, TileInfo[]>();
  for (const t of merchant) if (!t.pinned && t.stock > 0) byCat.set(t.category, [...(byCat.get(t.category) ?? []), t]);
  const firstIndex = (c: string) => merchant.findIndex((t) => t.category === c);
  const category = [...byCat.keys()].filter((c) => byCat.get(c)!.length >= 3).sort((a, b) => firstIndex(b) - firstIndex(a))[0]!;
  return { category, items: byCat.get(category)! };
}

test('a returning shopper sees the sale reordered toward what they showed interest in, painted that way first, with no layout shift', async ({ page }) => {
  await instrument(page);
  await page.goto('/');
  expect((await reshelfReady(page)).engine).toBe(true);
  const merchant = await renderedOrder(page);
  expect(merchant.length).toBeGreaterThanOrEqual(24);
  const { category, items } = pickTargetCategory(merchant);

  // Interest: two add-to-carts and a product page view in one category.
  for (const item of items.slice(0, 2)) {
    await page.locator(`[data-reshelf-item="${item.id}"] [data-reshelf-action="cart"]`).click();
  }
  await page.goto(`/p/${items[2]!.id}`);
  await reshelfReady(page);
  // flush() runs after the queued view has been tracked, so the order cached for the next visit is current.
  await flush(page);
  const catIds = items.map((t) => t.id);
  const pinnedIds = merchant.filter((t) => t.pinned).map((t) => t.id);
  await page.waitForFunction(
    ([ids, pinned]) => {
      const order = JSON.parse(localStorage.getItem('reshelf:v1:flash-sale:order:flash-sale') ?? '[]') as string[];
      return ids.includes(order.filter((id) => !pinned.includes(id))[0] ?? '');
    },
    [catIds, pinnedIds] as const,
  );

  await page.goto('/');
  await reshelfReady(page);
  await page.waitForTimeout(800);
  const after = await visualTiles(page);
  const painted = await firstPaintedOrder(page);
  expect(painted?.length).toBeGreaterThan(0);
  // Every tile of the first painted frame already sits in its final slot.
  expect(painted, 'the first painted order is already the final order').toEqual(after.map((t) => t.id).slice(0, painted!.length));

  // Pinned tiles keep the merchant's slot.
  merchant.forEach((t, i) => { if (t.pinned) expect(after[i]!.id).toBe(t.id); });
  // Sold-out tiles sink to the last unpinned slots.
  const soldOut = merchant.filter((t) => t.stock === 0 && !t.pinned).map((t) => t.id);
  const tail = after.filter((t) => !t.pinned).slice(-soldOut.length).map((t) => t.id);
  expect(tail.sort()).toEqual([...soldOut].sort());
  // The category the shopper engaged with now leads the unpinned slots.
  // Similar items of other categories may mix in, but the category leads.
  const lead = after.filter((t) => !t.pinned).slice(0, 4);
  expect(lead.filter((t) => t.category === category).length, lead.map((t) => t.category).join()).toBeGreaterThanOrEqual(3);
  expect(lead[0]!.category).toBe(category);

  const meanPos = (tiles: TileInfo[]) => {
    const pos = tiles.map((t, i) => (t.category === category ? i : -1)).filter((i) => i >= 0);
    return pos.reduce((a, b) => a + b, 0) / pos.length;
  };
  expect(meanPos(after)).toBeLessThan(meanPos(merchant) / 2);

  const explained = await page.evaluate(
    (id) => new Promise((resolve) => (window as unknown as { reshelf: (...a: unknown[]) => void }).reshelf('explain', id, resolve)),
    lead[0]!.id,
  );
  expect(JSON.stringify(explained)).toMatch(/"kind":"(category|similar)"/);

  const { cls, shifts } = await layoutShift(page);
  console.log(`CLS on the returning visit: ${cls} (${shifts} shifts)`);
  expect(cls).toBe(0);
});

test('without history nothing the shopper has seen moves, and nothing shifts while scrolling', async ({ page }) => {
  await instrument(page);
  await page.goto('/');
  await reshelfReady(page);
  const aboveFold = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-reshelf-item]')]
      .filter((el) => el.getBoundingClientRect().top < innerHeight)
      .map((el) => el.dataset.reshelfItem!),
  );
  const before = (await visualTiles(page)).map((t) => t.id);
  await page.mouse.wheel(0, 600);
  await page.waitForTimeout(1500);
  const after = (await visualTiles(page)).map((t) => t.id);
  for (const id of aboveFold) expect(after.indexOf(id)).toBe(before.indexOf(id));
  expect((await layoutShift(page)).cls).toBe(0);
});

test('css mode: a framework-owned container keeps its DOM; the visual order comes from CSS order', async ({ page }) => {
  await instrument(page);
  await page.goto('/?reorder=css');
  await reshelfReady(page);
  const merchant = await renderedOrder(page);
  const { items } = pickTargetCategory(merchant);
  for (const item of items.slice(0, 3)) await page.locator(`[data-reshelf-item="${item.id}"] [data-reshelf-action="cart"]`).click();
  await flush(page);
  await page.goto('/?reorder=css');
  await reshelfReady(page);
  await page.waitForTimeout(500);
  const domOrder = await page.$$eval('[data-reshelf-widget] [data-reshelf-item]', (els) => els.map((e) => (e as HTMLElement).dataset.reshelfItem!));
  expect(domOrder).toEqual(merchant.map((t) => t.id));
  const visual = (await visualTiles(page)).map((t) => t.id);
  expect(visual).not.toEqual(domOrder);
  expect(visual.slice(0, 8)).toEqual(expect.arrayContaining([items[0]!.id]));
  expect(await page.$$eval('[data-reshelf-item]', (els) => els.every((e) => (e as HTMLElement).style.order !== ''))).toBe(true);
  const shift = await layoutShift(page);
  expect(shift.cls, shift.log.join('\n')).toBe(0);
});

test('the ESM example orders its own state with rank() and never lets reshelf touch its DOM', async ({ page }) => {
  await page.goto('/examples/esm');
  await expect(page.locator('#status')).toContainText('Ranked');
  const cards = page.locator('#grid .card');
  expect(await cards.count()).toBeGreaterThanOrEqual(24);
  expect(await page.locator('[data-reshelf-rank]').count()).toBe(0);
});
