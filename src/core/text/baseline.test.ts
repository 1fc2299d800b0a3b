import { describe, expect, it } from 'vitest';
import { seededRng } from '../rng';
import { trainBaseline } from './baseline';
import { DEFAULT_TFIDF } from './tfidf';

const TFIDF = { ...DEFAULT_TFIDF, minDf: 1, hashBits: 18 };

/** A toy corpus: each class has its own vocabulary plus shared noise words. */
function corpus(n: number, seed: number) {
  const rng = seededRng(seed);
  const vocab: Record<string, string[]> = {
    phones: ['iphone', 'android', 'screen', 'battery', '手机', '屏幕'],
    books: ['novel', 'author', 'chapter', 'story', '作者', '小说'],
    travel: ['hotel', 'flight', 'room', 'booking', '酒店', '房间'],
  };
  const noise = ['the', 'very', 'good', 'bad', '很', '好'];
  const pick = (xs: string[]) => xs[Math.floor(rng() * xs.length)]!;
  const texts: string[] = [];
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const label = pick(Object.keys(vocab));
    texts.push([pick(vocab[label]!), pick(noise), pick(vocab[label]!), pick(noise)].join(' '));
    labels.push(label);
  }
  return { texts, labels };
}

describe('TF-IDF baseline', () => {
  const train = corpus(300, 1);
  const test = corpus(100, 2);
  for (const kind of ['lr', 'nb'] as const) {
    it(`${kind} learns a separable toy task`, () => {
      const model = trainBaseline(train.texts, train.labels, { kind, tfidf: TFIDF }, ['travel', 'phones', 'books']);
      expect(model.labels).toEqual(['travel', 'phones', 'books']);
      const pred = model.predict(test.texts);
      const correct = pred.filter((p, i) => p === test.labels[i]).length;
      expect(correct / test.texts.length).toBeGreaterThan(0.95);
    });
    it(`${kind} scores: one per label, and their argmax is the prediction`, () => {
      const model = trainBaseline(train.texts, train.labels, { kind, tfidf: TFIDF });
      const pred = model.predict(test.texts);
      model.scores(test.texts).forEach((s, i) => {
        expect(s).toHaveLength(model.labels.length);
        expect(model.labels[s.indexOf(Math.max(...s))]).toBe(pred[i]);
      });
    });
    it(`${kind} probabilities: the softmax of the scores, summing to 1`, () => {
      const model = trainBaseline(train.texts, train.labels, { kind, tfidf: TFIDF });
      const scores = model.scores(test.texts);
      model.probabilities(test.texts).forEach((p, i) => {
        const s = scores[i]!;
        expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        // Ratios of probabilities are exp of score differences.
        for (let c = 1; c < p.length; c++) expect(Math.log(p[c]! / p[0]!)).toBeCloseTo(s[c]! - s[0]!, 9);
      });
    });
  }
  it('reproduces with the same seed', () => {
    const a = trainBaseline(train.texts, train.labels, { seed: 7 }).predict(test.texts);
    const b = trainBaseline(train.texts, train.labels, { seed: 7 }).predict(test.texts);
    expect(a).toEqual(b);
  });
  it('handles one class and rejects bad input', () => {
    expect(trainBaseline(['a', 'b'], ['x', 'x']).predict(['c'])).toEqual(['x']);
    expect(() => trainBaseline([], [])).toThrow(/no training texts/);
    expect(() => trainBaseline(['a'], [])).toThrow(/1 texts but 0 labels/);
  });
});
