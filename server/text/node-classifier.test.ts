import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadNodeClassifier, missingModelFiles } from './node-classifier';

/** The shipped model (or RESHELF_TEXT_MODEL); these tests skip until it exists. */
const MODEL = process.env.RESHELF_TEXT_MODEL ?? fileURLToPath(new URL('../../models/reshelf-intent', import.meta.url));
const haveModel = missingModelFiles(MODEL, 'q8') === null;

describe('Node text classifier', () => {
  it('says which files a model folder lacks', () => {
    expect(missingModelFiles('/nonexistent/model', 'q8')).toMatch(/no model at \/nonexistent\/model \(missing config\.json, tokenizer\.json, tokenizer_config\.json, onnx\/model_quantized\.onnx\)/);
    expect(missingModelFiles('/nonexistent/model', 'fp32')).toMatch(/onnx\/model\.onnx/);
  });
  it('rejects loading a missing model', async () => {
    await expect(loadNodeClassifier('/nonexistent/model')).rejects.toThrow(/no model at/);
  });
  it.skipIf(!haveModel)(`classifies into every head, in input order, reproducibly${haveModel ? '' : ' (SKIPPED: no model at models/reshelf-intent yet)'}`, async () => {
    const model = await loadNodeClassifier(MODEL, { batch: 2 });
    try {
      const texts = ['cheap bluetooth headphones', '便宜的无线耳机', 'where is my order', '这本书很好看', 'x'.repeat(5000)];
      const out = await model.classify(texts);
      expect(out).toHaveLength(texts.length);
      for (const c of out) {
        for (const head of model.spec.heads) {
          const h = c[head.name]!;
          expect(head.labels).toContain(h.label);
          expect(Object.values(h.probs).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
        }
      }
      expect(await model.classify(texts)).toEqual(out);
      // Texts of distinct lengths land in the same length-sorted batches whatever the input order.
      expect(await model.classify([...texts].reverse())).toEqual([...out].reverse());
    } finally {
      await model.dispose();
    }
  }, 60_000);
});
