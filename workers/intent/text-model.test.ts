import { describe, expect, it } from 'vitest';
import type { TextModelSpec } from '../../src/core/text/heads';
import { createTextModel, type EncoderLike, type InputsLike, type TokenizerLike } from './text-model';

const spec: TextModelSpec = {
  heads: [
    { name: 'category', labels: ['audio', 'books', 'other'], offset: 0 },
    { name: 'sentiment', labels: ['negative', 'positive'], offset: 3 },
  ],
  maxLength: 16,
  width: 5,
};

/**
 * A fake model whose category logits favour label (length of the text mod 3). Its tokenizer
 * gives [CLS]=2, one id per character (its code), [SEP]=3.
 */
function fakes(log: string[] = []) {
  let seen: string[] = [];
  const batches: Array<{ ids: bigint[]; mask: bigint[]; dims: number[] }> = [];
  const tokenizer: TokenizerLike = (texts) => {
    seen = texts;
    log.push(`tok ${texts.length}`);
    return texts.map((t) => [2, ...[...t].map((c) => c.codePointAt(0)!), 3]);
  };
  const inputs: InputsLike = (b) => {
    batches.push({ ids: [...b.ids], mask: [...b.mask], dims: b.dims });
    return { input_ids: b.ids };
  };
  const encoder: EncoderLike = async () => {
    log.push('run start');
    await new Promise((r) => setTimeout(r, 5));
    log.push('run end');
    const data = seen.flatMap((t): number[] => [...[0, 1, 2].map((i) => (i === t.length % 3 ? 5 : 0)), 0, 3]);
    return { logits: { data, dims: [seen.length, 5] } };
  };
  return { tokenizer, inputs, encoder, seen: () => seen, batches: () => batches };
}

describe('createTextModel', () => {
  it('splits the logits into per-head probabilities, one row per text', async () => {
    const f = fakes();
    const model = createTextModel({ ...f, spec, device: 'wasm', threads: 1 });
    const [a, b] = await model.classify(['abc', 'a']);
    expect(a!.category!.label).toBe('audio');
    expect(b!.category!.label).toBe('books');
    expect(a!.sentiment!.label).toBe('positive');
    expect(Object.values(a!.category!.probs).reduce((x, y) => x + y, 0)).toBeCloseTo(1, 6);
  });

  it('cuts long text to its first half and its end, in characters before tokenising and in tokens after', async () => {
    const f = fakes();
    const model = createTextModel({ ...f, spec, device: 'wasm', threads: 1 });
    const text = `${'a'.repeat(5_000)}${'z'.repeat(5_000)}`;
    await model.classify([text, 'hi']);
    // 16 tokens × 8 characters kept: both ends of the text, joined by a space.
    expect(f.seen()[0]).toBe(`${'a'.repeat(64)} ${'z'.repeat(64)}`);
    const [batch] = f.batches();
    expect(batch!.dims).toEqual([2, 16]);
    const A = BigInt('a'.codePointAt(0)!);
    const Z = BigInt('z'.codePointAt(0)!);
    expect(batch!.ids.slice(0, 16)).toEqual([2n, ...Array<bigint>(7).fill(A), ...Array<bigint>(7).fill(Z), 3n]);
    expect(batch!.ids.slice(16)).toEqual([2n, BigInt('h'.codePointAt(0)!), BigInt('i'.codePointAt(0)!), 3n, ...Array<bigint>(12).fill(0n)]);
    expect(batch!.mask.slice(16)).toEqual([...Array<bigint>(4).fill(1n), ...Array<bigint>(12).fill(0n)]);
  });

  it('uses the tokenizer’s shorter max length when it has one', async () => {
    const f = fakes();
    const model = createTextModel({ ...f, spec, maxLength: 8, device: 'wasm', threads: 1 });
    await model.classify(['x'.repeat(100)]);
    expect(f.seen()[0]).toHaveLength(8 * 8 + 1);
    expect(f.batches()[0]!.dims).toEqual([1, 8]);
  });

  it('runs one inference at a time, even when callers do not wait', async () => {
    const log: string[] = [];
    const model = createTextModel({ ...fakes(log), spec, device: 'wasm', threads: 1 });
    await Promise.all([model.classify(['a']), model.classify(['bb']), model.classify(['ccc'])]);
    expect(log.filter((l) => l.startsWith('run'))).toEqual(['run start', 'run end', 'run start', 'run end', 'run start', 'run end']);
  });

  it('rejects logits of the wrong shape, and keeps working afterwards', async () => {
    let wrong = true;
    const f = fakes();
    const encoder: EncoderLike = async (inputs) => (wrong ? { logits: { data: [1, 2], dims: [1, 2] } } : f.encoder(inputs));
    const model = createTextModel({ tokenizer: f.tokenizer, inputs: f.inputs, encoder, spec, device: 'wasm', threads: 1 });
    await expect(model.classify(['a'])).rejects.toThrow(/expected \[1, 5\]/);
    wrong = false;
    expect(await model.classify(['a'])).toHaveLength(1);
    expect(await model.classify([])).toEqual([]);
  });
});
