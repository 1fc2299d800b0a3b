import { expect, test } from '@playwright/test';
import { ADMIN_TOKEN, CAMPAIGN, reshelfReady, visualTiles } from './support/shop';

test('live stock: a tile sold out elsewhere is marked at once, announced to the page, and sinks only if unseen', async ({ page, request }) => {
  await page.goto('/');
  expect((await reshelfReady(page)).engine).toBe(true);
  await page.evaluate(() => {
    const w = window as unknown as { __stock: Array<{ itemId: string; stock: number }> };
    w.__stock = [];
    document.addEventListener('reshelf:stock', (e) => w.__stock.push((e as CustomEvent<{ itemId: string; stock: number }>).detail));
  });
  const tiles = await visualTiles(page);
  const visible = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-reshelf-item]')].filter((el) => el.getBoundingClientRect().top < innerHeight).map((el) => el.dataset.reshelfItem!),
  );
  const seenTile = tiles.find((t) => visible.includes(t.id) && !t.pinned && t.stock > 0)!;
  const unseenTile = tiles.filter((t) => !visible.includes(t.id) && !t.pinned && t.stock > 0)[0]!;
  const seenAt = tiles.findIndex((t) => t.id === seenTile.id);

  const res = await request.post(`/v1/admin/campaigns/${CAMPAIGN}/stock`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    data: { stock: { [seenTile.id]: 0, [unseenTile.id]: 0 } },
  });
  expect(res.ok()).toBe(true);

  await expect(page.locator(`[data-reshelf-item="${unseenTile.id}"]`)).toHaveAttribute('data-reshelf-soldout', '', { timeout: 10_000 });
  await expect(page.locator(`[data-reshelf-item="${seenTile.id}"]`)).toHaveAttribute('data-reshelf-soldout', '');
  const events = await page.evaluate(() => (window as unknown as { __stock: Array<{ itemId: string; stock: number }> }).__stock);
  expect(events).toEqual(expect.arrayContaining([{ itemId: seenTile.id, stock: 0 }, { itemId: unseenTile.id, stock: 0 }]));
  await expect.poll(async () => {
    const after = await visualTiles(page);
    return after.filter((t) => !t.pinned).slice(-4).map((t) => t.id).includes(unseenTile.id);
  }, { timeout: 10_000 }).toBe(true);
  // The tile the shopper has seen keeps its slot.
  expect((await visualTiles(page)).findIndex((t) => t.id === seenTile.id)).toBe(seenAt);
  // The shop's own badges follow the events: the seen tile says so where it stands.
  await expect(page.locator(`[data-reshelf-item="${seenTile.id}"] .stock small`)).toHaveText('Sold out');

  // Sales recorded from the merchant's order system reach the open page too ("only 3 left").
  const sold = tiles.find((t) => t.id !== seenTile.id && t.id !== unseenTile.id && !t.pinned && t.stock > 5)!;
  const sale = await request.post(`/v1/admin/campaigns/${CAMPAIGN}/sales`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    data: { sales: [{ orderId: `e2e-${Date.now()}`, itemId: sold.id, quantity: sold.stock - 3 }] },
  });
  expect(sale.ok()).toBe(true);
  await expect(page.locator(`[data-reshelf-item="${sold.id}"] .stock small`)).toHaveText('Only 3 left', { timeout: 10_000 });

  // Restock for the other tests.
  await request.post(`/v1/admin/campaigns/${CAMPAIGN}/stock`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    data: { stock: { [seenTile.id]: 10, [unseenTile.id]: 10, [sold.id]: sold.stock } },
  });
});
