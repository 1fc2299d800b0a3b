import { expect, test } from '@playwright/test';
import { flush, reshelfReady, visualTiles } from './support/shop';

const STRICT =
  "default-src 'self'; script-src 'self'; worker-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; " +
  "object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types reshelf";

test('works under a strict CSP (no unsafe-eval, no inline script) with Trusted Types enforced (policy "reshelf")', async ({ page, context }) => {
  // Serve the sale page with the strict policy; the SDK and its worker come from the same origin.
  await context.route(/\/(\?.*)?$/, async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, headers: { ...res.headers(), 'content-security-policy': STRICT } });
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  expect(await reshelfReady(page)).toMatchObject({ engine: true, consent: 'granted' });
  const merchant = (await visualTiles(page)).map((t) => t.id);
  const cat = (await visualTiles(page)).filter((t) => !t.pinned && t.stock > 0).at(-1)!.category;
  for (const t of (await visualTiles(page)).filter((x) => x.category === cat && x.stock > 0).slice(0, 2)) {
    await page.locator(`[data-reshelf-item="${t.id}"] [data-reshelf-action="cart"]`).click();
  }
  await flush(page);
  await page.reload();
  await reshelfReady(page);
  await page.waitForTimeout(500);
  const after = await visualTiles(page);
  expect(after.map((t) => t.id)).not.toEqual(merchant);
  expect(after.filter((t) => !t.pinned)[0]!.category).toBe(cat);
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
  expect(errors).toEqual([]);
});

test('Trusted Types without a reshelf policy: the worker is refused and the merchant order stays, without page errors', async ({ page, context }) => {
  await context.route(/\/(\?.*)?$/, async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, headers: { ...res.headers(), 'content-security-policy': STRICT.replace('trusted-types reshelf', "trusted-types 'none'") } });
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  const rendered = await page.$$eval('[data-reshelf-widget] [data-reshelf-item]', (els) => els.map((e) => (e as HTMLElement).dataset.reshelfItem!));
  expect(await reshelfReady(page)).toMatchObject({ engine: false });
  expect(await page.$$eval('[data-reshelf-widget] [data-reshelf-item]', (els) => els.map((e) => (e as HTMLElement).dataset.reshelfItem!))).toEqual(rendered);
  expect(errors).toEqual([]);
});
