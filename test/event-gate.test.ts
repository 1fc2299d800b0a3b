import { describe, expect, it } from 'vitest';
import { admit, emptyGate } from '../src/core/event-gate';

describe('admit', () => {
  it('drops the same click twice within a second', () => {
    const g = emptyGate();
    expect(admit(g, { type: 'click', itemId: 'a', t: 1 }, 1000)).toBe(true);
    expect(admit(g, { type: 'click', itemId: 'a', t: 1 }, 1500)).toBe(false);
    expect(admit(g, { type: 'click', itemId: 'a', t: 1 }, 2600)).toBe(true);
    expect(g.dropped.duplicate).toBe(1);
  });
  it('closes on a bot-like burst and stays closed for the cooldown', () => {
    const g = emptyGate();
    const results = Array.from({ length: 30 }, (_, i) => admit(g, { type: 'click', itemId: `i${i}`, t: 1 }, 10_000 + i * 20));
    expect(results.filter(Boolean).length).toBe(12);
    expect(admit(g, { type: 'cart', itemId: 'x', t: 1 }, 20_000)).toBe(false);
    expect(admit(g, { type: 'cart', itemId: 'x', t: 1 }, 50_000)).toBe(true);
  });
});
