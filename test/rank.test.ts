import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEvent, emptyProfile } from '../src/core/profile';
import { rank } from '../src/core/rank';
import type { Profile, Tile } from '../src/core/types';

const NOW = Date.UTC(2026, 10, 29);
const tiles: Tile[] = [
  { id: 'phone1', category: 'Phones' },
  { id: 'kettle1', category: 'Kettles' },
  { id: 'pin', category: 'Kettles', pinned: true },
  { id: 'phone2', category: 'Phones' },
  { id: 'gone', category: 'Headphones', stock: 0 },
  { id: 'head1', category: 'Headphones' },
];

function profileWith(...events: Array<[type: 'click' | 'cart', id: string, category: string]>): Profile {
  return events.reduce((p, [type, itemId, category], i) => applyEvent(p, { type, itemId, category, t: NOW - 1000 * (events.length - i) }, NOW), emptyProfile(NOW));
}

describe('rank', () => {
  it('keeps the merchant order with no history, except sold-out tiles sink', () => {
    const r = rank({ tiles, profile: emptyProfile(NOW), neighbors: {}, now: NOW });
    expect(r.order).toEqual(['phone1', 'kettle1', 'pin', 'phone2', 'head1', 'gone']);
  });
  it('moves tiles of categories the shopper engaged with up, pinned stays, reasons explain it', () => {
    const r = rank({ tiles, profile: profileWith(['click', 'x', 'Headphones'], ['cart', 'y', 'Headphones']), neighbors: {}, now: NOW });
    expect(r.order[0]).toBe('head1');
    expect(r.order[2]).toBe('pin');
    expect(r.order.at(-1)).toBe('gone');
    const head = r.tiles.find((t) => t.id === 'head1')!;
    expect(head.reasons).toContainEqual(expect.objectContaining({ kind: 'category', category: 'Headphones' }));
    expect(head.to).toBe(0);
  });
  it('uses item-to-item similarity from the slice', () => {
    const profile = profileWith(['click', 'phone1', 'Phones']);
    const r = rank({ tiles, profile, neighbors: { phone1: [['kettle1', 1]] }, now: NOW });
    // The item just clicked comes first (re-visits are the strongest next-click signal in real
    // session logs); its neighbour from the slice comes next, ahead of a same-category tile.
    expect(r.order.slice(0, 3)).toEqual(['phone1', 'kettle1', 'pin']);
    expect(r.order.indexOf('kettle1')).toBeLessThan(r.order.indexOf('phone2'));
    expect(r.tiles.find((t) => t.id === 'kettle1')!.reasons[0]).toEqual({ kind: 'similar', to: 'phone1', score: expect.any(Number) });
    expect(r.tiles.find((t) => t.id === 'phone1')!.reasons).toContainEqual({ kind: 'recent', score: expect.any(Number) });
  });
  it('never moves locked or pinned tiles and always returns a permutation (property)', () => {
    const tileArb = fc.record({
      id: fc.stringMatching(/^[a-z]{1,3}$/),
      category: fc.constantFrom('A', 'B', 'C', undefined),
      stock: fc.constantFrom(0, 1, 10, undefined),
      pinned: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(tileArb, { selector: (t) => t.id, maxLength: 30 }),
        fc.array(fc.tuple(fc.constantFrom<'click' | 'cart'>('click', 'cart'), fc.stringMatching(/^[a-z]{1,3}$/), fc.constantFrom('A', 'B', 'C'))),
        fc.func(fc.boolean()),
        (ts, events, isLocked) => {
          const locked = new Set(ts.filter((t) => isLocked(t.id)).map((t) => t.id));
          const r = rank({ tiles: ts, profile: profileWith(...events), neighbors: {}, now: NOW, locked });
          expect([...r.order].sort()).toEqual(ts.map((t) => t.id).sort());
          ts.forEach((t, i) => { if (t.pinned || locked.has(t.id)) expect(r.order[i]).toBe(t.id); });
        },
      ),
    );
  });
  it('gives the same order whatever arrangement the tiles arrive in, given their merchant slots (property)', () => {
    const base: Tile[] = Array.from({ length: 12 }, (_, i) => ({ id: `t${i}`, category: `c${i % 3}`, stock: i === 4 ? 0 : 5, merchantIndex: i }));
    fc.assert(
      fc.property(fc.shuffledSubarray(base, { minLength: base.length }), fc.constantFrom('c0', 'c1', 'c2'), (arranged, cat) => {
        const profile = profileWith(['click', 'x', cat]);
        const a = rank({ tiles: base, profile, neighbors: {}, now: NOW }).order;
        const b = rank({ tiles: arranged, profile, neighbors: {}, now: NOW }).order;
        expect(b).toEqual(a);
      }),
    );
  });
  it('ranks 200 tiles well under a millisecond on average', () => {
    const many: Tile[] = Array.from({ length: 200 }, (_, i) => ({ id: `i${i}`, category: `c${i % 12}` }));
    const profile = profileWith(...Array.from({ length: 20 }, (_, i): ['click', string, string] => ['click', `i${i * 7}`, `c${i % 12}`]));
    const neighbors = Object.fromEntries(profile.recent.map((r) => [r.id, many.slice(0, 30).map((t, j): [string, number] => [t.id, 1 / (j + 1)])]));
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) rank({ tiles: many, profile, neighbors, now: NOW });
    expect((performance.now() - t0) / 200).toBeLessThan(5);
  });
});
