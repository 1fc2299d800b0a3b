/**
 * Noised batches (core/ldp.ts) in both stores: negative whole counts and negative revenue sum
 * exactly (INTEGER / bigint count columns suffice because the noise is whole), and the per-batch
 * moments equal the in-memory ones.
 */
import { expect, it } from 'vitest';
import { applyLocalPrivacy } from '../src/core/ldp';
import { parseSignalBatch, type SignalBatch } from '../src/core/protocol';
import { addToMoments, batchTotals, emptyMoments } from '../src/core/report/totals';
import { seededRng } from '../src/core/rng';
import type { Arm } from '../src/core/types';
import { describeEachStore } from './store-factories';

const displayed = ['a', 'b', 'c'].map((itemId, position) => ({ itemId, position, price: 30 }));

function noisedBatches(n: number): SignalBatch[] {
  const rng = seededRng(9);
  return Array.from({ length: n }, (_, i) => {
    const arm: Arm = i % 2 ? 'control' : 'treatment';
    const sealed: SignalBatch = { v: 1, batchId: `n-${i}`, campaignId: 'c1', arm, items: [{ itemId: 'a', position: 0, impressions: 2, clicks: 1, carts: 0, purchases: 1, revenue: 29.99 }], pairs: [], sessions: 1 };
    return applyLocalPrivacy([sealed], displayed, { epsilon: 0.3 }, rng, () => `x-${i}`).batches[0]!;
  });
}

describeEachStore('noised batches', (factory) => {
  it('ingest negative whole counts and sum them exactly', async () => {
    const batches = noisedBatches(40);
    expect(batches.some((b) => b.items.some((c) => c.clicks < 0 || c.revenue < 0))).toBe(true);
    for (const b of batches) expect(parseSignalBatch(JSON.parse(JSON.stringify(b))).ok).toBe(true);
    const h = await factory.open({ memory: true });
    try {
      for (const b of batches) await h.store.ingest(b);
      const sums = new Map<string, number>();
      for (const b of batches) for (const c of b.items) sums.set(`${b.arm}|${c.itemId}|${c.position}`, (sums.get(`${b.arm}|${c.itemId}|${c.position}`) ?? 0) + c.clicks);
      const rows = await h.store.itemStats('c1');
      expect(new Map(rows.map((r) => [`${r.arm}|${r.itemId}|${r.position}`, r.clicks]))).toEqual(sums);
      const expected = (['control', 'treatment'] as const).map((arm) => batches.filter((b) => b.arm === arm).reduce((m, b) => addToMoments(m, batchTotals(b)), emptyMoments(arm)));
      const got = await h.store.batchMoments('c1');
      for (const m of expected) {
        const g = got.find((x) => x.arm === m.arm)!;
        expect(g.batches).toBe(m.batches);
        for (const f of ['impressions', 'clicks', 'carts', 'purchases'] as const) {
          expect(g.sum[f]).toBe(m.sum[f]);
          expect(g.sumSq[f]).toBe(m.sumSq[f]);
        }
        expect(g.sum.revenue).toBeCloseTo(m.sum.revenue, 6);
      }
    } finally {
      await h.cleanup();
    }
  });
});
