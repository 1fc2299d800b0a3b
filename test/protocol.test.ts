import { describe, expect, it } from 'vitest';
import { parseSignalBatch } from '../src/core/protocol';

const good = {
  v: 1, batchId: 'b-1', campaignId: 'c1', arm: 'treatment',
  items: [{ itemId: 'a', position: 0, impressions: 1, clicks: 1, carts: 0, purchases: 0, revenue: 0 }],
  pairs: [{ from: 'a', to: 'b', weight: 1 }],
};

describe('parseSignalBatch', () => {
  it('accepts a well-formed batch', () => {
    const r = parseSignalBatch(good);
    expect(r.ok).toBe(true);
  });
  it('refuses unknown fields so nothing identifying rides along', () => {
    const r = parseSignalBatch({ ...good, userId: 'u1' });
    expect(r).toEqual({ ok: false, error: 'batch has an unknown field "userId"' });
  });
  it('accepts an optional sessions count and keeps it; refuses bad ones', () => {
    const r = parseSignalBatch({ ...good, sessions: 2 });
    expect(r.ok && r.value.sessions).toBe(2);
    const none = parseSignalBatch(good);
    expect(none.ok && 'sessions' in none.value).toBe(false);
    for (const bad of [-1, 1.5, 1001, '1', null]) {
      const b = parseSignalBatch({ ...good, sessions: bad });
      expect(b.ok).toBe(false);
      if (!b.ok) expect(b.error).toContain('batch.sessions must be an integer 0..1000');
    }
  });
  it('names the bad field and what it got', () => {
    const r = parseSignalBatch({ ...good, items: [{ ...good.items[0], clicks: -1 }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('batch.items[0].clicks');
  });
});
