import { describe, expect, it } from 'vitest';
import type { TextModelSpec } from '../../src/core/text/heads';
import { createTextModel, type EncoderLike, type TokenizerLike } from './text-model';

const spec: TextModelSpec = {
  heads: [
    { name: 'category', labels: ['audio', 'books', 'other'], offset: 0 },
    { name: 'sentiment', labels: ['negative', 'positive'], offset: 3 },
  ],
  maxLength: 16,
  width: 5,
};

/** A fake model whose category logits favour label (length of the text mod 3). */
function fakes(log: string[] = []) {
  let seen: string[] = [];
  const tokenizer: TokenizerLike = (texts, options) => {
    seen = texts;
    log.push(`tok ${texts.length} max ${options.max_length} trunc ${options.truncation}`);
    return { input_ids: texts };
  };
  const encoder: EncoderLike = async () => {
    log.push('run start');
    await new Promise((r) => setTimeout(r, 5));
    log.push('run end');
    const data = seen.flatMap((t): number[] => [...[0, 1, 2].map((i) => (i === t.length % 3 ? 5 : 0)), 0, 3]);
    return { logits: { data, dims: [seen.length, 5] } };
  };
  return { tokenizer, encoder, seen: () => seen };
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

  it('truncates long text before tokenising and asks the tokenizer for the trained max length', async () => {
    const log: string[] = [];
    const f = fakes(log);
    const model = createTextModel({ ...f, spec, device: 'wasm', threads: 1 });
    await model.classify(['x'.repeat(10_000)]);
    expect(f.seen()[0]!.length).toBe(16 * 8);
    expect(log[0]).toBe('tok 1 max 16 trunc true');
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
    const model = createTextModel({ tokenizer: f.tokenizer, encoder, spec, device: 'wasm', threads: 1 });
    await expect(model.classify(['a'])).rejects.toThrow(/expected \[1, 5\]/);
    wrong = false;
    expect(await model.classify(['a'])).toHaveLength(1);
    expect(await model.classify([])).toEqual([]);
  });
});
