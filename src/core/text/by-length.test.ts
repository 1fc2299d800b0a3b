import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accuracyByLength } from './by-length';

describe('accuracy by text length', () => {
  it('splits rows by length into equal groups and scores each side per group', () => {
    const texts = ['aaaa', 'a', 'aaa', 'aa', '好好', '好好好好好'];
    const truth = ['x', 'x', 'y', 'y', 'x', 'y'];
    const model = ['x', 'y', 'y', 'y', 'y', 'y'];
    const groups = accuracyByLength(texts, truth, { model, baseline: truth }, 3);
    // lengths 4 1 3 2 2 5 → order: a(1), aa(2), 好好(2), aaa(3), aaaa(4), 好好好好好(5)
    expect(groups).toEqual([
      { minChars: 1, maxChars: 2, n: 2, accuracy: { model: 0.5, baseline: 1 } },
      { minChars: 2, maxChars: 3, n: 2, accuracy: { model: 0.5, baseline: 1 } },
      { minChars: 4, maxChars: 5, n: 2, accuracy: { model: 1, baseline: 1 } },
    ]);
  });
  it('counts characters, not UTF-16 units, and never makes an empty group', () => {
    expect(accuracyByLength(['𠀀𠀀'], ['a'], { m: ['a'] }, 4)).toEqual([{ minChars: 2, maxChars: 2, n: 1, accuracy: { m: 1 } }]);
    expect(accuracyByLength([], [], { m: [] })).toEqual([]);
  });
  it('rejects mismatched inputs and a bad group count', () => {
    expect(() => accuracyByLength(['a'], ['a'], { m: [] })).toThrow(/m has 0 predictions for 1 rows/);
    expect(() => accuracyByLength(['a', 'b'], ['a'], { m: ['a'] })).toThrow(/2 texts for 1 labels/);
    expect(() => accuracyByLength(['a'], ['a'], { m: ['a'] }, 0)).toThrow(/positive integer/);
  });
  it('covers every row once, in length order, and averages back to the overall accuracy', () => {
    const row = fc.record({ text: fc.string({ maxLength: 12 }), truth: fc.constantFrom('a', 'b'), pred: fc.constantFrom('a', 'b') });
    fc.assert(fc.property(fc.array(row, { maxLength: 50 }), fc.integer({ min: 1, max: 7 }), (rows, k) => {
      const groups = accuracyByLength(rows.map((r) => r.text), rows.map((r) => r.truth), { m: rows.map((r) => r.pred) }, k);
      expect(groups.reduce((a, g) => a + g.n, 0)).toBe(rows.length);
      expect(groups.length).toBe(Math.min(k, rows.length));
      for (const g of groups) expect(g.n).toBeGreaterThanOrEqual(Math.floor(rows.length / k));
      for (let i = 1; i < groups.length; i++) expect(groups[i]!.minChars).toBeGreaterThanOrEqual(groups[i - 1]!.maxChars);
      const right = groups.reduce((a, g) => a + g.accuracy.m! * g.n, 0);
      expect(right).toBeCloseTo(rows.filter((r) => r.truth === r.pred).length, 9);
    }));
  });
});
