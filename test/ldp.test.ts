import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyLocalPrivacy, COUNT_FIELDS, frameKeys, noiseScales, roundedLaplace, roundedLaplaceVariance, type DisplayedTile } from '../src/core/ldp';
import { LIMITS, parseSignalBatch, type ItemCounts, type SignalBatch } from '../src/core/protocol';
import { seededRng } from '../src/core/rng';
import type { Arm } from '../src/core/types';

const displayed: DisplayedTile[] = [
  { itemId: 'a', position: 0, price: 20 },
  { itemId: 'b', position: 1, price: 50 },
  { itemId: 'c', position: 2, price: 10 },
];
const row = (itemId: string, position: number, c: Partial<ItemCounts> = {}): ItemCounts => ({ itemId, position, impressions: 0, clicks: 0, carts: 0, purchases: 0, revenue: 0, ...c });
const sealed = (arm: Arm, items: ItemCounts[], extra: Partial<SignalBatch> = {}): SignalBatch => ({ v: 1, batchId: 'b-1', campaignId: 'c1', arm, items, pairs: [{ from: 'a', to: 'b', weight: 1 }], sessions: 1, ...extra });
const noId = () => {
  throw new Error('no new id expected');
};
const byKey = (b: SignalBatch) => new Map(b.items.map((c) => [`${c.itemId}@${c.position}`, c]));

describe('frameKeys', () => {
  it('gives treatment only item keys (its slots are the private ranking) and control slots too', () => {
    expect(frameKeys(displayed, 'treatment')).toEqual([{ itemId: 'a', position: -1 }, { itemId: 'b', position: -1 }, { itemId: 'c', position: -1 }]);
    expect(frameKeys([...displayed, displayed[0]!], 'control').map((k) => `${k.itemId}@${k.position}`)).toEqual(['a@-1', 'b@-1', 'c@-1', 'a@0', 'b@1', 'c@2']);
  });
});

describe('applyLocalPrivacy', () => {
  it('passes batches through untouched without the option', () => {
    const b = sealed('control', [row('a', 0, { impressions: 1 })]);
    expect(applyLocalPrivacy([b], displayed, undefined, seededRng(1), noId)).toEqual({ batches: [b], dropped: 0 });
  });

  it('sends every frame key whatever was clicked, whole counts and cents, no pairs, and a valid marked batch', () => {
    const count = fc.integer({ min: 0, max: 50 });
    const counts = fc.record({ impressions: count, clicks: count, carts: count, purchases: count });
    const raw = fc.record({ itemId: fc.constantFrom('a', 'b', 'c'), position: fc.integer({ min: -1, max: 4 }), counts });
    fc.assert(
      fc.property(fc.constantFrom<Arm>('treatment', 'control'), fc.uniqueArray(raw, { selector: (r) => `${r.itemId}@${r.position}`, maxLength: 8 }), fc.integer(), (arm, rows, seed) => {
        const items = rows.map((r) => row(r.itemId, r.position, { ...r.counts, revenue: r.counts.purchases * 12.34 }));
        const { batches } = applyLocalPrivacy([sealed(arm, items)], displayed, { epsilon: 1 }, seededRng(seed), noId);
        expect(batches).toHaveLength(1);
        const b = batches[0]!;
        // The keys depend on the display and the arm only, never on the shopper's counts.
        expect(b.items.map((c) => `${c.itemId}@${c.position}`)).toEqual(frameKeys(displayed, arm).map((k) => `${k.itemId}@${k.position}`));
        expect(b.pairs).toEqual([]);
        expect(b.noise).toEqual({ mechanism: 'laplace', epsilon: 1 });
        for (const c of b.items) {
          for (const f of COUNT_FIELDS) expect(Number.isInteger(c[f])).toBe(true);
          expect(Math.abs(c.revenue * 100 - Math.round(c.revenue * 100))).toBeLessThan(1e-6);
        }
        const parsed = parseSignalBatch(JSON.parse(JSON.stringify(b)));
        expect(parsed.ok && parsed.value).toEqual(b);
      }),
      { numRuns: 200 },
    );
  });

  it('is unbiased: the mean of many noised copies is the truth within 5 standard errors', () => {
    // Treatment: the slot counts of a fold into a@-1; b was bought above the bound and is clipped to 40/unit.
    const items = [row('a', 0, { impressions: 7, clicks: 2 }), row('a', -1, { clicks: 1, carts: 1, purchases: 2, revenue: 39.98 }), row('b', -1, { purchases: 3, revenue: 150 })];
    const truth = new Map([
      ['a@-1', { impressions: 7, clicks: 3, carts: 1, purchases: 2, revenue: 39.98 }],
      ['b@-1', { impressions: 0, clicks: 0, carts: 0, purchases: 3, revenue: 120 }],
      ['c@-1', { impressions: 0, clicks: 0, carts: 0, purchases: 0, revenue: 0 }],
    ]);
    const epsilon = 0.5;
    const privacy = { epsilon, maxPrice: 40 };
    const n = 4000;
    const rng = seededRng(42);
    const sums = new Map<string, Record<string, number>>();
    for (let i = 0; i < n; i++) {
      const [b] = applyLocalPrivacy([sealed('treatment', items)], displayed, privacy, rng, noId).batches;
      for (const [k, c] of byKey(b!)) {
        const s = sums.get(k) ?? {};
        for (const f of [...COUNT_FIELDS, 'revenue'] as const) s[f] = (s[f] ?? 0) + c[f];
        sums.set(k, s);
      }
    }
    const scales = noiseScales(epsilon, 40);
    for (const [k, t] of truth) {
      for (const f of COUNT_FIELDS) {
        const se = Math.sqrt(roundedLaplaceVariance(scales[f]) / n);
        expect(Math.abs(sums.get(k)![f]! / n - t[f]), `${k} ${f}`).toBeLessThan(5 * se);
      }
      const se = Math.sqrt(roundedLaplaceVariance(scales.revenueCents) / n) / 100;
      expect(Math.abs(sums.get(k)!.revenue! / n - t.revenue), `${k} revenue`).toBeLessThan(5 * se);
    }
  });

  it('drops (and counts) items that were never displayed rather than reveal them', () => {
    const r = applyLocalPrivacy([sealed('control', [row('zz', -1, { clicks: 2, purchases: 1, revenue: 5 })])], displayed, { epsilon: 2 }, seededRng(3), noId);
    expect(r.dropped).toBe(3);
    expect(r.batches[0]!.items.some((c) => c.itemId === 'zz')).toBe(false);
  });

  it('merges the batches of one seal and splits a large frame within the protocol limit', () => {
    const many = Array.from({ length: 250 }, (_, i): DisplayedTile => ({ itemId: `i${i}`, position: i, price: 1 }));
    const ids = ['x1', 'x2', 'x3'];
    const newId = () => ids.shift()!;
    const a = sealed('control', [row('i0', 0, { impressions: 1 })], { batchId: 'first', sessions: 2 });
    const b = sealed('control', [row('i1', 1, { impressions: 1 })], { batchId: 'second', sessions: 0 });
    const { batches } = applyLocalPrivacy([a, b], many, { epsilon: 1 }, seededRng(5), newId);
    expect(batches.map((x) => x.batchId)).toEqual(['first', 'second']);
    expect(batches.map((x) => x.items.length)).toEqual([LIMITS.maxItemsPerBatch, 500 - LIMITS.maxItemsPerBatch]);
    expect(batches.map((x) => x.sessions)).toEqual([2, undefined]);
    const one = applyLocalPrivacy([a], many, { epsilon: 1 }, seededRng(5), newId).batches;
    expect(one.map((x) => x.batchId)).toEqual(['first', 'x1']);
  });
});

describe('rounded Laplace noise', () => {
  it('has the stated variance (exact series, ≈ 2b² + 1/12) and a zero mean', () => {
    for (const b of [0.25, 1, 4]) {
      const n = 40_000;
      const rng = seededRng(Math.round(b * 100));
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const x = roundedLaplace(b, rng);
        s += x;
        s2 += x * x;
      }
      const v = roundedLaplaceVariance(b);
      // Var(s²) ≈ (μ4 − σ⁴)/n and a Laplace has μ4 = 6σ⁴: a 5σ band is 5·√(5/n)·v.
      expect(Math.abs(s2 / n - v)).toBeLessThan(5 * Math.sqrt(5 / n) * v + 1e-9);
      expect(Math.abs(s / n)).toBeLessThan(5 * Math.sqrt(v / n));
      // The exact pmf sum and the large-scale approximation agree with the closed form.
      const q = Math.exp(-1 / b);
      let series = 0;
      for (let k = 1; k < 2000; k++) series += 2 * k * k * 0.5 * (Math.exp(-(k - 0.5) / b) - Math.exp(-(k + 0.5) / b));
      expect(v).toBeCloseTo(series, 10);
      if (b >= 1) expect(v).toBeCloseTo(2 * b * b + 1 / 12, 1);
      expect(q).toBeLessThan(1);
    }
    expect(roundedLaplaceVariance(0)).toBe(0);
    expect(roundedLaplace(0, seededRng(1))).toBe(0);
  });
});
