import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeAroundLocked } from '../src/core/placement';

const ids = fc.uniqueArray(fc.stringMatching(/^[a-z0-9]{1,4}$/), { maxLength: 40 });

describe('placeAroundLocked', () => {
  it('fills free slots in ranked order and keeps locked tiles in place', () => {
    expect(placeAroundLocked(['a', 'b', 'c', 'd'], ['d', 'c', 'b', 'a'], new Set(['b']))).toEqual(['d', 'b', 'c', 'a']);
  });
  it('is a permutation, never moves a locked tile, and follows the ranking among free tiles (property)', () => {
    fc.assert(
      fc.property(ids, fc.func(fc.boolean()), fc.func(fc.integer()), (current, isLocked, key) => {
        const locked = new Set(current.filter((id) => isLocked(id)));
        const ranked = [...current].sort((a, b) => key(a) - key(b) || (a < b ? -1 : 1));
        const out = placeAroundLocked(current, ranked, locked);
        expect([...out].sort()).toEqual([...current].sort());
        current.forEach((id, i) => { if (locked.has(id)) expect(out[i]).toBe(id); });
        expect(out.filter((id) => !locked.has(id))).toEqual(ranked.filter((id) => !locked.has(id)));
      }),
    );
  });
  it('leaves repeated ids where they are instead of losing a tile', () => {
    expect(placeAroundLocked(['a', 'x', 'b', 'x'], ['b', 'a'], new Set())).toEqual(['b', 'x', 'a', 'x']);
  });
});
