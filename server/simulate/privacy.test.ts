/**
 * Local-privacy noise through the real pipeline (SIMULATED shoppers): without noise the server's
 * estimates equal the exact counts; with noise the error shrinks as ε grows.
 */
import { expect, it } from 'vitest';
import { runCli } from '../commands';
import { runPrivacySimulation } from './privacy';

it('matches the exact counts without noise and gets closer to them as ε grows', async () => {
  const r = await runPrivacySimulation({ epsilons: [0.5, 2, 8], shoppers: 300, seeds: 2 });
  expect(r.exact).toBe(true);
  const [none, e05, e2, e8] = r.rows;
  expect(none).toMatchObject({ epsilon: null, ctrError: { median: 0, p90: 0 }, itemClicksError: { median: 0, p90: 0 }, liftError: 0 });
  for (const [lo, hi] of [[e05!, e2!], [e2!, e8!]] as const) {
    expect(hi.ctrError.median).toBeLessThan(lo.ctrError.median);
    expect(hi.itemClicksError.median).toBeLessThan(lo.itemClicksError.median);
  }
  // Noise only widens the lift's CI: the per-batch moments carry its variance.
  expect(e8!.liftCiWidth!).toBeGreaterThan(none!.liftCiWidth!);
  expect(e8!.liftCiWidth!).toBeLessThan(e05!.liftCiWidth ?? Infinity);
}, 60_000);

it('checks its flags', async () => {
  const err: string[] = [];
  const io = { out: () => undefined, err: (l: string) => err.push(l), env: {}, waitForShutdown: async () => undefined };
  expect(await runCli(['simulate', 'privacy', '--epsilon', '0.5,abc'], io)).toBe(2);
  expect(err.join('\n')).toContain('--epsilon must be a number 0.01..100, got "abc"');
});
