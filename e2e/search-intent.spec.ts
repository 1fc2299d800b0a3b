/**
 * The demo's search box through the real model in a real browser: shopper text is labelled on the
 * device, and the tiles whose titles share the label move forward (seen ones too: the shopper
 * asked), while pinned tiles keep their slot and sold-out tiles stay last.
 */
import { expect, test, type Page } from '@playwright/test';
import { intentModel } from './support/intent-server';
import { reshelfReady, visualTiles } from './support/shop';

const MODEL = intentModel();
test.skip(!MODEL.present, `no text model at ${MODEL.modelsDir}/${MODEL.name}`);

interface Explained { reasons: Array<{ kind: string; label?: string }> }

async function explain(page: Page, id: string): Promise<Explained | null> {
  return page.evaluate((itemId) => new Promise<Explained | null>((resolve) => (window as unknown as { reshelf: (...a: unknown[]) => void }).reshelf('explain', itemId, resolve)), id);
}

/** Mean visual slot of the tiles of the given merchant categories among unpinned, in-stock tiles. */
async function meanSlot(page: Page, categories: readonly string[]): Promise<number> {
  const tiles = (await visualTiles(page)).filter((t) => !t.pinned && t.stock > 0);
  const slots = tiles.flatMap((t, i) => (categories.includes(t.category) ? [i] : []));
  return slots.reduce((a, b) => a + b, 0) / Math.max(1, slots.length);
}

// Chinese and English text meet in one label space. (The Chinese training data has no audio
// category, so "便宜的无线耳机" reads as phones; see the model card.)
const SEARCHES: Array<{ query: string; categories: string[] }> = [
  { query: 'cheap bluetooth headphones', categories: ['Headphones'] },
  { query: '便宜的手机', categories: ['Smartphones'] },
  { query: 'smartphone with 128gb storage', categories: ['Smartphones'] },
];

for (const { query, categories } of SEARCHES) {
  test(`search "${query}" moves ${categories.join('/')} deals forward through the on-device model`, async ({ page }) => {
    await page.goto('/');
    expect((await reshelfReady(page)).engine).toBe(true);
    const before = await visualTiles(page);
    const pinnedBefore = before.flatMap((t, i) => (t.pinned ? [[t.id, i] as const] : []));
    const slotBefore = await meanSlot(page, categories);

    await page.fill('[data-reshelf-search]', query);
    await page.press('[data-reshelf-search]', 'Enter');
    // The first search loads the model (runtime + weights from this origin), then re-ranks.
    await expect.poll(() => meanSlot(page, categories), { timeout: 45_000, intervals: [250] }).toBeLessThan(slotBefore - 3);

    const after = await visualTiles(page);
    for (const [id, slot] of pinnedBefore) expect(after.findIndex((t) => t.id === id), `pinned ${id}`).toBe(slot);
    const firstSoldOut = after.findIndex((t) => t.stock === 0 && !t.pinned);
    expect(after.slice(firstSoldOut).every((t) => t.stock === 0 || t.pinned)).toBe(true);
    // The move is explained by the intent, not by anything else the shopper did.
    const lead = after.find((t) => !t.pinned && categories.includes(t.category))!;
    const reasons = (await explain(page, lead.id))?.reasons ?? [];
    expect(reasons.some((r) => r.kind === 'intent'), JSON.stringify(reasons)).toBe(true);
  });
}
