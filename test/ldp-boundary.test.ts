/** The noise marker at the wire boundary and the SDK option that turns noise on. */
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../src/core/options';
import { parseSignalBatch } from '../src/core/protocol';

const item = { itemId: 'a', position: -1, impressions: 3, clicks: -2, carts: 0, purchases: 1, revenue: -12.5 };
const noised = { v: 1, batchId: 'b-1', campaignId: 'c1', arm: 'control', items: [item], pairs: [], noise: { mechanism: 'laplace', epsilon: 1 } };

describe('parseSignalBatch with noise', () => {
  it('accepts negative whole counts and negative revenue only in a marked batch', () => {
    const r = parseSignalBatch(noised);
    expect(r.ok && r.value).toEqual(noised);
    const { noise: _noise, ...plain } = noised;
    const strict = parseSignalBatch(plain);
    expect(strict.ok).toBe(false);
    if (!strict.ok) expect(strict.error).toContain('batch.items[0].clicks must be an integer 0..10000');
  });
  it('still refuses fractional counts (integer store columns), out-of-range values, pairs and bad markers', () => {
    const cases: Array<[unknown, string]> = [
      [{ ...noised, items: [{ ...item, clicks: 1.5 }] }, 'batch.items[0].clicks must be an integer'],
      [{ ...noised, items: [{ ...item, impressions: -2e6 }] }, 'batch.items[0].impressions must be an integer -1000000..'],
      [{ ...noised, items: [{ ...item, revenue: Number.MAX_VALUE }] }, 'batch.items[0].revenue must be a number'],
      [{ ...noised, pairs: [{ from: 'a', to: 'b', weight: 1 }] }, 'batch.pairs must be empty when batch.noise is set'],
      [{ ...noised, noise: { mechanism: 'gauss', epsilon: 1 } }, 'batch.noise must be'],
      [{ ...noised, noise: { mechanism: 'laplace', epsilon: 0 } }, 'batch.noise.epsilon must be a number 0.01..100'],
      [{ ...noised, noise: { mechanism: 'laplace', epsilon: 1, seed: 3 } }, 'batch.noise must be'],
    ];
    for (const [input, message] of cases) {
      const r = parseSignalBatch(input);
      expect(r.ok, message).toBe(false);
      if (!r.ok) expect(r.error).toContain(message);
    }
  });
});

describe('options.privacy', () => {
  it('is absent by default and kept when valid', () => {
    expect('privacy' in resolveOptions({ campaign: 'c1' })).toBe(false);
    expect(resolveOptions({ campaign: 'c1', privacy: { epsilon: 2 } }).privacy).toEqual({ epsilon: 2 });
    expect(resolveOptions({ campaign: 'c1', privacy: { epsilon: 0.5, maxPrice: 99 } }).privacy).toEqual({ epsilon: 0.5, maxPrice: 99 });
  });
  it.each([
    [{ privacy: 1 }, '[Validation] options.privacy must be an object { epsilon, maxPrice? }, received 1'],
    [{ privacy: {} }, '[Validation] options.privacy.epsilon must be a number between 0.01 and 100, received undefined'],
    [{ privacy: { epsilon: 0 } }, 'options.privacy.epsilon must be a number between 0.01 and 100, received 0'],
    [{ privacy: { epsilon: Number.NaN } }, 'options.privacy.epsilon'],
    [{ privacy: { epsilon: 1, maxPrice: -5 } }, 'options.privacy.maxPrice must be a price in (0, 1000000], received -5'],
    [{ privacy: { epsilon: 1, delta: 1e-6 } }, 'options.privacy.delta must be one of epsilon, maxPrice (unknown option)'],
  ])('refuses %j with a clear message', (extra, message) => {
    expect(() => resolveOptions({ campaign: 'c1', ...extra })).toThrow(message);
  });
});
