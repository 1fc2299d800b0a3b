/**
 * The script tag served from another origin (a CDN): the shop is the real backend on one loopback
 * port, the SDK files come from a static server on another (support/cdn-server.ts). Set-ups:
 * (a) the worker hosted on the shop's origin (`data-worker`), (b) no same-origin worker: started
 * through a blob: module where the CSP allows `worker-src blob:`, (c) neither possible: the
 * merchant order stays, nothing throws, and a `reshelf:error` event says what to configure.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { startCdn, type Cdn } from './support/cdn-server';
import { intentModel } from './support/intent-server';
import { flush, reshelfReady, visualTiles } from './support/shop';

// The sale page is fulfilled by the test (to add its CSP), so Chromium cannot tell it came from
// loopback and treats the loopback "CDN" as a local-network request needing permission. A real
// page and CDN on the public internet need none.
test.use({ permissions: ['local-network-access'] });

const MODEL = intentModel();
let cdn: Cdn;
test.beforeAll(async () => {
  cdn = await startCdn();
});
test.afterAll(async () => {
  await cdn.close();
});

const policy = (workerSrc: string, scriptSrc = '') =>
  `default-src 'self'; script-src 'self' ${cdn.origin}${scriptSrc}; worker-src ${workerSrc}; connect-src 'self' ${cdn.origin}; img-src 'self' data:; style-src 'self'; ` +
  "object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types reshelf";

interface Setup {
  /** Where the script tag points. */
  src: string;
  /** `data-worker`, if any. */
  worker?: string;
  csp: string;
}

/** Serves the shop's sale page with the script tag pointed at the CDN, under the given CSP. */
async function shopWith(context: BrowserContext, page: Page, s: Setup): Promise<{ errors: string[] }> {
  await context.route(/\/(\?.*)?$/, async (route) => {
    const res = await route.fetch();
    const html = (await res.text()).replace('src="/reshelf/reshelf.js"', `src="${s.src}"${s.worker ? ` data-worker="${s.worker}"` : ''}`);
    if (!html.includes(s.src)) throw new Error('the sale page no longer has the script tag this test rewrites');
    await route.fulfill({ response: res, body: html, headers: { ...res.headers(), 'content-security-policy': s.csp } });
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[]; __reshelfErrors: Array<{ code: string; message: string }> };
    w.__violations = [];
    w.__reshelfErrors = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    addEventListener('reshelf:error', (e) => {
      const { code, message } = (e as CustomEvent<{ code: string; message: string }>).detail;
      w.__reshelfErrors.push({ code, message });
    });
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { errors };
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
const reshelfErrors = (page: Page) => page.evaluate(() => (window as unknown as { __reshelfErrors: Array<{ code: string; message: string }> }).__reshelfErrors);

/** Two add-to-carts in the in-stock category that comes last, then a new visit: that category leads. */
async function expectReorderOnReturn(page: Page): Promise<void> {
  expect(await reshelfReady(page)).toMatchObject({ engine: true, consent: 'granted' });
  const merchant = await visualTiles(page);
  const cat = merchant.filter((t) => !t.pinned && t.stock > 0).at(-1)!.category;
  for (const t of merchant.filter((x) => x.category === cat && x.stock > 0).slice(0, 2)) {
    await page.locator(`[data-reshelf-item="${t.id}"] [data-reshelf-action="cart"]`).click();
  }
  await flush(page);
  await page.reload();
  expect((await reshelfReady(page)).engine).toBe(true);
  await expect.poll(async () => (await visualTiles(page)).filter((t) => !t.pinned)[0]!.category, { timeout: 10_000 }).toBe(cat);
  expect((await visualTiles(page)).map((t) => t.id)).not.toEqual(merchant.map((t) => t.id));
}

/** The merchant order as the server rendered it (every item id in the sale page sits in its widget). */
const renderedOrder = async (page: Page) => [...(await (await page.request.get('/')).text()).matchAll(/data-reshelf-item="([^"]+)"/g)].map((m) => m[1]!);
const domOrder = (page: Page) => page.$$eval('[data-reshelf-widget] [data-reshelf-item]', (els) => els.map((e) => (e as HTMLElement).dataset.reshelfItem!));

test('(a) script from a CDN, worker hosted on the shop origin (data-worker): reorders, worker never fetched from the CDN', async ({ context, page }) => {
  const { errors } = await shopWith(context, page, { src: `${cdn.origin}/sdk/reshelf.js`, worker: '/reshelf/reshelf-worker.js', csp: policy("'self'") });
  cdn.hits.length = 0;
  await page.goto('/');
  await expectReorderOnReturn(page);
  expect(cdn.hits).toContain('/sdk/reshelf.js');
  expect(cdn.hits).toContain('/sdk/reshelf-link.js');
  expect(cdn.hits).not.toContain('/sdk/reshelf-worker.js');
  expect(await violations(page)).toEqual([]);
  expect(await reshelfErrors(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('(b) script and worker from a CDN, CSP worker-src allows blob: and the CDN: the worker starts through a blob: module and reorders', async ({ context, page }) => {
  const { errors } = await shopWith(context, page, { src: `${cdn.origin}/sdk/reshelf.js`, csp: policy(`blob: ${cdn.origin}`) });
  cdn.hits.length = 0;
  await page.goto('/');
  await expectReorderOnReturn(page);
  // The worker's code came from the CDN (imported by the blob: module).
  expect(cdn.hits).toContain('/sdk/reshelf-worker.js');
  expect(await violations(page)).toEqual([]);
  expect(await reshelfErrors(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('(b) the text model loads in the blob: worker too: the search box reorders through it, and the second visit downloads none of it', async ({ context, page }) => {
  test.skip(!MODEL.present, `no text model at ${MODEL.modelsDir}/${MODEL.name}`);
  test.setTimeout(120_000);
  // A blob: worker runs under the page's CSP, so compiling the runtime's wasm needs 'wasm-unsafe-eval'.
  const csp = policy(`blob: ${cdn.origin}`, " 'wasm-unsafe-eval'");
  const { errors } = await shopWith(context, page, { src: `${cdn.origin}/sdk/reshelf.js`, csp });
  const modelFiles: string[] = [];
  // Requests the page's workers make reach the network through the context.
  context.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/models/') || path.includes('/ort/')) modelFiles.push(path);
  });
  /** Mean visual slot of one merchant category among unpinned, in-stock tiles. */
  const slotOf = async (category: string) => {
    const tiles = (await visualTiles(page)).filter((t) => !t.pinned && t.stock > 0);
    const slots = tiles.flatMap((t, i) => (t.category === category ? [i] : []));
    return slots.reduce((a, b) => a + b, 0) / Math.max(1, slots.length);
  };
  const search = async (query: string, category: string) => {
    const before = await slotOf(category);
    await page.fill('[data-reshelf-search]', query);
    await page.press('[data-reshelf-search]', 'Enter');
    // Only the model can read the query: the tiles of its category move forward once it has.
    await expect.poll(() => slotOf(category), { timeout: 90_000, intervals: [250] }).toBeLessThan(before - 3);
  };

  await page.goto('/');
  expect((await reshelfReady(page)).engine).toBe(true);
  await search('cheap bluetooth headphones', 'Headphones');
  // The runtime came from the CDN beside the worker, the model from the shop's own /models/.
  expect(modelFiles.some((p) => p.startsWith('/sdk/ort/'))).toBe(true);
  expect(modelFiles.some((p) => p.startsWith('/models/'))).toBe(true);

  modelFiles.length = 0;
  await page.reload();
  expect((await reshelfReady(page)).engine).toBe(true);
  await search('便宜的手机', 'Smartphones');
  expect(modelFiles.filter((p) => p.startsWith('/models/')), 'model files come from Cache Storage').toEqual([]);
  expect(await violations(page)).toEqual([]);
  expect(await reshelfErrors(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('(c) CSP forbids blob: workers and no same-origin worker: merchant order, no exception, a reshelf:error that says what to configure', async ({ context, page }) => {
  const { errors } = await shopWith(context, page, { src: `${cdn.origin}/sdk/reshelf.js`, csp: policy("'self'") });
  const warnings: string[] = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto('/');
  const rendered = await renderedOrder(page);
  expect(await reshelfReady(page)).toMatchObject({ engine: false, consent: 'granted' });
  expect(await domOrder(page)).toEqual(rendered);
  const [reported, ...more] = await reshelfErrors(page);
  expect(more).toEqual([]);
  expect(reported?.code).toBe('WORKER_UNAVAILABLE');
  expect(reported?.message).toContain(`${cdn.origin}/sdk/reshelf-worker.js`);
  expect(reported?.message).toContain('data-worker');
  expect(reported?.message).toContain('worker-src');
  expect(reported?.message).toContain('blob:');
  expect(warnings.some((w) => w.includes('WORKER_UNAVAILABLE'))).toBe(true);
  // The page still works, and reshelf's commands answer without throwing.
  await page.locator('[data-reshelf-item] [data-reshelf-action="cart"]:not([disabled])').first().click();
  expect(await page.evaluate(() => new Promise((resolve) => (window as unknown as { reshelf: (...a: unknown[]) => void }).reshelf('flush', resolve)))).toBeNull();
  expect(await domOrder(page)).toEqual(rendered);
  expect(errors).toEqual([]);
});

test('(c) the CDN sends no CORS headers for the worker: the blob: worker fails to load, the merchant order stays, reshelf:error says why', async ({ context, page }) => {
  const { errors } = await shopWith(context, page, { src: `${cdn.origin}/sdk/reshelf.js`, worker: `${cdn.origin}/no-cors/reshelf-worker.js`, csp: policy(`blob: ${cdn.origin}`) });
  await page.goto('/');
  const rendered = await renderedOrder(page);
  expect((await reshelfReady(page)).engine).toBe(false);
  expect(await domOrder(page)).toEqual(rendered);
  const reported = await reshelfErrors(page);
  expect(reported).toHaveLength(1);
  expect(reported[0]!.message).toContain(`${cdn.origin}/no-cors/reshelf-worker.js`);
  expect(errors).toEqual([]);
});
