import { describe, expect, it } from 'vitest';
import { latestWins } from './latest-wins';

describe('latestWins', () => {
  it('runs the first item, then only the newest of those queued meanwhile', async () => {
    const done: string[] = [];
    let release: (() => void) | undefined;
    const push = latestWins(async (s: string) => {
      await new Promise<void>((r) => (release = r));
      done.push(s);
    });
    push('h');
    push('he');
    push('hea');
    push('head');
    release!();
    await new Promise((r) => setTimeout(r, 0));
    release!();
    await new Promise((r) => setTimeout(r, 0));
    expect(done).toEqual(['h', 'head']);
  });

  it('keeps going after a failing item', async () => {
    const done: number[] = [];
    const push = latestWins(async (n: number) => {
      if (n === 1) throw new Error('boom');
      done.push(n);
    });
    push(1);
    await new Promise((r) => setTimeout(r, 0));
    push(2);
    await new Promise((r) => setTimeout(r, 0));
    expect(done).toEqual([2]);
  });
});
