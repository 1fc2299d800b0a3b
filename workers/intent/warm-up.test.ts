import { describe, expect, it } from 'vitest';
import type { TextModel } from './text-model';
import { warmUp } from './warm-up';

function model(msPerRun: number, clock: { t: number }, log: string[]): TextModel {
  return {
    spec: { heads: [], maxLength: 8, width: 0 },
    device: 'wasm',
    threads: 1,
    lastQueryAt: () => -Infinity,
    classify: async (texts) => {
      clock.t += msPerRun;
      log.push(texts[0]!);
      return [];
    },
  };
}

describe('warmUp', () => {
  it('stops at the run limit', async () => {
    const clock = { t: 0 };
    const log: string[] = [];
    expect(await warmUp(model(1, clock, log), { runs: 8, budgetMs: 1000 }, () => clock.t)).toBe(8);
    expect(new Set(log).size).toBe(6); // cycles through zh and en samples of several lengths
  });

  it('stops when the time budget is spent', async () => {
    const clock = { t: 0 };
    expect(await warmUp(model(100, clock, []), { runs: 100, budgetMs: 250 }, () => clock.t)).toBe(3);
  });

  it('in the background, waits while the shopper is typing and gives up after untilMs', async () => {
    const clock = { t: 0 };
    const now = () => (clock.t += 10);
    const log: string[] = [];
    // A query came in "just now" at every look: nothing runs, and the loop ends at untilMs.
    const typing = { ...model(1, clock, log), lastQueryAt: () => clock.t };
    expect(await warmUp(typing, { runs: 5, budgetMs: 100, quietMs: 20, untilMs: 100 }, now)).toBe(0);
    expect(log).toEqual([]);
    expect(await warmUp(model(1, clock, log), { runs: 4, budgetMs: 100, quietMs: 20 }, () => clock.t)).toBe(4);
    // Background runs are single short texts, never the title batch.
    expect(log.every((t) => !t.startsWith('Stainless'))).toBe(true);
  });
});
