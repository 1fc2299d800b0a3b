import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleBeta } from '../src/core/beta';
import { explore, priorOf, type ExploreStats } from '../src/core/explore';
import { emptyProfile } from '../src/core/profile';
import { placeTiles, rank, scoreTiles } from '../src/core/rank';
import { seededRng } from '../src/core/rng';
import type { Tile } from '../src/core/types';

const NOW = Date.UTC(2026, 10, 29);
const ids = (n: number) => Array.from({ length: n }, (_, i) => `i${i}`);

describe('explore (Thompson sampling over free slots)', () => {
  it('is deterministic given the seed, and a different seed may differ', () => {
    const order = ids(40);
    const stats: ExploreStats = { items: { i30: [5, 20], i31: [0, 50] } };
    const a = explore(order, new Set(), new Set(), { share: 0.2, rng: seededRng(7), stats });
    const b = explore(order, new Set(), new Set(), { share: 0.2, rng: seededRng(7), stats });
    expect(a.order).toEqual(b.order);
    expect([...a.explored]).toEqual([...b.explored]);
  });

  it('keeps locked and repeated tiles in place, never explores sold-out tiles, returns a permutation', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 40 }),
      fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 8 }),
      fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 8 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer(),
      (raw, lockedRaw, soldRaw, share, seed) => {
        const order = raw.map((i) => `i${i}`);
        const locked = new Set(lockedRaw.map((i) => `i${i}`));
        const soldOut = new Set(soldRaw.map((i) => `i${i}`));
        const r = explore(order, locked, soldOut, { share, rng: seededRng(seed), stats: { items: {} } });
        expect([...r.order].sort()).toEqual([...order].sort());
        const count = new Map<string, number>();
        for (const id of order) count.set(id, (count.get(id) ?? 0) + 1);
        order.forEach((id, i) => { if (locked.has(id) || count.get(id)! > 1) expect(r.order[i]).toBe(id); });
        for (const id of r.explored.keys()) {
          expect(locked.has(id) || soldOut.has(id) || count.get(id)! > 1).toBe(false);
        }
      },
    ), { numRuns: 300 });
  });

  it('explores about `share` of the free slots', () => {
    let explored = 0;
    for (let s = 0; s < 200; s++) explored += explore(ids(50), new Set(['i0', 'i1']), new Set(), { share: 0.1, rng: seededRng(s), stats: { items: {} } }).explored.size;
    // 48 free slots × 0.1 = 4.8 a call; systematic sampling gives 4 or 5.
    expect(explored / 200).toBeGreaterThan(4.5);
    expect(explored / 200).toBeLessThan(5.1);
  });

  it('prefers a tile with a high corrected rate over well-measured poor ones, and gives unknown tiles a chance', () => {
    const items: Record<string, readonly [number, number]> = {};
    for (const id of ids(20)) items[id] = [2, 200];
    items.i19 = [40, 200];
    delete items.i18;
    let top = 0;
    let unknown = 0;
    let poor = 0;
    for (let s = 0; s < 300; s++) {
      const r = explore(ids(20), new Set(), new Set(), { share: 0.05, rng: seededRng(s), stats: { items } });
      if (r.explored.has('i19')) top++;
      if (r.explored.has('i18')) unknown++;
      if (r.explored.has('i0')) poor++;
    }
    expect(top).toBeGreaterThan(250);
    // The unknown tile's wide posterior sometimes beats the best one; a well-measured poor tile's never does.
    expect(unknown).toBeGreaterThan(3);
    expect(poor).toBe(0);
  });

  it('rejects a share outside 0..1', () => {
    for (const share of [-0.1, 1.5, Number.NaN]) {
      expect(() => explore(ids(3), new Set(), new Set(), { share, rng: seededRng(1), stats: { items: {} } })).toThrow(RangeError);
    }
  });

  it('derives the prior from the pooled rate when none is given', () => {
    expect(priorOf({ items: { a: [10, 100], b: [0, 100] } })).toEqual({ mean: 0.05, strength: 10 });
    expect(priorOf({ items: {} }).mean).toBe(0.05);
    expect(priorOf({ items: {}, prior: { mean: 0.2, strength: 3 } })).toEqual({ mean: 0.2, strength: 3 });
  });
});

describe('rank() with exploration', () => {
  const tiles: Tile[] = ids(30).map((id, i) => ({ id, category: `c${i % 3}`, pinned: i === 2, stock: i === 5 ? 0 : 3 }));
  const base = { tiles, profile: emptyProfile(NOW), neighbors: {}, now: NOW };

  it('is unchanged without `explore` or with share 0', () => {
    const plain = rank(base);
    expect(rank({ ...base, explore: { share: 0, rng: seededRng(1), stats: { items: {} } } })).toEqual(plain);
    expect(plain.tiles.some((t) => t.reasons.some((r) => r.kind === 'explore'))).toBe(false);
  });

  it('gives each explored tile an explore reason, keeps pinned and locked tiles, keeps sold-out last', () => {
    const r = rank({ ...base, locked: new Set(['i0', 'i7']), explore: { share: 0.3, rng: seededRng(3), stats: { items: { i29: [30, 60] }, prior: { mean: 0.05, strength: 10 } } } });
    expect(r.order[0]).toBe('i0');
    expect(r.order[2]).toBe('i2');
    expect(r.order[7]).toBe('i7');
    expect(r.order.at(-1)).toBe('i5');
    const explored = r.tiles.filter((t) => t.reasons[0]?.kind === 'explore');
    expect(explored.length).toBeGreaterThanOrEqual(7);
    for (const t of explored) expect(r.order[t.to]).toBe(t.id);
    expect(explored.map((t) => t.id)).toContain('i29');
  });
});

describe('scoreTiles + placeTiles (score once, place twice)', () => {
  it('gives exactly what rank() gives for each placement', () => {
    const tiles: Tile[] = ids(12).map((id, i) => ({ id, category: `c${i % 4}`, pinned: i === 1 }));
    const input = { tiles, profile: emptyProfile(NOW), neighbors: { i3: [['i9', 1]] as Array<[string, number]> }, now: NOW, prior: { i4: 1 }, weights: { prior: 0.2 } };
    const scored = scoreTiles(input);
    const locked = new Set(['i0', 'i6']);
    expect(placeTiles(scored, locked)).toEqual(rank({ ...input, locked }));
    expect(placeTiles(scored)).toEqual(rank(input));
    // The first placement did not leak into the second.
    expect(placeTiles(scored, locked)).toEqual(rank({ ...input, locked }));
  });
});

describe('sampleBeta', () => {
  it('has the right mean for small and large shapes', () => {
    const rng = seededRng(11);
    for (const [a, b] of [[0.5, 9.5], [3, 7], [40, 160]] as const) {
      let sum = 0;
      for (let i = 0; i < 20_000; i++) sum += sampleBeta(a, b, rng);
      expect(sum / 20_000).toBeCloseTo(a / (a + b), 2);
    }
  });
});
