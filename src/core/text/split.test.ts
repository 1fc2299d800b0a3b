import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitBucket, splitOf } from './split';

describe('split rule', () => {
  it('is sha256("reshelf-split:" + text), first 8 hex digits, mod 20', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
      const h = parseInt(createHash('sha256').update(`reshelf-split:${text}`, 'utf8').digest('hex').slice(0, 8), 16);
      expect(splitBucket(text)).toBe(h % 20);
      expect(splitOf(text)).toBe(h % 20 <= 1 ? 'test' : h % 20 === 2 ? 'dev' : 'train');
    }), { numRuns: 200 });
  });
  it('gives about 10% test, 5% dev and 85% train, the same side for the same text', () => {
    const counts = { train: 0, dev: 0, test: 0 };
    for (let i = 0; i < 20_000; i++) counts[splitOf(`review number ${i}`)]++;
    expect(counts.test / 20_000).toBeCloseTo(0.1, 1);
    expect(counts.dev / 20_000).toBeCloseTo(0.05, 1);
    expect(splitOf('好评')).toBe(splitOf('好评'));
  });
});
