import { describe, expect, it } from 'vitest';
import { unitIncrement, zeroUnitTotals } from './report/units';
import { parseUnitMessage, type UnitMessage } from './unit-protocol';

const T = { sessions: 1, impressions: 20, clicks: 2, carts: 1, purchases: 0 };
const T2 = { sessions: 2, impressions: 35, clicks: 3, carts: 1, purchases: 1 };
const msg = (before = zeroUnitTotals(), after = T): UnitMessage => ({ v: 1, unitBatchId: 'u-1', campaignId: 'spring', arm: 'control', ...unitIncrement(before, after) });

describe('parseUnitMessage', () => {
  it('accepts what a device builds, first and later messages', () => {
    expect(parseUnitMessage(msg())).toEqual({ ok: true, value: msg() });
    expect(parseUnitMessage(msg(T, T2))).toEqual({ ok: true, value: msg(T, T2) });
    // A later message where some totals did not move: their totals before stay unseen.
    const partial = msg(T, { ...T, clicks: 4 });
    expect(parseUnitMessage(partial).ok).toBe(true);
  });

  it('refuses anything that could carry more than counts', () => {
    expect(parseUnitMessage({ ...msg(), itemId: 'a1' })).toEqual({ ok: false, error: 'unit message has an unknown field "itemId"' });
    expect(parseUnitMessage({ ...msg(), deviceId: 'x' }).ok).toBe(false);
    expect(parseUnitMessage({ ...msg(), sum: { ...T, revenue: 10 } })).toEqual({ ok: false, error: 'sum has an unknown field "revenue"' });
    expect(parseUnitMessage({ ...msg(), cross: { ctr: 40, addToCartRate: 1 } })).toEqual({ ok: false, error: 'cross.conversionRate is missing' });
  });

  it('checks types, ranges and ids with clear messages', () => {
    expect(parseUnitMessage(null)).toEqual({ ok: false, error: 'unit message must be an object, got null' });
    expect(parseUnitMessage({ ...msg(), v: 2 }).ok).toBe(false);
    expect(parseUnitMessage({ ...msg(), unitBatchId: 'has space' })).toMatchObject({ ok: false, error: expect.stringContaining('unitBatchId must be an id') });
    expect(parseUnitMessage({ ...msg(), arm: 'both' }).ok).toBe(false);
    expect(parseUnitMessage({ ...msg(), first: true })).toEqual({ ok: false, error: 'first must be 0 or 1, got true' });
    for (const bad of [-1, 1.5, Number.NaN, Infinity, '3', 1e8]) {
      expect(parseUnitMessage({ ...msg(), sum: { ...msg().sum, clicks: bad } })).toMatchObject({ ok: false, error: expect.stringContaining('sum.clicks must be an integer 0..10000000') });
    }
    expect(parseUnitMessage({ ...msg(), sum: zeroUnitTotals(), sumSq: zeroUnitTotals(), cross: { ctr: 0, addToCartRate: 0, conversionRate: 0 } })).toEqual({ ok: false, error: 'a unit message must add to at least one total (sum is all 0)' });
  });

  it('refuses numbers no real totals produce', () => {
    const m = msg(T, T2);
    // Σx² below (Σx)², or not 2·T·Δ + Δ² for a whole T.
    expect(parseUnitMessage({ ...m, sumSq: { ...m.sumSq, impressions: 100 } })).toMatchObject({ ok: false, error: expect.stringContaining('sumSq.impressions (100) is not') });
    expect(parseUnitMessage({ ...m, sumSq: { ...m.sumSq, impressions: m.sumSq.impressions + 1 } }).ok).toBe(false);
    expect(parseUnitMessage({ ...m, sumSq: { ...m.sumSq, carts: 3 } })).toEqual({ ok: false, error: 'sumSq.carts must be 0 when sum.carts is 0, got 3' });
    expect(parseUnitMessage({ ...m, cross: { ...m.cross, ctr: m.cross.ctr + 1 } })).toMatchObject({ ok: false, error: expect.stringContaining('cross.ctr must be') });
    expect(parseUnitMessage({ ...m, first: 1 })).toEqual({ ok: false, error: 'first is 1 but sumSq shows totals before this message' });
    expect(parseUnitMessage({ ...msg(), first: 0 }).ok).toBe(true); // first 0 with T = 0 on the moved fields is possible (T elsewhere)
  });
});
