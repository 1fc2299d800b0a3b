import { describe, expect, it } from 'vitest';
import { DAY_MS, dataStats, filterLog, filterTest, groupSessions, splitByTime, type Session } from './sessions';

const S = (id: string, items: string[], start = 0, step = 1000): Session => ({ id, items, times: items.map((_, i) => start + i * step) });

describe('sessions', () => {
  it('groups by session and orders clicks by time, file order breaking ties', () => {
    const s = groupSessions({ session: ['b', 'a', 'a', 'a'], item: ['x', 'p', 'q', 'r'], time: Float64Array.from([0, 20, 10, 10]) });
    expect(s.map((x) => x.id)).toEqual(['b', 'a']);
    expect(s[1]!.items).toEqual(['q', 'r', 'p']);
  });
  it('drops sessions of length 1 and items with too little support, then sessions left short', () => {
    const log = [S('1', ['a', 'b']), S('2', ['a', 'b', 'c']), S('3', ['a']), S('4', ['c', 'a'])];
    expect(filterLog(log, 1).map((s) => s.id)).toEqual(['1', '2', '4']);
    // support over sessions of length > 1: a 3, b 2, c 2
    expect(filterLog(log, 3).map((s) => s.items)).toEqual([]);
    expect(filterLog(log, 2).map((s) => s.items)).toEqual([['a', 'b'], ['a', 'b', 'c'], ['c', 'a']]);
  });
  it('keeps only test items known from train', () => {
    const test = filterTest([S('t1', ['a', 'z', 'b']), S('t2', ['z', 'a'])], [S('1', ['a', 'b'])]);
    expect(test.map((s) => s.items)).toEqual([['a', 'b']]);
  });
  it('splits by time: sessions ending in the last day(s) are test', () => {
    const log = [S('1', ['a', 'b'], 0), S('2', ['a', 'b'], 5 * DAY_MS), S('3', ['a', 'b'], 5.5 * DAY_MS)];
    const { train, test } = splitByTime(log, 1);
    expect(train.map((s) => s.id)).toEqual(['1']);
    expect(test.map((s) => s.id)).toEqual(['2', '3']);
  });
  it('counts prefixes, re-visits and repeats', () => {
    const st = dataStats([S('1', ['a', 'b'])], [S('t', ['a', 'b', 'b', 'a'])]);
    expect(st.testPrefixes).toBe(3);
    expect(st.revisitShare).toBeCloseTo(2 / 3, 3);
    expect(st.repeatShare).toBeCloseTo(1 / 3, 3);
  });
});
