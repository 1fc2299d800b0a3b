import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BucketList, DEFAULT_TFIDF, fitTfidf, termBuckets, transformTfidf, type TfidfOptions } from './tfidf';

const buckets = (text: string, options: TfidfOptions = DEFAULT_TFIDF) => {
  const list = new BucketList();
  termBuckets(text, options, list);
  return Array.from(list.data.subarray(0, list.length));
};
const half = 1 << DEFAULT_TFIDF.hashBits;
const words = (b: number[]) => b.filter((x) => x < half);
const chars = (b: number[]) => b.filter((x) => x >= half);

describe('TF-IDF terms', () => {
  it('counts word unigrams+bigrams and char_wb 3–5-grams for latin words', () => {
    const b = buckets('good case');
    expect(words(b)).toHaveLength(3); // good, case, "good case"
    // " good " has 6 characters: 4 trigrams + 3 four-grams + 2 five-grams; " case " the same.
    expect(chars(b)).toHaveLength(18);
    expect(buckets('x')).toHaveLength(2); // the word x and the trigram " x "
  });
  it('counts character 1–3-grams inside CJK runs, which break the word sequence', () => {
    const b = buckets('手机很好');
    expect(words(b)).toHaveLength(0);
    expect(chars(b)).toHaveLength(4 + 3 + 2);
    expect(words(buckets('iphone 手机 case'))).toHaveLength(2); // no bigram across the CJK run
    expect(chars(buckets('𠀀𠀁'))).toHaveLength(3); // astral characters stay whole
  });
  it('normalises case and full-width forms, and ignores punctuation', () => {
    expect(buckets('ＧＯＯＤ, Case!')).toEqual(buckets('good case'));
  });
  it('is deterministic and keeps word and character buckets apart', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
      const b = buckets(s);
      expect(buckets(s)).toEqual(b);
      for (const x of b) expect(x >= 0 && x < 2 * half).toBe(true);
    }), { numRuns: 200 });
  });
});

describe('TF-IDF vectors', () => {
  const docs = ['great phone, great battery', 'bad battery', 'great book', '很好的手机', '手机很差', 'great'];
  it('keeps terms in at least minDf documents, at most maxFeatures, word features first', () => {
    const all = fitTfidf(docs, { ...DEFAULT_TFIDF, minDf: 1 });
    const some = fitTfidf(docs, { ...DEFAULT_TFIDF, minDf: 2 });
    expect(some.idf.length).toBeLessThan(all.idf.length);
    expect(some.idf.length).toBeGreaterThan(0);
    expect(fitTfidf(docs, { ...DEFAULT_TFIDF, minDf: 1, maxFeatures: 5 }).idf.length).toBe(5);
    expect(all.charStart).toBeGreaterThan(0);
    expect(all.charStart).toBeLessThan(all.idf.length);
  });
  it('gives rows of norm 1 (each block half the weight), sorted indices, and empty rows for unknown text', () => {
    const model = fitTfidf(docs, { ...DEFAULT_TFIDF, minDf: 1 });
    const x = transformTfidf(model, [...docs, '!!!', 'zzzz qqqq']);
    for (let r = 0; r < docs.length; r++) {
      let norm = 0;
      let word = 0;
      for (let p = x.indptr[r]!; p < x.indptr[r + 1]!; p++) {
        norm += x.values[p]! ** 2;
        if (x.indices[p]! < model.charStart) word += x.values[p]! ** 2;
        if (p > x.indptr[r]!) expect(x.indices[p]!).toBeGreaterThan(x.indices[p - 1]!);
      }
      expect(norm).toBeCloseTo(1, 5);
      if (word > 0) expect(word).toBeCloseTo(0.5, 5);
    }
    expect(x.indptr[docs.length + 1]! - x.indptr[docs.length]!).toBe(0);
    expect(x.indptr[docs.length + 2]! - x.indptr[docs.length + 1]!).toBe(0);
  });
  it('weights by smoothed idf and sublinear tf', () => {
    const options: TfidfOptions = { ...DEFAULT_TFIDF, minDf: 1, latinCharNgrams: [9, 9] };
    const model = fitTfidf(['a b', 'a c', 'a d'], options);
    const x = transformTfidf(model, ['a a a b']);
    const feature = (word: string) => model.featureOf[words(buckets(word, options))[0]!]!;
    const value = (f: number) => x.values[Array.from(x.indices).indexOf(f)]!;
    // Word block: a (tf 3, df 3), b (tf 1, df 1), "a b" (tf 1, df 1); "a a" is not in the vocabulary.
    const wa = (1 + Math.log(3)) * (Math.log(4 / 4) + 1);
    const wb = Math.log(4 / 2) + 1;
    const scale = 1 / Math.sqrt((wa * wa + 2 * wb * wb) * 2);
    expect(value(feature('a'))).toBeCloseTo(wa * scale, 6);
    expect(value(feature('b'))).toBeCloseTo(wb * scale, 6);
  });
});
