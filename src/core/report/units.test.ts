import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SignalBatch } from '../protocol';
import { parseUnitMessage } from '../unit-protocol';
import { buildUnit, emptyUnitState, recordSealed, settleUnit, type UnitOutcome } from '../unit-state';
import type { Arm } from '../types';
import { emptyMoments } from './totals';
import { addIncrement, shopperMoments, unitIncrement, zeroUnitTotals, type UnitTotals } from './units';

const batchOf = (t: UnitTotals, i: number): SignalBatch => ({
  v: 1,
  batchId: `b${i}`,
  campaignId: 'c',
  arm: 'treatment',
  // One item row carries the counts; sessions ride on the batch.
  items: [{ itemId: 'x', position: 0, impressions: t.impressions, clicks: t.clicks, carts: t.carts, purchases: t.purchases, revenue: 0 }],
  pairs: [],
  sessions: t.sessions,
});

const totalsArb = fc.record({
  sessions: fc.integer({ min: 0, max: 3 }),
  impressions: fc.integer({ min: 0, max: 40 }),
  clicks: fc.integer({ min: 0, max: 8 }),
  carts: fc.integer({ min: 0, max: 3 }),
  purchases: fc.integer({ min: 0, max: 4 }),
});

/** Per shopper: batches, each followed by whether a message is built then and what happens to it. */
const shopperArb = fc.array(fc.record({ batch: totalsArb, send: fc.boolean(), outcomes: fc.array(fc.constantFrom<UnitOutcome>('acked', 'refused', 'failed'), { maxLength: 3 }) }), { minLength: 1, maxLength: 8 });

describe('unit increments', () => {
  it('telescope: one message from zero carries the totals themselves', () => {
    const t = { sessions: 2, impressions: 30, clicks: 4, carts: 1, purchases: 1 };
    const inc = unitIncrement(zeroUnitTotals(), t);
    expect(inc).toEqual({ first: 1, sum: t, sumSq: { sessions: 4, impressions: 900, clicks: 16, carts: 1, purchases: 1 }, cross: { ctr: 120, addToCartRate: 2, conversionRate: 2 } });
    const next = unitIncrement(t, { ...t, clicks: 6, impressions: 40 });
    expect(next).toMatchObject({ first: 0, sum: { clicks: 2, impressions: 10, sessions: 0 }, sumSq: { clicks: 20, impressions: 700, sessions: 0 }, cross: { ctr: 240 - 120, addToCartRate: 0 } });
  });

  it('summed over random messages, lost and retried ones included, equal the moments over shoppers', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom<Arm>('treatment', 'control'), shopperArb), { minLength: 1, maxLength: 12 }), (shoppers) => {
        const server = { treatment: emptyMoments('treatment'), control: emptyMoments('control') };
        const seen = new Set<string>();
        const finals: Record<Arm, UnitTotals[]> = { treatment: [], control: [] };
        let id = 0;
        const deliver = (m: unknown) => {
          const parsed = parseUnitMessage(m);
          expect(parsed.ok).toBe(true);
          if (!parsed.ok || seen.has(parsed.value.unitBatchId)) return; // the server's idempotency
          seen.add(parsed.value.unitBatchId);
          addIncrement(server[parsed.value.arm], parsed.value);
        };
        for (const [arm, steps] of shoppers) {
          let s = emptyUnitState('c', arm);
          let now = 0;
          const settle = (drawn: UnitOutcome) => {
            // 'acked' and 'failed' (a lost answer) both reached the server; 'refused' did not. A message
            // the server already stored is answered as a duplicate (acked) on a retry, never refused.
            const outcome = drawn === 'refused' && s.pending && seen.has(s.pending.message.unitBatchId) ? 'acked' : drawn;
            if (outcome !== 'refused' && s.pending) deliver(s.pending.message);
            s = settleUnit(s, outcome, now, () => 1000);
          };
          for (const [i, step] of steps.entries()) {
            s = recordSealed(s, arm, [batchOf(step.batch, i)]);
            now += 10 * 60_000;
            if (step.send && !s.pending && JSON.stringify(s.current) !== JSON.stringify(s.acked)) s = buildUnit(s, now, () => `u${id++}`);
            for (const o of step.outcomes) settle(o);
          }
          // The shopper's last visit ends with an acknowledged message (retried until it is).
          if (!s.pending && JSON.stringify(s.current) !== JSON.stringify(s.acked)) s = buildUnit(s, now, () => `u${id++}`);
          if (s.pending) settle('acked');
          if (JSON.stringify(s.current) !== JSON.stringify(s.acked)) {
            s = buildUnit(s, now, () => `u${id++}`);
            settle('acked');
          }
          expect(s.acked).toEqual(s.current);
          finals[arm].push(s.current);
        }
        for (const arm of ['treatment', 'control'] as const) expect(server[arm]).toEqual(shopperMoments(arm, finals[arm]));
      }),
      { numRuns: 300 },
    );
  });
});
