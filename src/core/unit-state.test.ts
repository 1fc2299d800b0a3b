import { describe, expect, it } from 'vitest';
import type { SignalBatch } from './protocol';
import { buildUnit, emptyUnitState, recordSealed, settleUnit, storedUnitState, unitDue, UNIT_MIN_INTERVAL_MS } from './unit-state';
import { SESSION_GAP_MS } from './aggregate';

const batch = (clicks: number, impressions: number, sessions = 0): SignalBatch => ({
  v: 1,
  batchId: `b-${clicks}-${impressions}`,
  campaignId: 'c',
  arm: 'treatment',
  items: [{ itemId: 'a', position: 0, impressions, clicks, carts: 0, purchases: 0, revenue: 12.5 }],
  pairs: [{ from: 'a', to: 'b', weight: 1 }],
  sessions,
});
let n = 0;
const newId = () => `u${n++}`;

describe('unit state on the device', () => {
  it('sums sealed batches and builds a message only at a visit or session end, at most every few minutes', () => {
    let s = recordSealed(emptyUnitState('c', 'treatment'), 'treatment', [batch(1, 10, 1), batch(0, 5)]);
    expect(s.current).toEqual({ sessions: 1, impressions: 15, clicks: 1, carts: 0, purchases: 0 });
    expect(unitDue(s, { now: 1000, pageHide: false, lastEventAt: 900 })).toBe(false); // still browsing
    expect(unitDue(s, { now: 1000, pageHide: true })).toBe(true);
    expect(unitDue(s, { now: 1000 + SESSION_GAP_MS + 1, pageHide: false, lastEventAt: 1000 })).toBe(true);
    s = buildUnit(s, 1000, newId);
    expect(s.pending?.message).toMatchObject({ first: 1, arm: 'treatment', campaignId: 'c', sum: s.current });
    expect(JSON.stringify(s.pending?.message)).not.toContain('"a"'); // no item id
    expect(unitDue(s, { now: 1000 + UNIT_MIN_INTERVAL_MS, pageHide: true })).toBe(false); // one in flight
    s = settleUnit(s, 'acked', 2000, () => 0);
    s = recordSealed(s, 'treatment', [batch(2, 10)]);
    expect(unitDue(s, { now: 2000, pageHide: true })).toBe(false); // too soon
    expect(unitDue(s, { now: 1000 + UNIT_MIN_INTERVAL_MS, pageHide: true })).toBe(true);
  });

  it('retries a failed message with the same id, rolls a refused one into the next, advances only on ack', () => {
    let s = buildUnit(recordSealed(emptyUnitState('c', 'control'), 'control', [batch(1, 10, 1)]), 0, newId);
    const id = s.pending!.message.unitBatchId;
    s = settleUnit(s, 'failed', 10, (a) => a * 1000);
    expect(s.pending).toMatchObject({ attempts: 1, nextAttemptAt: 1010, message: { unitBatchId: id } });
    expect(s.acked.clicks).toBe(0);
    s = settleUnit(s, 'refused', 20, () => 0);
    expect(s.pending).toBeUndefined();
    s = buildUnit(recordSealed(s, 'control', [batch(1, 5)]), UNIT_MIN_INTERVAL_MS, newId);
    expect(s.pending!.message).toMatchObject({ first: 1, sum: { clicks: 2, impressions: 15, sessions: 1 } });
    s = settleUnit(s, 'acked', 30, () => 0);
    expect(s.acked).toEqual(s.current);
  });

  it('starts over when the arm changes and reads stored state defensively', () => {
    const s = recordSealed(emptyUnitState('c', 'control'), 'control', [batch(1, 10, 1)]);
    expect(recordSealed(s, 'treatment', [batch(0, 3)]).current).toEqual({ sessions: 0, impressions: 3, clicks: 0, carts: 0, purchases: 0 });
    const built = buildUnit(s, 5, newId);
    expect(storedUnitState(JSON.parse(JSON.stringify(built)), 'c')).toEqual(built);
    expect(storedUnitState(built, 'other')).toBeUndefined();
    expect(storedUnitState({ ...built, acked: { ...built.current, clicks: 9 } }, 'c')).toBeUndefined();
    expect(storedUnitState({ ...built, pending: { ...built.pending, message: { ...built.pending!.message, itemId: 'x' } } }, 'c')).toBeUndefined();
    expect(storedUnitState('junk', 'c')).toBeUndefined();
  });
});
