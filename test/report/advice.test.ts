import { describe, expect, it } from 'vitest';
import { ADVICE, stockAdvice } from '../../src/core/report/advice';

const H = 3_600_000;
const start = Date.parse('2025-03-01T00:00:00Z');
const base = { startsAt: start, endsAt: start + 24 * H, now: start + 12 * H };

describe('stock advice', () => {
  it('flags an item projected to sell out early, with the hours and the rate', () => {
    // 60 sold in 12 h = 5/h; 30 left sell out in 6 h, 6 h before the end.
    const a = stockAdvice({ ...base, initialStock: 90, stock: 30, sold: 60 });
    expect(a).toMatchObject({ kind: 'sell-out-early', action: true, ratePerHour: 5, hoursBeforeEnd: 6, projectedSellOutAt: new Date(start + 18 * H).toISOString() });
    expect(a.en).toBe('projected to sell out 6.0 h before the end (5.0 units/h, 30 left): reduce the discount or cap exposure');
    expect(a.zh).toContain('预计在结束前 6.0 小时售罄');
  });
  it('flags a projected leftover as a share of the initial stock', () => {
    // 12 sold in 12 h = 1/h; 100 left − 12 more = 88 of 112 = 79% left.
    const a = stockAdvice({ ...base, initialStock: 112, stock: 100, sold: 12 });
    expect(a).toMatchObject({ kind: 'leftover', action: true, projectedLeft: 88 });
    expect(a.en).toBe('projected 79% left at the end (1.0 units/h): deepen the discount or raise exposure');
  });
  it('uses the thresholds exactly', () => {
    // Sell-out lead exactly 10% of 24 h = 2.4 h → early; just under → on track.
    const early = stockAdvice({ ...base, initialStock: 100, stock: 48, sold: 52 }); // 52/12 = 4.333/h; 48 / 4.333 = 11.08 h → 0.92 h before
    expect(early.kind).toBe('on-track');
    const lead = stockAdvice({ ...base, initialStock: 90, stock: 40, sold: 50 }); // 50/12 per h; 40 left → 9.6 h → 2.4 h before
    expect(lead.hoursBeforeEnd).toBeCloseTo(ADVICE.earlyShare * 24, 9);
    expect(lead.kind).toBe('sell-out-early');
    // Leftover exactly 20% of the initial stock → leftover; 13% → on track.
    const at20 = stockAdvice({ ...base, initialStock: 30, stock: 18, sold: 12 }); // 1/h: 18 − 12 = 6 of 30 left
    expect(at20).toMatchObject({ kind: 'leftover', projectedLeft: 6 });
    expect(at20.projectedLeftShare).toBeCloseTo(ADVICE.leftoverShare, 9);
    expect(stockAdvice({ ...base, initialStock: 30, stock: 17, sold: 13 }).kind).toBe('on-track'); // 17 − 13 = 4 of 30
  });
  it('waits for enough elapsed time and reports no sales as a leftover', () => {
    expect(stockAdvice({ ...base, now: start + 0.5 * H, initialStock: 10, stock: 10, sold: 0 }).kind).toBe('too-early');
    expect(stockAdvice({ ...base, now: start - H, initialStock: 10, stock: 10, sold: 0 })).toMatchObject({ kind: 'too-early', ratePerHour: null });
    const none = stockAdvice({ ...base, initialStock: 10, stock: 10, sold: 0 });
    expect(none).toMatchObject({ kind: 'leftover', projectedLeftShare: 1 });
    expect(none.en).toContain('no sales in 12 h');
  });
  it('counts the larger of purchase aggregates and the recorded stock drop', () => {
    expect(stockAdvice({ ...base, initialStock: 100, stock: 40, sold: 12 }).unitsSold).toBe(60);
    expect(stockAdvice({ ...base, initialStock: 100, stock: 95, sold: 12 }).unitsSold).toBe(12);
  });
  it('reports sold-out and ended items without asking for action', () => {
    expect(stockAdvice({ ...base, initialStock: 10, stock: 0, sold: 10 })).toMatchObject({ kind: 'sold-out', action: false, hoursBeforeEnd: 12 });
    expect(stockAdvice({ ...base, now: start + 30 * H, initialStock: 10, stock: 4, sold: 6 })).toMatchObject({ kind: 'on-track', en: 'ended with 4 left' });
  });
});
