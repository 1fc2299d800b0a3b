import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchFor, bertInputs, clipText, fitLength, inputLength, padBatch, untruncatedIds } from './fit-length';

describe('fitLength', () => {
  it('keeps ids that fit, else the first half and the end', () => {
    expect(fitLength([2, 5, 6, 3], 4)).toEqual([2, 5, 6, 3]);
    expect(fitLength([2, 10, 11, 12, 13, 14, 3], 4)).toEqual([2, 10, 14, 3]);
    expect(fitLength([2, 10, 11, 12, 13, 14, 3], 5)).toEqual([2, 10, 13, 14, 3]);
  });

  it('always returns min(len, max) ids: a prefix and a suffix of the input', () => {
    fc.assert(fc.property(fc.array(fc.nat(), { maxLength: 600 }), fc.integer({ min: 2, max: 512 }), (ids, max) => {
      const out = fitLength(ids, max);
      expect(out).toHaveLength(Math.min(ids.length, max));
      const head = ids.length <= max ? out.length : Math.floor(max / 2);
      expect(out.slice(0, head)).toEqual(ids.slice(0, head));
      expect(out.slice(head)).toEqual(ids.slice(ids.length - (out.length - head)));
      if (ids.length > 0 && ids.length >= 2) expect([out[0], out.at(-1)]).toEqual([ids[0], ids.at(-1)]);
    }));
  });
});

describe('clipText', () => {
  it('keeps short text, cuts long text to both ends', () => {
    expect(clipText('hello', 10)).toBe('hello');
    expect(clipText('abcdefghijkl', 6)).toBe('abc jkl');
  });

  it('never splits a surrogate pair and keeps about maxChars characters', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer({ min: 4, max: 120 }), (text, max) => {
      const out = clipText(text, max);
      if (text.length <= max) {
        expect(out).toBe(text);
        return;
      }
      expect(out.length).toBeLessThanOrEqual(max + 1);
      // No lone surrogate (a split pair) anywhere.
      expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      // The head and the end of the text, give or take the one character of a surrogate pair.
      const head = Math.floor(max / 2) - 1;
      const tail = max - Math.floor(max / 2) - 1;
      expect(out.startsWith(text.slice(0, head))).toBe(true);
      expect(out.endsWith(text.slice(text.length - tail))).toBe(true);
    }));
  });
});

describe('padBatch', () => {
  it('zero-pads rows to the longest, with a mask of the real ids', () => {
    const b = padBatch([[2, 7, 3], [2, 3]]);
    expect(b.dims).toEqual([2, 3]);
    expect([...b.ids]).toEqual([2n, 7n, 3n, 2n, 3n, 0n]);
    expect([...b.mask]).toEqual([1n, 1n, 1n, 1n, 1n, 0n]);
    expect([...b.types]).toEqual([0n, 0n, 0n, 0n, 0n, 0n]);
  });
});

describe('batchFor + bertInputs', () => {
  it('clips, tokenizes, cuts and pads; the three inputs share the batch shape', () => {
    const seen: string[][] = [];
    const tokenize = (texts: string[]) => (seen.push(texts), texts.map((t) => [2, ...[...t].map(() => 9), 3]));
    const b = batchFor(['x'.repeat(100), 'ab'], tokenize, 4);
    expect(seen[0]![0]).toBe(`${'x'.repeat(16)} ${'x'.repeat(16)}`);
    expect(b.dims).toEqual([2, 4]);
    expect([...b.ids]).toEqual([2n, 9n, 9n, 3n, 2n, 9n, 9n, 3n]);
    const inputs = bertInputs(b, (data, dims) => ({ n: data.length, dims }));
    expect(inputs).toEqual({ input_ids: { n: 8, dims: [2, 4] }, attention_mask: { n: 8, dims: [2, 4] }, token_type_ids: { n: 8, dims: [2, 4] } });
  });
});

describe('inputLength', () => {
  it('takes the tokenizer\'s limit only when it is a shorter positive number', () => {
    expect(inputLength(256, 128)).toBe(128);
    expect(inputLength(256, 512)).toBe(256);
    expect(inputLength(256, 1e30)).toBe(256);
    for (const missing of [undefined, null, 0, -5, Number.NaN, 'many']) expect(inputLength(256, missing)).toBe(256);
  });
});

describe('untruncatedIds', () => {
  it('asks the tokenizer for unpadded, untruncated ids and returns them per text', () => {
    const calls: unknown[] = [];
    const ids = untruncatedIds((texts, options) => {
      calls.push(options);
      return { input_ids: texts.map((t) => [2, t.length, 3]) };
    });
    expect(ids(['ab', 'cde'])).toEqual([[2, 2, 3], [2, 3, 3]]);
    expect(calls).toEqual([{ padding: false, truncation: false, return_tensor: false }]);
  });
});
