import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/core/report/report';
import { RATIO_METRIC_NAMES } from '../../src/core/report/totals';
import type { Campaign } from '../../src/core/protocol';
import { moments } from './fixtures';

const campaign: Campaign = {
  id: 'c1', name: 'Sale', currency: 'EUR', startsAt: '2025-03-01T00:00:00.000Z', endsAt: '2025-03-02T00:00:00.000Z',
  items: [{ id: 'a', title: 'A', category: 'x', price: 5, listPrice: 10, stock: 3, initialStock: 10 }],
};
const count = fc.integer({ min: 0, max: 10_000 });
const batch = fc.record({ sessions: fc.integer({ min: 0, max: 3 }), impressions: count, clicks: count, carts: count, purchases: count, revenue: fc.double({ min: 0, max: 1e6, noNaN: true }) });
const row = fc.record({ arm: fc.constantFrom('treatment' as const, 'control' as const), itemId: fc.constantFrom('a', 'zz'), position: fc.integer({ min: -1, max: 200 }), impressions: count, clicks: count, carts: count, purchases: count, revenue: fc.double({ min: 0, max: 1e6, noNaN: true }) });

describe('report (property)', () => {
  it('never throws, and every CI is ordered and contains its estimate', () => {
    fc.assert(
      fc.property(fc.array(batch, { maxLength: 30 }), fc.array(batch, { maxLength: 30 }), fc.array(row, { maxLength: 20 }), fc.integer({ min: -48, max: 72 }), (t, c, rows, hour) => {
        const report = buildReport({ campaign, moments: [moments('treatment', t), moments('control', c)], rows, now: Date.parse(campaign.startsAt) + hour * 3_600_000 });
        for (const k of RATIO_METRIC_NAMES) {
          const l = report.lift[k];
          if (l.ci === null) continue;
          expect(l.estimate).not.toBeNull();
          expect(l.ci[0]).toBeLessThanOrEqual(l.estimate!);
          expect(l.estimate!).toBeLessThanOrEqual(l.ci[1]);
          expect(l.ci[0]).toBeGreaterThanOrEqual(-1);
          expect(l.p).toBeGreaterThanOrEqual(0);
          expect(l.p).toBeLessThanOrEqual(1);
        }
        expect(JSON.parse(JSON.stringify(report))).toBeTruthy();
      }),
      { numRuns: 300 },
    );
  });
});
