import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRng } from '../rng';
import { cropSpan, dropClause, joinTexts, variantOf } from './augment';

describe('distillation variants', () => {
  it('a crop is a contiguous part of the text holding at least half of it (or the whole short text)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), fc.integer(), (text, seed) => {
      const crop = cropSpan(text, seededRng(seed));
      if (Array.from(text).length < 8) expect(crop).toBe(text);
      else expect(text.includes(crop) && crop.length > 0).toBe(true);
    }), { numRuns: 300 });
  });

  it('a crop of text without spaces holds 50–90% of its characters', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'好评差物流快慢便宜贵耳机'), minLength: 8, maxLength: 200 }), fc.integer(), (text, seed) => {
      const n = cropSpan(text, seededRng(seed)).length;
      expect(n).toBeGreaterThanOrEqual(Math.floor(text.length * 0.5));
      expect(n).toBeLessThanOrEqual(Math.ceil(text.length * 0.9));
    }), { numRuns: 300 });
  });

  it('leaving a clause out keeps the others whole and leaves exactly one out', () => {
    const text = '物流很快，包装完好。屏幕有点暗！客服态度一般';
    for (let seed = 0; seed < 20; seed++) {
      const out = dropClause(text, seededRng(seed));
      const clauses = ['物流很快，', '包装完好。', '屏幕有点暗！', '客服态度一般'];
      const kept = clauses.filter((c) => out.includes(c));
      expect(kept).toHaveLength(3);
      expect(out.length).toBe(kept.join('').length);
    }
  });

  it('spaces English clauses and joins, not Chinese ones', () => {
    expect(dropClause('Great sound. Battery died fast. Would not buy', seededRng(1)).split(' ').length).toBeGreaterThan(3);
    expect(joinTexts('好吃', '送餐慢')).toBe('好吃送餐慢');
    expect(joinTexts('Loved it. ', ' Broke in a week.')).toBe('Loved it. Broke in a week.');
  });

  it('a text without clause marks falls back to a crop', () => {
    const text = '这个耳机音质非常好而且很便宜值得购买';
    expect(text.includes(dropClause(text, seededRng(3)))).toBe(true);
  });

  it('is the same for the same seed, and joins only with the partners given', () => {
    const texts = ['第一条评论很好', '第二条评论很差', '第三条'];
    const a = variantOf(texts, 0, [2], 'join', seededRng(9));
    expect(a).toBe(variantOf(texts, 0, [2], 'join', seededRng(9)));
    expect(a).toBe('第一条评论很好第三条');
    expect(variantOf(texts, 1, [], 'join', seededRng(9))).toBe('第二条评论很差第二条评论很差');
  });
});
