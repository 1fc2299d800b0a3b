import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { confusionMatrix, labelSet, scoreClassification } from './metrics';

describe('text metrics', () => {
  it('scores a hand-checked case', () => {
    // truth a a a b b c; predicted a a b b c c
    const s = scoreClassification(['a', 'a', 'a', 'b', 'b', 'c'], ['a', 'a', 'b', 'b', 'c', 'c']);
    expect(s.n).toBe(6);
    expect(s.accuracy).toBeCloseTo(4 / 6, 12);
    expect(s.confusion).toEqual({ labels: ['a', 'b', 'c'], matrix: [[2, 1, 0], [0, 1, 1], [0, 0, 1]] });
    expect(s.perClass.a).toEqual({ precision: 1, recall: 2 / 3, f1: 0.8, support: 3, predicted: 2 });
    expect(s.perClass.b!.precision).toBe(0.5);
    expect(s.perClass.b!.recall).toBe(0.5);
    expect(s.perClass.c!.f1).toBeCloseTo(2 / 3, 12);
    expect(s.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 12);
  });
  it('counts a predicted label the test set lacks (precision 0, recall 0)', () => {
    const s = scoreClassification(['a', 'a'], ['a', 'z']);
    expect(s.confusion.labels).toEqual(['a', 'z']);
    expect(s.perClass.z).toEqual({ precision: 0, recall: 0, f1: 0, support: 0, predicted: 1 });
    expect(s.macroF1).toBeCloseTo((2 / 3) / 2, 12);
  });
  it('orders labels by the given order, the rest sorted', () => {
    expect(labelSet(['x', 'b'], ['a', 'c'], ['c', 'b'])).toEqual(['c', 'b', 'a', 'x']);
    expect(() => confusionMatrix(['a'], ['b'], ['a'])).toThrow(/not among/);
    expect(() => confusionMatrix(['a'], [], ['a'])).toThrow(/1 labels, predictions 0/);
    expect(scoreClassification([], []).accuracy).toBeNaN();
  });
  it('holds its invariants on any predictions', () => {
    const label = fc.constantFrom('a', 'b', 'c', 'd');
    fc.assert(fc.property(fc.array(fc.tuple(label, label), { minLength: 1, maxLength: 60 }), (pairs) => {
      const truth = pairs.map((p) => p[0]);
      const pred = pairs.map((p) => p[1]);
      const s = scoreClassification(truth, pred);
      const cells = s.confusion.matrix.flat();
      expect(cells.reduce((a, b) => a + b, 0)).toBe(truth.length);
      const trace = s.confusion.matrix.reduce((a, row, i) => a + row[i]!, 0);
      expect(s.accuracy).toBeCloseTo(trace / truth.length, 12);
      expect(s.macroF1).toBeGreaterThanOrEqual(0);
      expect(s.macroF1).toBeLessThanOrEqual(1);
      for (const [l, c] of Object.entries(s.perClass)) {
        expect(c.support).toBe(truth.filter((t) => t === l).length);
        expect(c.predicted).toBe(pred.filter((p) => p === l).length);
        if (c.precision + c.recall > 0) expect(c.f1).toBeCloseTo((2 * c.precision * c.recall) / (c.precision + c.recall), 12);
      }
      const perfect = scoreClassification(truth, truth);
      expect([perfect.accuracy, perfect.macroF1]).toEqual([1, 1]);
    }));
  });
});
