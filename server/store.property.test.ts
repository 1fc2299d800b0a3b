import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { ItemCounts, PairCount, SignalBatch } from '../src/core/protocol';
import { parseSignalBatch } from '../src/core/protocol';
import { describeEachStore } from './store-factories';
import type { ItemStatRow, Store } from './store/types';

const itemId = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const countsArb: fc.Arbitrary<ItemCounts> = fc.record({
  itemId,
  position: fc.integer({ min: -1, max: 4 }),
  impressions: fc.nat(20),
  clicks: fc.nat(5),
  carts: fc.nat(3),
  purchases: fc.nat(2),
  revenue: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 500, noNaN: true, noDefaultInfinity: true })),
});
const pairArb: fc.Arbitrary<PairCount> = fc
  .record({ from: itemId, to: itemId, weight: fc.constantFrom(0.5, 1, 1.5, 2) })
  .filter((p) => p.from !== p.to);
const batchArb = (n: number): fc.Arbitrary<SignalBatch> =>
  fc.record({
    v: fc.constant(1 as const),
    batchId: fc.constant(`b${n}`),
    campaignId: fc.constantFrom('c1', 'c2'),
    arm: fc.constantFrom('treatment' as const, 'control' as const),
    items: fc.array(countsArb, { maxLength: 6 }),
    pairs: fc.array(pairArb, { maxLength: 6 }),
  });
const batchesArb = fc.integer({ min: 0, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => batchArb(i))));
/** The batches, plus the same batches in another order for the replay. */
const withReplayArb = batchesArb.chain((bs) => fc.tuple(fc.constant(bs), fc.shuffledSubarray(bs, { minLength: bs.length, maxLength: bs.length })));

type Key = string;
type Sums = Omit<ItemCounts, 'itemId' | 'position'>;
const zero = (): Sums => ({ impressions: 0, clicks: 0, carts: 0, purchases: 0, revenue: 0 });
function add(into: Sums, c: Sums): void {
  into.impressions += c.impressions;
  into.clicks += c.clicks;
  into.carts += c.carts;
  into.purchases += c.purchases;
  into.revenue += c.revenue;
}

/** The model: a batch's repeated keys are summed first (in order), then added to the totals. */
function sumInMemory(batches: SignalBatch[]) {
  const stats = new Map<Key, ItemStatRow & { campaignId: string }>();
  const pairs = new Map<Key, number>();
  for (const b of batches) {
    const local = new Map<Key, { itemId: string; position: number; sums: Sums }>();
    for (const c of b.items) {
      const k = `${b.campaignId}|${b.arm}|${c.itemId}|${c.position}`;
      const entry = local.get(k) ?? { itemId: c.itemId, position: c.position, sums: zero() };
      add(entry.sums, c);
      local.set(k, entry);
    }
    for (const [k, { itemId, position, sums }] of local) {
      const row = stats.get(k) ?? { campaignId: b.campaignId, arm: b.arm, itemId, position, ...zero() };
      add(row, sums);
      stats.set(k, row);
    }
    const localPairs = new Map<Key, number>();
    for (const p of b.pairs) localPairs.set(`${p.from}>${p.to}`, (localPairs.get(`${p.from}>${p.to}`) ?? 0) + p.weight);
    for (const [k, w] of localPairs) pairs.set(k, (pairs.get(k) ?? 0) + w);
  }
  return { stats, pairs };
}

async function readBack(store: Store) {
  const stats = new Map<Key, ItemStatRow & { campaignId: string }>();
  for (const campaignId of ['c1', 'c2']) {
    for (const r of await store.itemStats(campaignId)) stats.set(`${campaignId}|${r.arm}|${r.itemId}|${r.position}`, { campaignId, ...r });
  }
  const pairs = new Map<Key, number>();
  for (const [from, row] of (await store.readTransitions()).transitions) for (const [to, w] of row) pairs.set(`${from}>${to}`, w);
  return { stats, pairs };
}

describeEachStore('ingest (property)', (factory) => {
  it('equals summing the batches in memory, and replaying them changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(withReplayArb, async ([batches, replay]) => {
        for (const b of batches) expect(parseSignalBatch(b).ok).toBe(true);
        const h = await factory.open({ memory: true });
        const store = h.store;
        try {
          for (const b of batches) expect((await store.ingest(b)).duplicate).toBe(false);
          const expected = sumInMemory(batches);
          const got = await readBack(store);
          // Same addition order in the store as in memory, so even float revenue matches exactly.
          expect(got).toEqual(expected);
          expect(await store.pairsSinceBuild()).toBe(batches.reduce((n, b) => n + b.pairs.length, 0));

          // Replay in a different order: every batch is a duplicate and nothing moves.
          for (const b of replay) expect((await store.ingest(b)).duplicate).toBe(true);
          expect(await readBack(store)).toEqual(got);
        } finally {
          await h.cleanup();
        }
      }),
      // Each PostgreSQL run migrates a fresh schema; fewer runs keep CI quick.
      { numRuns: factory.name === 'postgres' ? 30 : 60 },
    );
  });
});
