/** The report over noised sums (core/ldp.ts): negative or tiny sums never give NaN or a negative rate. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/core/report/report';
import { reportCsv } from '../../src/core/report/csv';
import { RATIO_METRIC_NAMES } from '../../src/core/report/totals';
import type { Campaign } from '../../src/core/protocol';
import { moments } from './fixtures';

const campaign: Campaign = {
  id: 'c1', name: 'Sale', currency: 'EUR', startsAt: '2025-03-01T00:00:00.000Z', endsAt: '2025-03-02T00:00:00.000Z',
  items: [{ id: 'a', title: 'A', category: 'x', price: 5, listPrice: 10, stock: 3, initialStock: 10 }],
};
const noisy = fc.integer({ min: -40, max: 60 });
// Noised revenue travels in whole cents (core/ldp.ts rounds the noise), as does every real price.
const revenue = fc.integer({ min: -50_000, max: 50_000 }).map((cents) => cents / 100);
const batch = fc.record({ sessions: fc.integer({ min: 0, max: 3 }), impressions: noisy, clicks: noisy, carts: noisy, purchases: noisy, revenue });
const row = fc.record({ arm: fc.constantFrom('treatment' as const, 'control' as const), itemId: fc.constantFrom('a', 'zz'), position: fc.integer({ min: -1, max: 5 }), impressions: noisy, clicks: noisy, carts: noisy, purchases: noisy, revenue });

const finiteOrNull = (x: unknown) => x === null || (typeof x === 'number' && Number.isFinite(x));

describe('report over noised sums (property)', () => {
  it('keeps every number finite, every rate ≥ 0 and every CI ordered around its estimate', () => {
    fc.assert(
      fc.property(fc.array(batch, { maxLength: 20 }), fc.array(batch, { maxLength: 20 }), fc.array(row, { maxLength: 20 }), (t, c, rows) => {
        const report = buildReport({ campaign, moments: [moments('treatment', t), moments('control', c)], rows, now: Date.parse(campaign.startsAt) + 6 * 3_600_000 });
        for (const arm of [report.arms.treatment, report.arms.control]) {
          for (const k of RATIO_METRIC_NAMES) {
            expect(finiteOrNull(arm[k])).toBe(true);
            if (arm[k] !== null) expect(arm[k]).toBeGreaterThanOrEqual(0);
          }
        }
        for (const k of RATIO_METRIC_NAMES) {
          const l = report.lift[k];
          for (const x of [l.treatment, l.control, l.estimate, l.p, l.seLog]) expect(finiteOrNull(x)).toBe(true);
          if (l.treatment !== null) expect(l.treatment).toBeGreaterThanOrEqual(0);
          if (l.estimate !== null) expect(l.estimate).toBeGreaterThanOrEqual(-1);
          if (l.ci) {
            expect(l.ci[0]).toBeLessThanOrEqual(l.estimate!);
            expect(l.estimate!).toBeLessThanOrEqual(l.ci[1]);
          }
        }
        for (const p of report.positions) for (const cell of [p.treatment, p.control]) if (cell.ctr !== null) expect(cell.ctr).toBeGreaterThanOrEqual(0);
        for (const it of report.items) {
          if (it.ctr !== null) expect(it.ctr).toBeGreaterThanOrEqual(0);
          expect(it.advice.unitsSold).toBeGreaterThanOrEqual(0);
        }
        expect(reportCsv(report)).not.toContain('NaN');
      }),
      { numRuns: 300 },
    );
  });

  it('reports the raw (unbiased) sums, clamping only the rate', () => {
    const report = buildReport({ campaign, moments: [], rows: [{ arm: 'control', itemId: 'a', position: 0, impressions: 4, clicks: -1, carts: 0, purchases: -2, revenue: -3 }], now: Date.parse(campaign.startsAt) });
    expect(report.items[0]).toMatchObject({ impressions: 4, clicks: -1, purchases: -2, revenue: -3, ctr: 0 });
    expect(report.positions[0]!.control).toEqual({ impressions: 4, clicks: -1, ctr: 0 });
  });
});
