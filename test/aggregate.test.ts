import { describe, expect, it } from 'vitest';
import { accumulate, emptyAccumulator, isEmpty, PAIR_GAP_WEIGHTS, seal, SESSION_GAP_MS } from '../src/core/aggregate';
import { parseSignalBatch } from '../src/core/protocol';
import type { ShopperEvent } from '../src/core/types';

const t = 1_800_000_000_000;

describe('accumulate / seal', () => {
  it('counts per item and position, and emits only pairs (gap-weighted), no search text', () => {
    const acc = emptyAccumulator('c1');
    const events: ShopperEvent[] = [
      { type: 'impression', itemId: 'a', position: 0, t },
      { type: 'search', text: 'red kettle', t: t + 1 },
      { type: 'click', itemId: 'a', position: 0, t: t + 2 },
      { type: 'view', itemId: 'a', t: t + 3 },
      { type: 'click', itemId: 'b', position: 3, t: t + 4 },
      { type: 'cart', itemId: 'c', position: 5, price: 10, t: t + 5 },
      { type: 'purchase', itemId: 'c', price: 10, quantity: 2, t: t + 6 },
    ];
    for (const e of events) accumulate(acc, e);
    let n = 0;
    const { batches, rest } = seal(acc, 'treatment', () => `id-${n++}`);
    expect(batches).toHaveLength(1);
    const batch = batches[0]!;
    expect(parseSignalBatch(batch).ok).toBe(true);
    expect(JSON.stringify(batch)).not.toContain('kettle');
    expect(batch.items).toContainEqual({ itemId: 'a', position: 0, impressions: 1, clicks: 1, carts: 0, purchases: 0, revenue: 0 });
    expect(batch.items).toContainEqual({ itemId: 'c', position: -1, impressions: 0, clicks: 0, carts: 0, purchases: 2, revenue: 20 });
    expect(batch.pairs).toEqual(
      expect.arrayContaining([{ from: 'a', to: 'b', weight: 1 }, { from: 'b', to: 'c', weight: 1 }, { from: 'a', to: 'c', weight: 0.5 }]),
    );
    expect(batch.pairs).toHaveLength(3);
    expect(rest.items).toEqual({});
    // The trail keeps as many items as there are gap weights.
    expect(rest.trail.map((x) => x.id)).toEqual(['a', 'b', 'c'].slice(-PAIR_GAP_WEIGHTS.length));
  });
  it('never pairs items across sessions', () => {
    const acc = emptyAccumulator('c1');
    accumulate(acc, { type: 'click', itemId: 'a', t });
    accumulate(acc, { type: 'click', itemId: 'b', t: t + SESSION_GAP_MS + 1 });
    expect(acc.pairs).toEqual({});
  });
  it('splits large accumulations into batches within the protocol limits', () => {
    const acc = emptyAccumulator('c1');
    for (let i = 0; i < 900; i++) accumulate(acc, { type: 'impression', itemId: `i${i}`, position: i, t });
    const { batches } = seal(acc, 'control', () => Math.random().toString(36).slice(2));
    expect(batches.length).toBe(3);
    for (const b of batches) {
      expect(parseSignalBatch(b).ok).toBe(true);
      expect(JSON.stringify(b).length).toBeLessThan(60_000);
    }
  });
});

describe('session starts', () => {
  it('counts the first event and each one after SESSION_GAP_MS of quiet, and seals them once', () => {
    const acc = emptyAccumulator('c1');
    accumulate(acc, { type: 'search', text: 'x', t }); // search alone starts nothing
    accumulate(acc, { type: 'impression', itemId: 'a', position: 0, t });
    accumulate(acc, { type: 'click', itemId: 'a', position: 0, t: t + 1000 });
    accumulate(acc, { type: 'impression', itemId: 'b', position: 1, t: t - 5000 }); // late event: same session
    let n = 0;
    const first = seal(acc, 'treatment', () => `id-${n++}`);
    expect(first.batches.map((b) => b.sessions)).toEqual([1]);
    expect(parseSignalBatch(first.batches[0]).ok).toBe(true);
    // Within the gap after the seal: same session, so the next batch carries no `sessions` key.
    accumulate(first.rest, { type: 'impression', itemId: 'a', position: 0, t: t + SESSION_GAP_MS });
    const second = seal(first.rest, 'treatment', () => `id-${n++}`);
    expect(second.batches[0]).not.toHaveProperty('sessions');
    accumulate(second.rest, { type: 'impression', itemId: 'a', position: 0, t: t + 2 * SESSION_GAP_MS + 1 });
    accumulate(second.rest, { type: 'view', itemId: 'a', t: t + 4 * SESSION_GAP_MS });
    expect(seal(second.rest, 'treatment', () => `id-${n++}`).batches[0]!.sessions).toBe(2);
  });
  it('sends a session with nothing else to count, and only on the first of split batches', () => {
    const acc = emptyAccumulator('c1');
    accumulate(acc, { type: 'view', itemId: 'a', t });
    expect(isEmpty(acc)).toBe(false);
    const { batches } = seal(acc, 'control', () => 'only');
    expect(batches).toEqual([{ v: 1, batchId: 'only', campaignId: 'c1', arm: 'control', items: [], pairs: [], sessions: 1 }]);
    const big = emptyAccumulator('c1');
    for (let i = 0; i < 500; i++) accumulate(big, { type: 'impression', itemId: `i${i}`, position: i, t });
    expect(seal(big, 'control', () => Math.random().toString(36).slice(2)).batches.map((b) => b.sessions)).toEqual([1, undefined]);
  });
  it('treats an accumulator stored by an older build (no session fields) as a fresh start', () => {
    const old = { campaignId: 'c1', items: {}, pairs: {}, trail: [], events: 3 };
    accumulate(old, { type: 'impression', itemId: 'a', position: 0, t });
    expect(seal(old, 'treatment', () => 'x').batches[0]!.sessions).toBe(1);
  });
});
