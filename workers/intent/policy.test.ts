import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, mayAttempt, mayStartLoad, RETRY_AFTER_MS } from './policy';

describe('mayStartLoad', () => {
  it('loads on text unless the model is off', () => {
    expect(mayStartLoad('idle', 'text', undefined)).toBe(true);
    expect(mayStartLoad('on-text', 'text', true)).toBe(true);
    expect(mayStartLoad('never', 'text', false)).toBe(false);
  });

  it('loads in idle time only with the idle policy and without Save-Data', () => {
    expect(mayStartLoad('idle', 'idle', undefined)).toBe(true);
    expect(mayStartLoad('idle', 'idle', false)).toBe(true);
    expect(mayStartLoad('idle', 'idle', true)).toBe(false);
    expect(mayStartLoad('on-text', 'idle', false)).toBe(false);
    expect(mayStartLoad('never', 'idle', false)).toBe(false);
  });
});

describe('mayAttempt', () => {
  it('allows the first load, one retry after the backoff, and never a third', () => {
    expect(mayAttempt({ attempts: 0, lastFailureAt: undefined }, 0)).toBe(true);
    expect(mayAttempt({ attempts: 1, lastFailureAt: 1000 }, 1000 + RETRY_AFTER_MS - 1)).toBe(false);
    expect(mayAttempt({ attempts: 1, lastFailureAt: 1000 }, 1000 + RETRY_AFTER_MS)).toBe(true);
    expect(mayAttempt({ attempts: MAX_ATTEMPTS, lastFailureAt: 0 }, 1e12)).toBe(false);
    // Loaded (no failure recorded): nothing to retry.
    expect(mayAttempt({ attempts: 1, lastFailureAt: undefined }, 1e12)).toBe(false);
  });
});
