import { describe, expect, it } from 'vitest';
import { parseObjectiveSignals } from '../src/core/protocol';
import { CAMPAIGN, batch, counts, testApp } from './test-fixtures';

const TOKEN = 't0ken-for-tests';
const auth = { Authorization: `Bearer ${TOKEN}` };
const json = (method: string, body: unknown, headers: Record<string, string> = auth) => ({
  method,
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', ...headers },
});

describe('admin auth', () => {
  const calls: Array<[string, RequestInit]> = [
    ['/v1/admin/campaigns/spring-sale', { method: 'PUT', body: JSON.stringify(CAMPAIGN), headers: { 'Content-Type': 'application/json' } }],
    ['/v1/admin/campaigns/spring-sale/stock', { method: 'POST', body: '{"stock":{"a1":1}}', headers: { 'Content-Type': 'application/json' } }],
    ['/v1/admin/similarity/rebuild', { method: 'POST' }],
  ];

  it('answers 401 to every admin call when no token is configured, even with a header', async () => {
    const { app } = await testApp();
    for (const [path, init] of calls) {
      const res = await app.request(path, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), ...auth } });
      expect(res.status, path).toBe(401);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('UNAUTHORIZED');
      expect(body.error.message).toMatch(/disabled/);
    }
  });

  it('answers 401 to a missing or wrong token', async () => {
    const { app, store } = await testApp({ adminToken: TOKEN });
    for (const headers of [{}, { Authorization: 'Bearer nope' }, { Authorization: `Basic ${TOKEN}` }, { Authorization: `Bearer ${TOKEN}x` }]) {
      for (const [path, init] of calls) {
        const res = await app.request(path, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), ...headers } });
        expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
    }
    expect((await store.getStock(CAMPAIGN.id))?.a1).toBe(10);
    expect(await store.similarityVersion()).toBe(0);
  });
});

describe('admin routes', () => {
  it('PUT creates (201) then updates (200) a validated campaign', async () => {
    const { app, store } = await testApp({ adminToken: TOKEN });
    const fresh = { ...CAMPAIGN, id: 'summer', items: CAMPAIGN.items.slice(0, 2) };
    const created = await app.request('/v1/admin/campaigns/summer', json('PUT', fresh));
    expect(created.status).toBe(201);
    expect(((await created.json()) as { id: string }).id).toBe('summer');
    const updated = await app.request('/v1/admin/campaigns/summer', json('PUT', { ...fresh, name: 'Summer!' }));
    expect(updated.status).toBe(200);
    expect((await store.getCampaign('summer'))?.name).toBe('Summer!');
    expect(await store.listCampaignIds()).toEqual(['spring-sale', 'summer']);
  });

  it('PUT refuses an invalid campaign or a mismatched id', async () => {
    const { app } = await testApp({ adminToken: TOKEN });
    const bad = await app.request('/v1/admin/campaigns/spring-sale', json('PUT', { ...CAMPAIGN, items: [] }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/campaign\.items/);
    const mismatch = await app.request('/v1/admin/campaigns/other', json('PUT', CAMPAIGN));
    expect(mismatch.status).toBe(400);
    expect(((await mismatch.json()) as { error: { message: string } }).error.message).toMatch(/does not match/);
    const text = await app.request('/v1/admin/campaigns/spring-sale', { method: 'PUT', body: JSON.stringify(CAMPAIGN), headers: { ...auth, 'Content-Type': 'text/plain' } });
    expect(text.status).toBe(415);
  });

  it('POST stock updates live stock and validates item ids and values', async () => {
    const { app } = await testApp({ adminToken: TOKEN });
    const res = await app.request('/v1/admin/campaigns/spring-sale/stock', json('POST', { stock: { a1: 0, k1: 12 } }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { stock: Record<string, number> };
    expect(body.stock).toMatchObject({ a1: 0, k1: 12, a2: 5 });
    const live = (await (await app.request('/v1/campaigns/spring-sale/stock')).json()) as { stock: Record<string, number> };
    expect(live.stock.a1).toBe(0);
    for (const bad of [{ stock: { zz: 1 } }, { stock: { a1: -1 } }, { stock: { a1: 1.5 } }, { stock: {} }, { stock: { a1: 1 }, extra: 1 }, [1]]) {
      const r = await app.request('/v1/admin/campaigns/spring-sale/stock', json('POST', bad));
      expect(r.status, JSON.stringify(bad)).toBe(400);
    }
    expect((await app.request('/v1/admin/campaigns/nope/stock', json('POST', { stock: { a1: 1 } }))).status).toBe(404);
  });

  it('POST sales lowers stock once per order line and refuses bad lines', async () => {
    const { app } = await testApp({ adminToken: TOKEN });
    const url = '/v1/admin/campaigns/spring-sale/sales';
    const first = await app.request(url, json('POST', { sales: [{ orderId: 'PO#1001', itemId: 'a1', quantity: 2 }, { orderId: 'PO#1001', itemId: 'k1', quantity: 5 }] }));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ applied: 2, duplicates: 0, stock: { a1: 8, k1: 0 } });
    const again = (await (await app.request(url, json('POST', { sales: [{ orderId: 'PO#1001', itemId: 'a1', quantity: 2 }] }))).json()) as { applied: number; stock: Record<string, number> };
    expect(again).toMatchObject({ applied: 0, duplicates: 1, stock: { a1: 8 } });
    const live = (await (await app.request('/v1/campaigns/spring-sale/stock')).json()) as { stock: Record<string, number> };
    expect(live.stock).toMatchObject({ a1: 8, k1: 0 });
    const line = { orderId: 'o', itemId: 'a1', quantity: 1 };
    for (const bad of [{}, { sales: [] }, { sales: [{ ...line, itemId: 'zz' }] }, { sales: [{ ...line, quantity: 0 }] }, { sales: [{ ...line, quantity: 1.5 }] }, { sales: [{ ...line, orderId: '' }] }, { sales: [{ ...line, orderId: 'with space' }] }, { sales: [line, line] }]) {
      const r = await app.request(url, json('POST', bad));
      expect(r.status, JSON.stringify(bad)).toBe(400);
    }
    expect((await app.request('/v1/admin/campaigns/nope/sales', json('POST', { sales: [line] }))).status).toBe(404);
    expect((await app.request(url, json('POST', { sales: [line] }, {}))).status).toBe(401);
  });

  it('serves the objective: clearance pressure and position-corrected click counts when the merchant sets them', async () => {
    const { app } = await testApp({ adminToken: TOKEN });
    const plain = (await (await app.request('/v1/campaigns/spring-sale/objective')).json()) as Record<string, unknown>;
    expect(plain).toMatchObject({ campaignId: 'spring-sale' });
    expect(plain.inventory).toBeUndefined();
    expect(plain.explore).toBeUndefined();
    expect((await app.request('/v1/campaigns/nope/objective')).status).toBe(404);
    expect((await app.request('/v1/admin/campaigns/spring-sale', json('PUT', { ...CAMPAIGN, objective: { clearance: 2 } }))).status).toBe(400);
    // 12 h into a 24 h sale: a1 sold 8 of 10 (sells out early), k2 sold nothing (left over).
    await app.request('/v1/admin/campaigns/spring-sale', json('PUT', { ...CAMPAIGN, objective: { clearance: 0.5, explore: 0.1 } }));
    await app.request('/v1/admin/campaigns/spring-sale/sales', json('POST', { sales: [{ orderId: 'o1', itemId: 'a1', quantity: 8 }] }));
    await app.request('/v1/signals', json('POST', batch('b-obj', [counts('k2', 0, { impressions: 10, clicks: 2 })]), {}));
    const res = await app.request('/v1/campaigns/spring-sale/objective');
    expect(res.headers.get('cache-control')).toMatch(/max-age=60/);
    const body = (await res.json()) as { inventory: { clearance: number; pressure: Record<string, number> }; explore: { share: number; items: Record<string, [number, number]> } };
    expect(body.inventory.clearance).toBe(0.5);
    expect(body.inventory.pressure.a1).toBeLessThan(0);
    expect(body.inventory.pressure.k2).toBe(1);
    expect(body.explore.share).toBe(0.1);
    expect(body.explore.items.k2).toEqual([2, 10]);
    expect(parseObjectiveSignals(body, 'spring-sale').ok).toBe(true);
  });

  it('POST similarity/rebuild builds a new version from the ingested pairs', async () => {
    const { app, store } = await testApp({ adminToken: TOKEN });
    await store.ingest(batch('p1', [], [{ from: 'a1', to: 'a2', weight: 1 }, { from: 'a2', to: 'k1', weight: 1 }]));
    const res = await app.request('/v1/admin/similarity/rebuild', { method: 'POST', headers: auth });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ version: 1, items: 3 });
  });

  it('GET stats returns the raw counts per arm, item and position, once per batch id', async () => {
    const { app, store } = await testApp({ adminToken: TOKEN });
    const b = batch('s1', [{ itemId: 'a1', position: 2, impressions: 3, clicks: 1, carts: 1, purchases: 0, revenue: 0 }]);
    await store.ingest(b);
    await store.ingest(b);
    const res = await app.request(`/v1/admin/campaigns/${CAMPAIGN.id}/stats`, { headers: auth });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ campaignId: CAMPAIGN.id, items: [{ arm: 'treatment', itemId: 'a1', position: 2, impressions: 3, clicks: 1, carts: 1, purchases: 0, revenue: 0 }] });
    expect((await app.request('/v1/admin/campaigns/nope/stats', { headers: auth })).status).toBe(404);
    expect((await app.request(`/v1/admin/campaigns/${CAMPAIGN.id}/stats`)).status).toBe(401);
  });
});
