/**
 * Two server instances on one PostgreSQL, over real HTTP on loopback: what a load balancer in
 * front of them would see.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startServer, type RunningServer } from './main';
import { PG_URL, describePg, dropSchema, uniqueSchema } from './store-factories';
import { CAMPAIGN, batch, counts } from './test-fixtures';

const TOKEN = 'scale-out-token';
const admin = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

describePg('two instances on one PostgreSQL', () => {
  const schema = uniqueSchema();
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    const options = { port: 0, databaseUrl: PG_URL, databaseSchema: schema, adminToken: TOKEN, rebuildEverySeconds: 0, rateLimits: false } as const;
    [a, b] = await Promise.all([startServer(options), startServer(options)]);
    const put = await fetch(`${a.url}/v1/admin/campaigns/${CAMPAIGN.id}`, { method: 'PUT', headers: admin, body: JSON.stringify(CAMPAIGN) });
    expect(put.status).toBe(201);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await dropSchema(schema);
  });

  const post = (s: RunningServer, body: unknown) =>
    fetch(`${s.url}/v1/signals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const stats = async (s: RunningServer) => (await (await fetch(`${s.url}/v1/admin/campaigns/${CAMPAIGN.id}/stats`, { headers: admin })).json()) as unknown;

  it('counts each batch once whichever instance gets it, and both report the same stats', async () => {
    const sends: Array<Promise<Response>> = [];
    for (let i = 0; i < 30; i++) {
      const body = batch(`s${i}`, [counts('a1', 0, { clicks: 1 }), counts(i % 2 ? 'a2' : 'a3', 1)], [{ from: 'a1', to: i % 2 ? 'a2' : 'a3', weight: 1 }]);
      const [first, second] = i % 2 ? [a, b] : [b, a];
      sends.push(post(first, body));
      // The client's retry lands on the other instance, at the same time.
      if (i % 3 === 0) sends.push(post(second, body));
    }
    const statuses = (await Promise.all(sends)).map((r) => r.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(30);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);

    const [fromA, fromB] = await Promise.all([stats(a), stats(b)]);
    expect(fromA).toEqual(fromB);
    expect(fromA).toEqual({
      campaignId: CAMPAIGN.id,
      items: [
        { arm: 'treatment', itemId: 'a1', position: 0, impressions: 30, clicks: 30, carts: 0, purchases: 0, revenue: 0 },
        { arm: 'treatment', itemId: 'a2', position: 1, impressions: 15, clicks: 0, carts: 0, purchases: 0, revenue: 0 },
        { arm: 'treatment', itemId: 'a3', position: 1, impressions: 15, clicks: 0, carts: 0, purchases: 0, revenue: 0 },
      ],
    });
  });

  it('serves a rebuild made on one instance from the other, and converges when both are asked to rebuild', async () => {
    const slice = async (s: RunningServer) =>
      (await (await fetch(`${s.url}/v1/campaigns/${CAMPAIGN.id}/slice?items=a1`)).json()) as { version: number; neighbors: Record<string, Array<[string, number]>> };
    const rebuilt = (await (await fetch(`${a.url}/v1/admin/similarity/rebuild`, { method: 'POST', headers: admin })).json()) as { version: number };
    expect(rebuilt.version).toBeGreaterThanOrEqual(1);
    // B hears the NOTIFY and reloads; no timer is running (rebuildEverySeconds: 0).
    await vi.waitFor(async () => {
      const s = await slice(b);
      expect(s.version).toBe(rebuilt.version);
      expect(s.neighbors.a1?.map(([id]) => id).sort()).toEqual(['a2', 'a3']);
    });
    expect(await slice(b)).toEqual(await slice(a));

    // Asked together, they build one after the other or share one build; either way they converge.
    const both = (await Promise.all([a, b].map(async (s) => (await fetch(`${s.url}/v1/admin/similarity/rebuild`, { method: 'POST', headers: admin })).json()))) as Array<{ version: number }>;
    const latest = Math.max(...both.map((r) => r.version));
    expect(latest).toBeLessThanOrEqual(rebuilt.version + 2);
    expect(await a.store.similarityVersion()).toBe(latest);
    await vi.waitFor(async () => expect([(await slice(a)).version, (await slice(b)).version]).toEqual([latest, latest]));
  });

  it('fans a stock change made through one instance out to the other', async () => {
    const heard: string[] = [];
    const off = b.store.onStockChange((id) => heard.push(id));
    try {
      const res = await fetch(`${a.url}/v1/admin/campaigns/${CAMPAIGN.id}/stock`, { method: 'POST', headers: admin, body: JSON.stringify({ stock: { a1: 1 } }) });
      expect(res.status).toBe(200);
      await vi.waitFor(() => expect(heard).toContain(CAMPAIGN.id));
      const live = (await (await fetch(`${b.url}/v1/campaigns/${CAMPAIGN.id}/stock`)).json()) as { stock: Record<string, number> };
      expect(live.stock.a1).toBe(1);
    } finally {
      off();
    }
  });
});
