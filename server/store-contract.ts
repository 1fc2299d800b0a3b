/**
 * The storage contract as tests, run against every adapter (store.test.ts). Anything a route,
 * the similarity job or another instance relies on belongs here, not in an adapter's own file.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { addToMoments, batchTotals, emptyMoments } from '../src/core/report/totals';
import { shopperMoments, unitIncrement, zeroUnitTotals, type UnitTotals } from '../src/core/report/units';
import type { Arm } from '../src/core/types';
import type { UnitMessage } from '../src/core/unit-protocol';
import type { StoreFactory, StoreHandle } from './store-factories';
import type { Store } from './store/types';
import { CAMPAIGN, batch, counts } from './test-fixtures';

export function storeContract(factory: StoreFactory): void {
  let h: StoreHandle;
  let store: Store;
  beforeEach(async () => {
    h = await factory.open();
    store = h.store;
  });
  afterEach(async () => {
    await h.cleanup();
  });

  it('merges live stock into the campaign and replaces it on put', async () => {
    expect(await store.putCampaign(CAMPAIGN)).toEqual({ created: true });
    await store.setStock(CAMPAIGN.id, { a1: 2 });
    const c = await store.getCampaign(CAMPAIGN.id);
    expect(c?.items.find((i) => i.id === 'a1')?.stock).toBe(2);
    expect(c?.items.find((i) => i.id === 'a2')?.stock).toBe(5);
    expect((await store.getStock(CAMPAIGN.id))?.a1).toBe(2);
    expect(await store.putCampaign(CAMPAIGN)).toEqual({ created: false });
    expect((await store.getStock(CAMPAIGN.id))?.a1).toBe(10);
    expect(await store.getCampaign('nope')).toBeNull();
    expect(await store.getStock('nope')).toBeNull();
    expect(await store.hasCampaign('nope')).toBe(false);
    expect(await store.hasCampaign(CAMPAIGN.id)).toBe(true);
  });

  it('records merchant sales once per order line, never below zero, and announces them', async () => {
    await store.putCampaign(CAMPAIGN);
    const heard = vi.fn();
    const off = store.onStockChange(heard);
    expect(await store.recordSales(CAMPAIGN.id, [{ orderId: 'o-1', itemId: 'a1', quantity: 3 }, { orderId: 'o-1', itemId: 'a2', quantity: 9 }])).toEqual({ applied: 2, duplicates: 0 });
    // The order system re-sends o-1 with a new line: only the new line counts.
    expect(await store.recordSales(CAMPAIGN.id, [{ orderId: 'o-1', itemId: 'a1', quantity: 3 }, { orderId: 'o-2', itemId: 'a1', quantity: 1 }])).toEqual({ applied: 1, duplicates: 1 });
    const stock = await store.getStock(CAMPAIGN.id);
    expect(stock?.a1).toBe(10 - 3 - 1);
    expect(stock?.a2).toBe(0);
    await vi.waitFor(() => expect(heard).toHaveBeenCalledWith(CAMPAIGN.id));
    off();
    // A campaign put restores stock; recorded order lines stay recorded.
    await store.putCampaign(CAMPAIGN);
    expect(await store.recordSales(CAMPAIGN.id, [{ orderId: 'o-2', itemId: 'a1', quantity: 1 }])).toEqual({ applied: 0, duplicates: 1 });
  });

  it('lists campaign ids in byte order', async () => {
    for (const id of ['b-2', 'B-1', 'a_3']) await store.putCampaign({ ...CAMPAIGN, id });
    expect(await store.listCampaignIds()).toEqual(['B-1', 'a_3', 'b-2']);
  });

  it('counts a batch id once, however often it is sent', async () => {
    const b = batch('dup-1', [counts('a1', 0, { clicks: 1, revenue: 9.5 })], [{ from: 'a1', to: 'k1', weight: 1 }]);
    expect(await store.ingest(b)).toEqual({ duplicate: false });
    expect(await store.ingest(b)).toEqual({ duplicate: true });
    // Same id with different content is still the same batch (a retry must never double count).
    expect(await store.ingest({ ...b, items: [counts('a1', 0, { clicks: 7 })] })).toEqual({ duplicate: true });
    expect(await store.itemStats(CAMPAIGN.id)).toEqual([
      { arm: 'treatment', itemId: 'a1', position: 0, impressions: 1, clicks: 1, carts: 0, purchases: 0, revenue: 9.5 },
    ]);
    expect((await store.readTransitions()).transitions.get('a1')?.get('k1')).toBe(1);
    expect(await store.pairsSinceBuild()).toBe(1);
  });

  it('sums keys repeated inside one batch', async () => {
    const pair = { from: 'a1', to: 'a2', weight: 1 };
    await store.ingest(batch('rep', [counts('a1', 0, { clicks: 1 }), counts('a1', 0, { revenue: 2.5 })], [pair, { ...pair, weight: 0.5 }]));
    expect(await store.itemStats(CAMPAIGN.id)).toEqual([
      { arm: 'treatment', itemId: 'a1', position: 0, impressions: 2, clicks: 1, carts: 0, purchases: 0, revenue: 2.5 },
    ]);
    expect((await store.readTransitions()).transitions.get('a1')?.get('a2')).toBe(1.5);
    expect(await store.pairsSinceBuild()).toBe(2); // pair entries, not distinct pairs
  });

  it('keeps arms and positions apart in item stats', async () => {
    await store.ingest(batch('t1', [counts('a1', 0), counts('a1', 3)]));
    await store.ingest(batch('c1', [counts('a1', 0, { clicks: 1 })], [], { arm: 'control' }));
    const rows = await store.itemStats(CAMPAIGN.id);
    expect(rows.map((r) => `${r.arm}/${r.itemId}@${r.position}:${r.impressions}/${r.clicks}`)).toEqual([
      'control/a1@0:1/1',
      'treatment/a1@0:1/0',
      'treatment/a1@3:1/0',
    ]);
    expect(await store.itemStats('other')).toEqual([]);
  });

  it('keeps per-batch totals once per batch id and sums their moments per arm', async () => {
    const t1 = batch('m1', [counts('a1', 0, { clicks: 1, revenue: 19.99 }), counts('a2', 1)], [], { sessions: 1 });
    const t2 = batch('m2', [counts('a1', 0, { carts: 1, purchases: 1, revenue: 49 })], [], { sessions: 2 });
    const c1 = batch('m3', [counts('a1', 0)], [], { arm: 'control', sessions: 1 });
    for (const b of [t1, t2, c1, t1]) await store.ingest(b);
    const control = addToMoments(emptyMoments('control'), batchTotals(c1));
    const treatment = addToMoments(addToMoments(emptyMoments('treatment'), batchTotals(t1)), batchTotals(t2));
    expect(await store.batchMoments(CAMPAIGN.id)).toEqual([control, treatment]);
    expect(await store.batchMoments('other')).toEqual([]);
  });

  it('keeps unit messages once per id and sums them per arm into shopper moments', async () => {
    const t1 = { sessions: 1, impressions: 20, clicks: 2, carts: 1, purchases: 0 };
    const t2 = { ...t1, sessions: 2, impressions: 31, clicks: 5, purchases: 1 };
    const u = (id: string, arm: Arm, before: UnitTotals, after: UnitTotals): UnitMessage => ({ v: 1, unitBatchId: id, campaignId: CAMPAIGN.id, arm, ...unitIncrement(before, after) });
    const messages = [u('u1', 'treatment', zeroUnitTotals(), t1), u('u2', 'treatment', t1, t2), u('u3', 'treatment', zeroUnitTotals(), t1), u('u4', 'control', zeroUnitTotals(), t2)];
    for (const m of messages) expect(await store.ingestUnits(m)).toEqual({ duplicate: false });
    expect(await store.ingestUnits(messages[1]!)).toEqual({ duplicate: true });
    // The same id with other numbers is still the same message.
    expect(await store.ingestUnits({ ...messages[0]!, sum: t2 })).toEqual({ duplicate: true });
    expect(await store.unitMoments(CAMPAIGN.id)).toEqual([shopperMoments('control', [t2]), shopperMoments('treatment', [t2, t1])]);
    expect(await store.unitMoments('other')).toEqual([]);
  });

  it('saves and loads similarity with its version and clears the dirty marker up to the snapshot', async () => {
    expect(await store.loadSimilarity()).toEqual({ version: 0, neighbours: new Map() });
    expect(await store.similarityVersion()).toBe(0);
    await store.ingest(batch('p1', [], [{ from: 'a1', to: 'a2', weight: 1 }]));
    const snap = await store.readTransitions();
    await store.ingest(batch('p2', [], [{ from: 'a2', to: 'a3', weight: 1 }])); // arrives mid-build
    await store.saveSimilarity(1, new Map([['a1', [['a2', 1]]]]), snap.pairsSeq);
    expect(await store.loadSimilarity()).toEqual({ version: 1, neighbours: new Map([['a1', [['a2', 1]]]]) });
    expect(await store.similarityVersion()).toBe(1);
    expect(await store.pairsSinceBuild()).toBe(1);
    await store.saveSimilarity(2, new Map([['a2', [['a3', 0.5]]]]), (await store.readTransitions()).pairsSeq);
    expect(await store.loadSimilarity()).toEqual({ version: 2, neighbours: new Map([['a2', [['a3', 0.5]]]]) });
    expect(await store.pairsSinceBuild()).toBe(0);
  });

  it('announces stock changes (setStock, putCampaign) until unsubscribed', async () => {
    const heard: string[] = [];
    const off = store.onStockChange((id) => heard.push(id));
    await store.putCampaign(CAMPAIGN);
    await store.setStock(CAMPAIGN.id, { a1: 1 });
    await vi.waitFor(() => expect(heard).toEqual([CAMPAIGN.id, CAMPAIGN.id]));
    off();
    await store.setStock(CAMPAIGN.id, { a1: 0 });
    await new Promise((r) => setTimeout(r, 50));
    expect(heard).toHaveLength(2);
  });

  it('announces saved similarity builds with their version', async () => {
    const heard: number[] = [];
    store.onSimilaritySaved((v) => heard.push(v));
    await store.saveSimilarity(3, new Map(), 0);
    await vi.waitFor(() => expect(heard).toEqual([3]));
  });

  it('runs an exclusive build and returns its result', async () => {
    expect(await store.exclusiveBuild(async () => 42)).toBe(42);
    await expect(store.exclusiveBuild(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await store.exclusiveBuild(async () => 'again')).toBe('again'); // a failed build released the lock
  });

  it('shares data between handles on one database, and a batch id stays counted once across them', async () => {
    await store.putCampaign(CAMPAIGN);
    await store.ingest(batch('b1', [counts('a1', 0)], [{ from: 'a1', to: 'a2', weight: 1 }]));
    const other = await h.second();
    expect(await other.listCampaignIds()).toEqual([CAMPAIGN.id]);
    const results = await Promise.all([other.ingest(batch('b1')), store.ingest(batch('b2', [counts('a1', 0)])), other.ingest(batch('b2', [counts('a1', 0)]))]);
    // b1 was stored before; of the two concurrent b2 ingests exactly one counts, whichever commits first.
    expect(results[0]!.duplicate).toBe(true);
    expect([results[1]!, results[2]!].filter((r) => !r.duplicate)).toHaveLength(1);
    expect((await other.itemStats(CAMPAIGN.id))[0]?.impressions).toBe(2);
    expect((await other.readTransitions()).transitions.get('a1')?.get('a2')).toBe(1);
  });
}
