import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../commands';
import { runExploreSimulation } from './replay';

const io = (out: string[], err: string[] = out): CliIo => ({ out: (l) => out.push(l), err: (l) => err.push(l), env: {}, waitForShutdown: () => Promise.resolve() });

describe('simulate explore (SIMULATED items)', () => {
  it('finds more of the best items than the click prior alone, at a small steady-state cost', () => {
    const r = runExploreSimulation({ rounds: 1500, share: 0.1, seed: 3, items: 60 });
    const { greedy, explore, merchant } = r.policies;
    expect(explore.regretShare).toBeLessThan(greedy.regretShare);
    expect(greedy.regretShare).toBeLessThan(merchant.regretShare);
    expect(explore.bestFoundAtEnd).toBeGreaterThan(greedy.bestFoundAtEnd);
    expect(r.steadyStateCost.relative).toBeGreaterThan(-0.1);
    // Deterministic given the seed.
    expect(runExploreSimulation({ rounds: 1500, share: 0.1, seed: 3, items: 60 })).toEqual(r);
  });

  it('runs through the CLI as the longest matching command path, beside `simulate`', async () => {
    const out: string[] = [];
    expect(await runCli(['simulate', 'explore', '--rounds', '200', '--items', '30', '--json'], io(out))).toBe(0);
    const r = JSON.parse(out[0]!) as { simulated: boolean; policies: Record<string, unknown> };
    expect(r.simulated).toBe(true);
    expect(Object.keys(r.policies)).toEqual(['merchant', 'greedy', 'explore']);
    const text: string[] = [];
    expect(await runCli(['simulate', 'explore', '--rounds', '100', '--items', '20'], io(text))).toBe(0);
    expect(text[0]).toMatch(/^SIMULATED/);
    const err: string[] = [];
    expect(await runCli(['simulate', 'explore', '--share', '2'], io([], err))).toBe(2);
    expect(err.join('\n')).toMatch(/--share must be a number 0\.\.1[\s\S]*usage: reshelf simulate explore/);
    // The other `simulate` command still answers its own flags.
    const other: string[] = [];
    expect(await runCli(['simulate', '--help'], io(other))).toBe(0);
    expect(other.join('\n')).toMatch(/--shoppers/);
  });
});
