/**
 * The demo shop's routes: the flash-sale page, product pages, an order confirmation that reports
 * the purchase through reshelf's command queue, and the shop's own CSS/JS. Mount them on any Hono
 * app (the reshelf server mounts them next to its API in `serve.ts`).
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Campaign } from '../../src/core/protocol';
import { SHOP_CSS, SHOP_JS } from './assets';
import { FAVICON_SVG } from './placeholder';
import { renderCheckoutPage, renderNotice, renderProductPage, renderSalePage, type ScriptTag } from './pages';

export const DEFAULT_SDK_PATH = '/reshelf/reshelf.js';
export const MAX_QUANTITY = 10;

export interface StorefrontDeps {
  getCampaign: (id: string) => Campaign | null | undefined | Promise<Campaign | null | undefined>;
  campaignId: string;
  /** URL of the script-tag bundle. @defaultValue '/reshelf/reshelf.js' */
  sdkPath?: string | undefined;
  /** Backend base URL for the SDK when the API runs on another origin. @defaultValue this origin */
  sdkEndpoint?: string | undefined;
  /** Clock for the countdown's first render (tests). @defaultValue Date.now */
  now?: (() => number) | undefined;
}

/** `qty` from the query string: a whole number 1..10, else 1. */
export function parseQuantity(raw: string | undefined): number {
  if (raw === undefined || !/^\d{1,4}$/.test(raw.trim())) return 1;
  return Math.min(MAX_QUANTITY, Math.max(1, Number(raw.trim())));
}

const NO_STORE = { 'Cache-Control': 'no-store' } as const;

export function storefrontRoutes(deps: StorefrontDeps): Hono {
  const app = new Hono();
  const tag: ScriptTag = { sdkPath: deps.sdkPath ?? DEFAULT_SDK_PATH, campaignId: deps.campaignId, endpoint: deps.sdkEndpoint };
  const now = deps.now ?? Date.now;
  const campaign = async () => (await deps.getCampaign(deps.campaignId)) ?? undefined;
  const noSale = () => renderNotice('The sale has not started', 'This shop has no flash sale set up right now. Please come back soon.');

  app.get('/', async (c) => {
    const cam = await campaign();
    if (!cam) return c.html(noSale(), 503, NO_STORE);
    // Live stock and a ticking countdown: never cache the page itself.
    // Demo switches (reorder mode, consent); anything but the known values is ignored.
    const mode = c.req.query('reorder');
    const reorder = mode === 'css' || mode === 'dom' ? mode : undefined;
    const asked = c.req.query('consent');
    const consent = asked === 'granted' || asked === 'denied' || asked === 'pending' || asked === 'tcf' ? asked : undefined;
    const respectGpc = c.req.query('gpc') === '1' || undefined;
    return c.html(renderSalePage(cam, { ...tag, reorder, consent, respectGpc }, now()), 200, NO_STORE);
  });

  app.get('/p/:id', async (c) => {
    const cam = await campaign();
    const id = c.req.param('id');
    const item = cam?.items.find((i) => i.id === id);
    if (!cam || !item) {
      return c.html(renderNotice('Deal not found', 'This product is not part of the current sale. It may have ended; the other deals are still live.'), 404, NO_STORE);
    }
    return c.html(renderProductPage(cam, item, tag), 200, NO_STORE);
  });

  app.get('/checkout', async (c) => {
    const cam = await campaign();
    const id = c.req.query('item');
    const item = id === undefined ? undefined : cam?.items.find((i) => i.id === id);
    if (!cam || !item) {
      return c.html(renderNotice('Nothing to check out', 'That product is not part of the current sale.'), id === undefined ? 400 : 404, NO_STORE);
    }
    if (item.stock <= 0) {
      return c.html(renderNotice('Sold out', `Sorry, “${item.title}” sold out before your order went through. You have not been charged.`), 409, NO_STORE);
    }
    const quantity = Math.min(parseQuantity(c.req.query('qty')), item.stock);
    const orderNo = randomUUID().slice(0, 8).toUpperCase();
    return c.html(renderCheckoutPage(cam, item, quantity, orderNo, tag), 200, NO_STORE);
  });

  app.get('/static/shop.css', (c) =>
    c.body(SHOP_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=300' }),
  );
  app.get('/static/shop.js', (c) =>
    c.body(SHOP_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=300' }),
  );

  app.get('/static/favicon.svg', (c) =>
    c.body(FAVICON_SVG, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' }),
  );

  return app;
}
