import { describe, expect, it } from 'vitest';
import { prng } from '../seed';
import { hitAt, MetricSum, ndcgAt, rankInList, rrAt, sampleByPopularity } from './metrics';
import { rankCandidates } from './predictor';

describe('metrics', () => {
  it('hit, reciprocal rank and NDCG of a single relevant item', () => {
    expect([hitAt(1, 20), hitAt(20, 20), hitAt(21, 20), hitAt(0, 20)]).toEqual([1, 1, 0, 0]);
    expect(rrAt(4, 20)).toBe(0.25);
    expect(rrAt(0, 20)).toBe(0);
    expect(ndcgAt(1, 10)).toBe(1);
    expect(ndcgAt(3, 10)).toBeCloseTo(0.5, 10);
    expect(ndcgAt(11, 10)).toBe(0);
  });
  it('averages cases into fractions', () => {
    const m = new MetricSum();
    m.add(1, 1);
    m.add(0, 7);
    m.add(2, 3);
    m.add(25, 12);
    expect(m.result()).toEqual({ hr20: 0.5, mrr20: 0.375, cand50: { hr5: 0.5, ndcg10: expect.closeTo((1 + 1 / 3 + 0.5) / 4, 6), mrr: expect.closeTo((1 + 1 / 7 + 1 / 3 + 1 / 12) / 4, 6) } });
  });
  it('ranks with ties going to the earlier entry', () => {
    expect(rankInList([0.5, 0.9, 0.5, 0.1], 2)).toBe(3);
    expect(rankInList([0.5, 0.9, 0.5, 0.1], 0)).toBe(2);
    expect(rankCandidates([7, 8, 9], 1, (id) => (id === 9 ? 1 : 0))).toBe(3);
    expect(rankCandidates([7, 8, 9], 0, (id) => (id === 9 ? 1 : 0))).toBe(2);
  });
  it('samples distinct items by popularity, never the excluded one, reproducibly', () => {
    const cum = Float64Array.from([1, 2, 1002, 1003, 1004]); // item 2 is very popular
    const a = sampleByPopularity(cum, 3, 0, prng(7));
    expect(new Set(a).size).toBe(3);
    expect(a).not.toContain(0);
    expect(a).toContain(2);
    expect(sampleByPopularity(cum, 3, 0, prng(7))).toEqual(a);
    expect(sampleByPopularity(cum, 10, 0, prng(1)).sort()).toEqual([1, 2, 3, 4]);
  });
});
