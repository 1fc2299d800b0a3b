import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blendClearance, campaignPressure, clearancePressure } from './inventory';
import { emptyProfile } from './profile';
import { parseCampaign, parseInventorySignal, parseObjectiveSignals } from './protocol';
import { rank } from './rank';
import type { Tile } from './types';

const H = 3_600_000;
const START = Date.UTC(2026, 10, 29, 0);
const END = START + 24 * H;

describe('clearancePressure', () => {
  it('is the projected leftover share when stock will be left over', () => {
    // 12 h in, 10 of 100 sold → 10/12 per hour, 12 h left → 10 more, 80 left = 0.8.
    expect(clearancePressure({ initialStock: 100, stock: 90, sold: 10, startsAt: START, endsAt: END, now: START + 12 * H })).toBeCloseTo(0.8);
  });

  it('is negative when the item is projected to sell out early', () => {
    // 6 h in, 60 of 100 sold → 10/h; 40 left sell out in 4 h, 14 h before the end of 18 remaining.
    expect(clearancePressure({ initialStock: 100, stock: 40, sold: 60, startsAt: START, endsAt: END, now: START + 6 * H })).toBeCloseTo(-14 / 18);
  });

  it('is 0 when too early, sold out or over', () => {
    const base = { initialStock: 100, stock: 90, sold: 10, startsAt: START, endsAt: END };
    expect(clearancePressure({ ...base, now: START + 0.5 * H })).toBe(0);
    expect(clearancePressure({ ...base, stock: 0, now: START + 6 * H })).toBe(0);
    expect(clearancePressure({ ...base, now: END + H })).toBe(0);
  });

  it('always lies in -1..1 (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 2000 }), fc.double({ min: -2, max: 2, noNaN: true }), (initial, stock, sold, at) => {
      const p = clearancePressure({ initialStock: initial, stock, sold, startsAt: START, endsAt: END, now: START + at * 24 * H });
      expect(p).toBeGreaterThanOrEqual(-1);
      expect(p).toBeLessThanOrEqual(1);
    }));
  });
});

describe('campaignPressure', () => {
  it('maps every item with a projection, omitting zeros', () => {
    const campaign = parseCampaign({
      id: 'c', name: 'C', startsAt: new Date(START).toISOString(), endsAt: new Date(END).toISOString(),
      items: [
        { id: 'slow', title: 'Slow', category: 'x', price: 1, listPrice: 2, stock: 95, initialStock: 100 },
        { id: 'fast', title: 'Fast', category: 'x', price: 1, listPrice: 2, stock: 10, initialStock: 100 },
        { id: 'gone', title: 'Gone', category: 'x', price: 1, listPrice: 2, stock: 0, initialStock: 100 },
      ],
    });
    if (!campaign.ok) throw new Error(campaign.error);
    const p = campaignPressure(campaign.value, new Map(), START + 12 * H);
    expect(p.slow).toBeGreaterThan(0.8);
    expect(p.fast).toBeLessThan(0);
    expect(p.gone).toBeUndefined();
  });
});

describe('ranking with a clearance objective', () => {
  const tiles: Tile[] = [{ id: 'a' }, { id: 'b', pinned: true }, { id: 'c' }, { id: 'd' }];
  const pressure = { a: -0.9, c: 0.2, d: 0.7 };
  const now = START;

  it('leaves the order alone at clearance 0', () => {
    expect(rank({ tiles, profile: emptyProfile(now), neighbors: {}, now, pressure }).order).toEqual(['a', 'b', 'c', 'd']);
  });

  it('puts projected leftovers first and early sell-outs last at clearance 1, pinned tiles fixed', () => {
    const result = rank({ tiles, profile: emptyProfile(now), neighbors: {}, now, pressure, weights: { clearance: 1 } });
    expect(result.order).toEqual(['d', 'b', 'c', 'a']);
    expect(result.tiles.find((t) => t.id === 'd')?.reasons.some((r) => r.kind === 'inventory' && r.pressure === 0.7)).toBe(true);
  });

  it('blends linearly', () => {
    expect(blendClearance(2, -1, 0.25)).toBeCloseTo(1.25);
    expect(blendClearance(2, -1, 0)).toBe(2);
  });
});

describe('wire format', () => {
  it('accepts an inventory signal and refuses out-of-range values', () => {
    const signal = { pressure: { a: 0.5, b: -1 }, clearance: 0.3 };
    expect(parseInventorySignal(signal)).toEqual({ ok: true, value: signal });
    expect(parseInventorySignal({ ...signal, pressure: { a: 2 } }).ok).toBe(false);
    expect(parseInventorySignal({ ...signal, pressure: { 'bad id': 0.1 } }).ok).toBe(false);
    expect(parseInventorySignal({ ...signal, clearance: -0.1 }).ok).toBe(false);
  });

  it('validates the objective response', () => {
    const body = { campaignId: 'c', at: '2026-11-29T00:00:00Z', inventory: { clearance: 0.2, pressure: { a: 1 } }, explore: { share: 0.1, items: { a: [1, 9.5] } } };
    expect(parseObjectiveSignals(body, 'c')).toEqual({ ok: true, value: body });
    expect(parseObjectiveSignals(body, 'other').ok).toBe(false);
    expect(parseObjectiveSignals({ ...body, explore: { share: 0.9, items: {} } }, 'c').ok).toBe(false);
    expect(parseObjectiveSignals({ ...body, explore: { share: 0.1, items: { a: [1] } } }, 'c').ok).toBe(false);
  });

  it('validates the campaign objective', () => {
    const c = { id: 'c', name: 'C', startsAt: '2026-11-29T00:00:00Z', endsAt: '2026-11-30T00:00:00Z', items: [{ id: 'a', title: 'A', category: 'x', price: 1, listPrice: 2, stock: 1 }] };
    expect(parseCampaign({ ...c, objective: { clearance: 0.4 } }).ok).toBe(true);
    expect(parseCampaign({ ...c, objective: { clearance: 4 } }).ok).toBe(false);
    expect(parseCampaign({ ...c, objective: { explore: 0.1 } }).ok).toBe(true);
    expect(parseCampaign({ ...c, objective: { explore: 0.9 } }).ok).toBe(false);
    expect(parseCampaign({ ...c, objective: { boost: 1 } }).ok).toBe(false);
  });
});
