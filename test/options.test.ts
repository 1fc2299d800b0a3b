import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../src/core/options';

describe('resolveOptions', () => {
  it('fills defaults', () => {
    expect(resolveOptions({ campaign: 'c1' })).toMatchObject({ campaign: 'c1', endpoint: '', holdout: 0.1, reorder: 'dom', debug: false });
  });
  it.each([
    [{}, 'options.campaign must be'],
    [{ campaign: 'c1', holdout: 2 }, 'options.holdout must be a number between 0 and 1, received 2'],
    [{ campaign: 'c1', reorder: 'shuffle' }, 'options.reorder'],
    [{ campaign: 'c1', colour: 'red' }, 'unknown option'],
    [null, 'options must be an object'],
  ])('refuses %j with a clear message', (input, message) => {
    expect(() => resolveOptions(input)).toThrow(message);
  });
});
