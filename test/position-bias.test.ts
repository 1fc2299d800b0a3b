import { describe, expect, it } from 'vitest';
import { clickPrior, correctedCounts, examinationAt, examinationCurve, type PositionCount } from '../src/core/position-bias';
import { seededRng } from '../src/core/rng';

describe('position-bias correction', () => {
  it('recovers a planted examination curve when items are shuffled across slots', () => {
    const truth = (p: number) => 1 / Math.pow(1 + p, 0.7);
    const ctr = Array.from({ length: 40 }, (_, i) => 0.02 + 0.1 * ((i * 37) % 40) / 40);
    const rng = seededRng(5);
    const rows: PositionCount[] = [];
    for (let round = 0; round < 4000; round++) {
      const order = ctr.map((_, i) => i).sort(() => rng() - 0.5);
      order.slice(0, 20).forEach((item, p) => rows.push({ itemId: `i${item}`, position: p, impressions: 1, clicks: rng() < ctr[item]! * truth(p) ? 1 : 0 }));
    }
    const curve = examinationCurve(rows);
    expect(curve[0]).toBe(1);
    for (let p = 1; p < curve.length; p++) expect(curve[p]!).toBeLessThanOrEqual(curve[p - 1]!);
    for (const p of [3, 9, 19]) expect(Math.abs(curve[p]! - truth(p))).toBeLessThan(0.12);
    // Corrected rates rank items by their true CTR far better than raw counts would be expected to.
    const prior = clickPrior(correctedCounts(rows, curve));
    const best = ctr.indexOf(Math.max(...ctr));
    expect(prior[`i${best}`]).toBeGreaterThan(0.75);
  });

  it('applies no correction without data at slot 0, and ignores rows not shown in a widget', () => {
    expect(examinationCurve([{ itemId: 'a', position: 3, impressions: 500, clicks: 20 }])).toEqual([]);
    expect(examinationAt([], 7)).toBe(1);
    expect(correctedCounts([{ itemId: 'a', position: -1, impressions: 9, clicks: 1 }, { itemId: 'a', position: 2, impressions: 10, clicks: 1 }], [1, 0.5])).toEqual({ a: [1, 5] });
  });

  it('pools thin slots with the slot above and floors the curve', () => {
    const curve = examinationCurve([
      { itemId: 'a', position: 0, impressions: 1000, clicks: 100 },
      { itemId: 'a', position: 1, impressions: 10, clicks: 5 },
      { itemId: 'a', position: 2, impressions: 1000, clicks: 0 },
    ]);
    expect(curve[1]).toBe(curve[0]);
    expect(curve[2]).toBe(0.05);
  });

  it('leaves rarely examined items out of the click prior', () => {
    expect(clickPrior({ a: [1, 2], b: [5, 50], c: [10, 50] })).toEqual({ b: 0.5, c: 1 });
  });
});
