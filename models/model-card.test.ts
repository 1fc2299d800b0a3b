/**
 * The shipped model's metrics.json (written by `reshelf text card`) must be what the model
 * scores now on the held-out test splits: re-runs the model part (no baseline) with the same
 * dtype, batch size and thread count and compares every figure. Needs `reshelf text prepare` to have written
 * models/data/splits (not committed); skipped, with the reason in its title, otherwise.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeCard, type CardMetrics } from '../server/text/card';
import { loadNodeClassifier, type ModelDtype } from '../server/text/node-classifier';

/** RESHELF_TEXT_MODEL checks another model folder's card (e.g. a candidate before it ships). */
const MODEL = process.env.RESHELF_TEXT_MODEL ?? fileURLToPath(new URL('./reshelf-intent', import.meta.url));
const SPLITS = fileURLToPath(new URL('./data/splits', import.meta.url));
const METRICS = `${MODEL}/metrics.json`;

const haveSplits = existsSync(SPLITS);
const haveModel = existsSync(`${MODEL}/config.json`);
const reason = !haveSplits ? ' (SKIPPED: no models/data/splits; run `npx reshelf text prepare` first)' : !haveModel ? ' (SKIPPED: no models/reshelf-intent yet)' : '';

/** The ceiling for a shipped int8 model ("≤ 3 MB"), read as decimal megabytes: the stricter reading. */
const MAX_MODEL_BYTES = 3_000_000;

describe('model card', () => {
  it.skipIf(!haveModel)('the shipped int8 model is at most 3 MB', () => {
    const bytes = statSync(`${MODEL}/onnx/model_quantized.onnx`).size;
    expect(bytes, `onnx/model_quantized.onnx is ${bytes} B`).toBeLessThanOrEqual(MAX_MODEL_BYTES);
  });

  it.skipIf(!haveSplits || !haveModel)(`metrics.json matches the model on the test splits${reason}`, async () => {
    expect(existsSync(METRICS), 'models/reshelf-intent/metrics.json is missing: run `npx reshelf text card`').toBe(true);
    const card = JSON.parse(readFileSync(METRICS, 'utf8')) as CardMetrics;
    const classifier = await loadNodeClassifier(MODEL, { dtype: card.dtype as ModelDtype, batch: card.batch, threads: card.threads ?? 1 });
    try {
      const now = await computeCard({ classifier, splitsDir: SPLITS, baseline: null });
      expect(now.sources.map((e) => `${e.source}/${e.task}`)).toEqual(card.sources.map((e) => `${e.source}/${e.task}`));
      now.sources.forEach((e, i) => {
        const want = card.sources[i]!;
        const at = `${e.source}/${e.task}`;
        expect(e.n, at).toBe(want.n);
        expect(Math.abs(e.model.accuracy - want.model.accuracy), `${at} accuracy`).toBeLessThan(1e-9);
        expect(Math.abs(e.model.macroF1 - want.model.macroF1), `${at} macro-F1`).toBeLessThan(1e-9);
      });
      for (const [lang, tasks] of Object.entries(now.byLanguage)) {
        for (const [task, s] of Object.entries(tasks)) {
          const want = card.byLanguage[lang as 'zh' | 'en']?.[task as 'category' | 'sentiment'];
          expect(want, `${lang}/${task}`).toBeDefined();
          expect(s.n).toBe(want!.n);
          expect(Math.abs(s.model.accuracy - want!.model.accuracy), `${lang}/${task} accuracy`).toBeLessThan(1e-9);
          expect(Math.abs(s.model.macroF1 - want!.model.macroF1), `${lang}/${task} macro-F1`).toBeLessThan(1e-9);
        }
      }
    } finally {
      await classifier.dispose();
    }
  }, 180_000);
});
