/** Merchant/admin routes, all behind the bearer token: campaign upsert, stock, sales, raw stats, similarity rebuild. */
import type { Hono } from 'hono';
import { isValidId, parseCampaign } from '../../src/core/protocol';
import { describe, fail, isRecord, ok, type Result } from '../../src/core/result';
import { adminAuth } from '../http/auth';
import { capBody, readJson, requireMediaType } from '../http/body';
import { jsonError } from '../http/errors';
import type { SaleLine, StockMap } from '../store/types';
import { stockSnapshot, type RouteDeps } from './deps';

/** A 5000-item campaign with long titles and URLs stays well under this. */
export const MAX_ADMIN_BYTES = 4 * 1024 * 1024;
const MAX_STOCK = 1_000_000_000;

/** Validates `{ stock: { itemId: n } }` against the campaign's item ids. */
export function parseStockUpdate(v: unknown, itemIds: ReadonlySet<string>): Result<StockMap> {
  if (!isRecord(v) || !isRecord(v.stock)) return fail(`body must be { "stock": { "<itemId>": <units> } }, got ${describe(v)}`);
  const extra = Object.keys(v).find((k) => k !== 'stock');
  if (extra !== undefined) return fail(`body has an unknown field ${describe(extra)}`);
  const out: StockMap = {};
  for (const [id, n] of Object.entries(v.stock)) {
    if (!isValidId(id) || !itemIds.has(id)) return fail(`stock[${describe(id)}] is not an item of this campaign`);
    if (!Number.isInteger(n) || (n as number) < 0 || (n as number) > MAX_STOCK) return fail(`stock[${describe(id)}] must be an integer 0..${MAX_STOCK}, got ${describe(n)}`);
    out[id] = n as number;
  }
  if (Object.keys(out).length === 0) return fail('stock must name at least one item');
  return ok(out);
}

const MAX_SALE_LINES = 5000;
const ORDER_ID_RE = /^[\x21-\x7e]{1,128}$/;

/** Validates `{ sales: [{ orderId, itemId, quantity }] }` against the campaign's item ids. */
export function parseSales(v: unknown, itemIds: ReadonlySet<string>): Result<SaleLine[]> {
  if (!isRecord(v) || !Array.isArray(v.sales)) return fail(`body must be { "sales": [{ "orderId", "itemId", "quantity" }] }, got ${describe(v)}`);
  if (v.sales.length === 0 || v.sales.length > MAX_SALE_LINES) return fail(`sales must hold 1..${MAX_SALE_LINES} order lines, got ${v.sales.length}`);
  const out: SaleLine[] = [];
  const seen = new Set<string>();
  for (const [i, raw] of v.sales.entries()) {
    const at = `sales[${i}]`;
    if (!isRecord(raw)) return fail(`${at} must be an object, got ${describe(raw)}`);
    if (typeof raw.orderId !== 'string' || !ORDER_ID_RE.test(raw.orderId)) return fail(`${at}.orderId must be 1..128 printable ASCII characters, got ${describe(raw.orderId)}`);
    if (typeof raw.itemId !== 'string' || !itemIds.has(raw.itemId)) return fail(`${at}.itemId ${describe(raw.itemId)} is not an item of this campaign`);
    if (!Number.isInteger(raw.quantity) || (raw.quantity as number) < 1 || (raw.quantity as number) > 100_000) return fail(`${at}.quantity must be an integer 1..100000, got ${describe(raw.quantity)}`);
    const key = `${raw.orderId}\u0000${raw.itemId}`;
    if (seen.has(key)) return fail(`${at} repeats order ${describe(raw.orderId)} item ${describe(raw.itemId)}: send one line per order and item`);
    seen.add(key);
    out.push({ orderId: raw.orderId, itemId: raw.itemId, quantity: raw.quantity as number });
  }
  return ok(out);
}

export function mountAdminRoutes(app: Hono, deps: RouteDeps, adminToken: string | undefined): void {
  const { store, similarity } = deps;
  app.use('/v1/admin/*', adminAuth(adminToken));
  const jsonOnly = requireMediaType(['application/json']);
  const cap = capBody(MAX_ADMIN_BYTES);

  app.put('/v1/admin/campaigns/:id', jsonOnly, cap, async (c) => {
    const id = c.req.param('id');
    const json = await readJson(c);
    if (!json.ok) return jsonError(c, 400, 'INVALID_BODY', json.error);
    const parsed = parseCampaign(json.value);
    if (!parsed.ok) return jsonError(c, 400, 'INVALID_BODY', parsed.error);
    if (parsed.value.id !== id) return jsonError(c, 400, 'INVALID_BODY', `campaign.id ${describe(parsed.value.id)} does not match the URL id ${describe(id)}`);
    const { created } = await store.putCampaign(parsed.value, deps.now());
    deps.campaigns.invalidate(id);
    deps.objective.invalidate(id);
    return c.json(await store.getCampaign(id), created ? 201 : 200);
  });

  app.post('/v1/admin/campaigns/:id/stock', jsonOnly, cap, async (c) => {
    const id = c.req.param('id');
    const campaign = isValidId(id) ? await store.getCampaign(id) : null;
    if (!campaign) return jsonError(c, 404, 'NOT_FOUND', `no campaign ${describe(id)}`);
    const json = await readJson(c);
    if (!json.ok) return jsonError(c, 400, 'INVALID_BODY', json.error);
    const update = parseStockUpdate(json.value, new Set(campaign.items.map((it) => it.id)));
    if (!update.ok) return jsonError(c, 400, 'INVALID_BODY', update.error);
    await store.setStock(id, update.value);
    deps.campaigns.invalidate(id);
    deps.objective.invalidate(id);
    return c.json(stockSnapshot(id, (await store.getStock(id)) ?? {}, deps.now()));
  });

  // Sales from the merchant's order system (all channels, not only shoppers running the SDK):
  // lowers stock per new order line; re-sent orders are recognised and counted once.
  app.post('/v1/admin/campaigns/:id/sales', jsonOnly, cap, async (c) => {
    const id = c.req.param('id');
    const campaign = isValidId(id) ? await store.getCampaign(id) : null;
    if (!campaign) return jsonError(c, 404, 'NOT_FOUND', `no campaign ${describe(id)}`);
    const json = await readJson(c);
    if (!json.ok) return jsonError(c, 400, 'INVALID_BODY', json.error);
    const sales = parseSales(json.value, new Set(campaign.items.map((it) => it.id)));
    if (!sales.ok) return jsonError(c, 400, 'INVALID_BODY', sales.error);
    const result = await store.recordSales(id, sales.value, deps.now());
    deps.campaigns.invalidate(id);
    deps.objective.invalidate(id);
    return c.json({ ...result, ...stockSnapshot(id, (await store.getStock(id)) ?? {}, deps.now()) });
  });

  // Raw aggregate counts per arm, item and displayed position (the campaign report builds on these).
  app.get('/v1/admin/campaigns/:id/stats', async (c) => {
    const id = c.req.param('id');
    if (!isValidId(id) || !(await store.hasCampaign(id))) return jsonError(c, 404, 'NOT_FOUND', `no campaign ${describe(id)}`);
    c.header('Cache-Control', 'no-store');
    return c.json({ campaignId: id, items: await store.itemStats(id) });
  });

  app.post('/v1/admin/similarity/rebuild', async (c) => {
    const result = await similarity.rebuild();
    return c.json(result);
  });
}
