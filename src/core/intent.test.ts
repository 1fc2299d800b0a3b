import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyIntent, currentIntent, DEFAULT_INTENT_SETTINGS, intentMatch, parseIntentState, topLabels } from './intent';
import { parseStoredProfile, parseTile } from './input';
import { emptyProfile } from './profile';
import { rank } from './rank';
import type { Tile } from './types';

const NOW = 1_750_000_000_000;
const MIN = 60_000;

const tiles: Tile[] = [
  { id: 'fridge', labels: { home_kitchen: 0.95 } },
  { id: 'book', labels: { books_media: 0.9 } },
  { id: 'headphones', labels: { electronics: 0.8, phones: 0.1 } },
  { id: 'shirt', labels: { fashion: 0.97 } },
];

describe('applyIntent', () => {
  it('makes the newest text dominate and keeps the previous one at its carry-over', () => {
    let p = applyIntent(emptyProfile(NOW), { electronics: 0.9, phones: 0.1 }, NOW, NOW);
    expect(p.intent?.probs.electronics).toBeCloseTo(0.9);
    p = applyIntent(p, { books_media: 1 }, NOW, NOW);
    // keep = 0.5 → new text 1/1.5, old 0.5/1.5
    expect(p.intent?.probs.books_media).toBeCloseTo(1 / 1.5, 3);
    expect(p.intent?.probs.electronics).toBeCloseTo(0.45 / 1.5, 3);
  });

  it('ignores empty or invalid distributions', () => {
    const p = emptyProfile(NOW);
    expect(applyIntent(p, {}, NOW, NOW)).toBe(p);
    expect(applyIntent(p, { a: Number.NaN, b: -1 }, NOW, NOW)).toBe(p);
  });

  it('keeps a bounded, normalised distribution (property)', () => {
    const dist = fc.dictionary(fc.constantFrom('phones', 'computers', 'electronics', 'home_kitchen', 'fashion', 'other', 'support'), fc.double({ min: 0, max: 1, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.tuple(dist, fc.integer({ min: 0, max: 120 })), { minLength: 1, maxLength: 8 }), (texts) => {
        let p = emptyProfile(NOW);
        let t = NOW - 200 * MIN;
        for (const [raw, gap] of texts) {
          const total = Object.values(raw).reduce((a, b) => a + b, 0);
          const probs = total > 0 ? Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v / total])) : raw;
          t += gap * MIN;
          p = applyIntent(p, probs, t, NOW);
        }
        const sum = Object.values(p.intent?.probs ?? {}).reduce((a, b) => a + b, 0);
        expect(sum).toBeLessThanOrEqual(1 + 1e-3);
        expect(Object.keys(p.intent?.probs ?? {}).length).toBeLessThanOrEqual(DEFAULT_INTENT_SETTINGS.maxLabels);
        for (const v of currentIntent(p, NOW).values()) expect(v).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('currentIntent', () => {
  it('drops non-product labels and fades with its half-life', () => {
    const p = applyIntent(emptyProfile(NOW), { support: 0.6, electronics: 0.4 }, NOW, NOW);
    expect(currentIntent(p, NOW).has('support')).toBe(false);
    expect(currentIntent(p, NOW).get('electronics')).toBeCloseTo(0.4);
    expect(currentIntent(p, NOW + 30 * MIN).get('electronics')).toBeCloseTo(0.2);
    expect(currentIntent(p, NOW + 24 * 60 * MIN).size).toBe(0);
  });
});

describe('ranking with intent', () => {
  it('brings tiles matching the search intent forward', () => {
    const p = applyIntent(emptyProfile(NOW), { electronics: 0.85, phones: 0.1, other: 0.05 }, NOW, NOW);
    const result = rank({ tiles, profile: p, neighbors: {}, now: NOW });
    expect(result.order[0]).toBe('headphones');
    const reasons = result.tiles.find((t) => t.id === 'headphones')?.reasons ?? [];
    expect(reasons.some((r) => r.kind === 'intent' && r.label === 'electronics')).toBe(true);
  });

  it('changes nothing without an intent or with weight 0', () => {
    const plain = rank({ tiles, profile: emptyProfile(NOW), neighbors: {}, now: NOW });
    expect(plain.order).toEqual(tiles.map((t) => t.id));
    const p = applyIntent(emptyProfile(NOW), { electronics: 1 }, NOW, NOW);
    expect(rank({ tiles, profile: p, neighbors: {}, now: NOW, weights: { intent: 0 } }).order).toEqual(plain.order);
  });

  it('lets an old search fade back to the merchant order', () => {
    const p = applyIntent(emptyProfile(NOW), { electronics: 1 }, NOW - 3 * 60 * MIN, NOW);
    // Three hours on, the intent has faded to 1/64 of its strength.
    expect(intentMatch(currentIntent(p, NOW), tiles[2]!.labels)).toBeLessThan(0.02);
    expect(rank({ tiles, profile: p, neighbors: {}, now: NOW }).order).toEqual(tiles.map((t) => t.id));
  });
});

describe('validation', () => {
  it('accepts labels on tiles and refuses malformed ones', () => {
    expect(parseTile({ id: 'a', labels: { phones: 0.7 } }).ok).toBe(true);
    expect(parseTile({ id: 'a', labels: { phones: 2 } }).ok).toBe(false);
    expect(parseTile({ id: 'a', labels: 'phones' }).ok).toBe(false);
  });

  it('reads a stored intent back, dropping a corrupted one without losing the profile', () => {
    const good = applyIntent(emptyProfile(NOW), { phones: 0.9 }, NOW, NOW);
    expect(parseStoredProfile(JSON.parse(JSON.stringify(good)))).toEqual({ ok: true, value: good });
    const bad = parseStoredProfile({ ...good, intent: { probs: 'x', t: 'y' } });
    expect(bad.ok && bad.value.intent).toBe(undefined);
    expect(parseIntentState({ probs: { a: 0.5, '': 0.2, b: Infinity }, t: 1 })).toEqual({ probs: { a: 0.5 }, t: 1 });
    expect(topLabels({ a: 0.1, b: 0.5, c: 0.3 }, 2)).toEqual({ b: 0.5, c: 0.3 });
  });
});
