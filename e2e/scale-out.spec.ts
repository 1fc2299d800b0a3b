import { expect, test } from '@playwright/test';
import { reshelfReady, visualTiles } from './support/shop';

const PG = process.env.RESHELF_PG_URL;

test('two instances on one PostgreSQL: a stock change made through one reaches a page served by the other', async ({ page }) => {
  test.skip(!PG, 'needs RESHELF_PG_URL (.ci/run starts a throwaway PostgreSQL)');
  const built = '../dist/demo.js';
  const { startDemo } = (await import(built)) as typeof import('../examples/01-script-tag/serve');
  const schema = `e2e_scale_${process.pid}_${Date.now() % 100000}`;
  const common = { port: 0, databaseUrl: PG, databaseSchema: schema, staticDir: 'dist', warmSessions: 0, adminToken: 'scale-token' } as const;
  const a = await startDemo(common);
  const b = await startDemo(common);
  try {
    await page.goto(`${b.url}/`);
    expect((await reshelfReady(page)).engine).toBe(true);
    const target = (await visualTiles(page)).filter((t) => !t.pinned && t.stock > 0).at(-1)!;
    const res = await fetch(`${a.url}/v1/admin/campaigns/flash-sale/stock`, {
      method: 'POST',
      headers: { authorization: 'Bearer scale-token', 'content-type': 'application/json' },
      body: JSON.stringify({ stock: { [target.id]: 0 } }),
    });
    expect(res.ok).toBe(true);
    await expect(page.locator(`[data-reshelf-item="${target.id}"]`)).toHaveAttribute('data-reshelf-soldout', '', { timeout: 15_000 });
  } finally {
    await page.close();
    await b.close();
    await a.close();
  }
});
