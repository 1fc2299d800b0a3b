import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Request } from '@playwright/test';
import { flush, reshelfReady, serverStats, totals } from './support/shop';

const ALLOWED_BATCH_KEYS = ['arm', 'batchId', 'campaignId', 'items', 'pairs', 'v'];

test('purchase queued with window.reshelf() before the SDK loads is counted once on the server', async ({ page, request }) => {
  const campaign = await (await request.get('/v1/campaigns/flash-sale')).json();
  const item = campaign.items.find((i: { stock: number }) => i.stock > 0);
  const before = totals(await serverStats(request), item.id);
  await page.goto(`/checkout?item=${item.id}&qty=2`);
  await reshelfReady(page);
  const report = (await flush(page)) as { sent: number; pending: number };
  expect(report.pending).toBe(0);
  const after = totals(await serverStats(request), item.id);
  expect(after.purchases - before.purchases).toBe(2);
});

test('every request the page sends holds only aggregates: no typed text, no shopper id, no sequence longer than a pair, unit messages without items', async ({ page }) => {
  const sent: Request[] = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/v1/')) sent.push(r); });
  await page.goto('/');
  await reshelfReady(page);
  const secret = 'my secret search for red headphones';
  await page.fill('[data-reshelf-search]', secret);
  await page.press('[data-reshelf-search]', 'Enter');
  const ids = await page.$$eval('[data-reshelf-item]', (els) => els.map((e) => (e as HTMLElement).dataset.reshelfItem!).slice(0, 4));
  for (const id of ids) await page.locator(`[data-reshelf-item="${id}"] [data-reshelf-action="cart"]`).click({ trial: false }).catch(() => undefined);
  await page.goto(`/p/${ids[0]}`);
  await reshelfReady(page);
  await flush(page);
  await page.goto('/');
  await reshelfReady(page);
  await flush(page);

  const anonId = await page.evaluate(
    () => new Promise<string>((resolve) => {
      const open = indexedDB.open('reshelf');
      open.onsuccess = () => {
        const get = open.result.transaction('meta').objectStore('meta').get('anonId');
        get.onsuccess = () => resolve(String(get.result));
      };
    }),
  );
  expect(anonId.length).toBeGreaterThan(8);

  const posts = sent.filter((r) => r.method() === 'POST');
  expect(posts.length).toBeGreaterThan(0);
  for (const r of sent) {
    const text = `${r.url()} ${r.postData() ?? ''} ${JSON.stringify(await r.allHeaders())}`;
    expect(text).not.toContain('secret');
    expect(text).not.toContain('headphones');
    expect(text).not.toContain(anonId);
    expect(r.headers()['cookie']).toBeUndefined();
  }
  const unitPosts = posts.filter((r) => new URL(r.url()).pathname === '/v1/units');
  // Page hides (the navigations above) send the shopper's item-free unit message: counts only.
  expect(unitPosts.length).toBeGreaterThan(0);
  for (const r of unitPosts) {
    const body = JSON.parse(r.postData()!);
    expect(Object.keys(body).sort()).toEqual(['arm', 'campaignId', 'cross', 'first', 'sum', 'sumSq', 'unitBatchId', 'v']);
    const fields = ['carts', 'clicks', 'impressions', 'purchases', 'sessions'];
    expect(Object.keys(body.sum).sort()).toEqual(fields);
    expect(Object.keys(body.sumSq).sort()).toEqual(fields);
    expect(Object.keys(body.cross).sort()).toEqual(['addToCartRate', 'conversionRate', 'ctr']);
    for (const id of ids) expect(r.postData()).not.toContain(id);
  }
  for (const r of posts.filter((p) => !unitPosts.includes(p))) {
    expect(new URL(r.url()).pathname).toBe('/v1/signals');
    const body = JSON.parse(r.postData()!);
    // `sessions` (a count of session starts) is optional; nothing else may ride along.
    expect(Object.keys(body).filter((k) => k !== 'sessions').sort()).toEqual(ALLOWED_BATCH_KEYS);
    if ('sessions' in body) expect(Number.isInteger(body.sessions)).toBe(true);
    for (const p of body.pairs) expect(Object.keys(p).sort()).toEqual(['from', 'to', 'weight']);
    for (const it of body.items) expect(Object.keys(it).sort()).toEqual(['carts', 'clicks', 'impressions', 'itemId', 'position', 'purchases', 'revenue']);
  }
});

test('backend down (a real server stopped): the page keeps working, the outbox survives a reload, and is flushed exactly once when it is back', async ({ page }) => {
  test.setTimeout(90_000);
  // The built demo, as CI runs it (a variable path keeps the type checker off dist/).
  const built = '../dist/demo.js';
  const { startDemo } = (await import(built)) as typeof import('../examples/01-script-tag/serve');
  const dir = mkdtempSync(join(tmpdir(), 'reshelf-e2e-down-'));
  const shopPort = await freePort();
  const shopOrigin = `http://127.0.0.1:${shopPort}`;
  // The API lives on its own server (another origin, CORS allow-list), so it can really go down.
  const apiDb = join(dir, 'api.sqlite');
  let api = await startDemo({ port: 0, dbPath: apiDb, staticDir: 'dist', warmSessions: 0, corsOrigins: [shopOrigin], adminToken: 'down-test' });
  const apiPort = api.port;
  const shop = await startDemo({ port: shopPort, dbPath: join(dir, 'shop.sqlite'), staticDir: 'dist', warmSessions: 0, sdkEndpoint: api.url });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const cartsOf = async (id: string) => {
    const res = await fetch(`${api.url}/v1/admin/campaigns/flash-sale/stats`, { headers: { authorization: 'Bearer down-test' } });
    const rows = ((await res.json()) as { items: Array<{ itemId: string; carts: number }> }).items;
    return rows.filter((r) => r.itemId === id).reduce((n, r) => n + r.carts, 0);
  };
  try {
    await page.goto(`${shopOrigin}/`);
    expect((await reshelfReady(page)).engine).toBe(true);
    const id = await page.$$eval('[data-reshelf-item]', (els) => els.map((e) => e as HTMLElement).find((e) => e.dataset.reshelfStock !== '0')!.dataset.reshelfItem!);
    expect(((await flush(page)) as { pending: number }).pending).toBe(0);

    await api.close();
    await page.locator(`[data-reshelf-item="${id}"] [data-reshelf-action="cart"]`).click();
    const failed = (await flush(page)) as { failed: number; pending: number };
    expect(failed.failed).toBe(1);
    expect(failed.pending).toBeGreaterThanOrEqual(1);

    await page.reload();
    await reshelfReady(page);
    expect(((await flush(page)) as { pending: number }).pending).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-reshelf-item]').count()).toBeGreaterThanOrEqual(24);

    api = await startDemo({ port: apiPort, dbPath: apiDb, staticDir: 'dist', warmSessions: 0, corsOrigins: [shopOrigin], adminToken: 'down-test' });
    // The failed batch waits out its backoff (seconds), then goes exactly once.
    await expect.poll(async () => ((await flush(page)) as { pending: number }).pending, { timeout: 20_000 }).toBe(0);
    await page.reload();
    await reshelfReady(page);
    await flush(page);
    expect(await cartsOf(id)).toBe(1);
    expect(errors).toEqual([]);
  } finally {
    await shop.close();
    await api.close().catch(() => undefined);
  }
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}
