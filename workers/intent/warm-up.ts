/**
 * Warm-up inferences after a load. V8 first runs onnxruntime's wasm with its baseline compiler
 * and re-compiles hot functions in the background for the next hundred-odd inferences; until
 * then single queries spike (measured here: p95 of the first 50 queries 39 ms cold vs 25 ms after
 * 100 warm-up runs, same model). So: a short warm-up before the model is reported ready (the
 * first, slowest runs), then more in the background while the shopper is not typing: a query
 * waits behind at most one short warm-up run. Bounded in runs and time.
 */
import type { TextModel } from './text-model';

const SAMPLES: readonly (readonly string[])[] = [
  ['cheap bluetooth headphones'],
  ['便宜的无线耳机'],
  ['Is there a discount on this 55 inch 4K smart TV if I order two before the sale ends tonight?'],
  ['这款手机的电池续航怎么样，支持快充吗？价格还能再便宜一点吗'],
  Array.from({ length: 8 }, (_, i) => `Stainless steel kitchen knife set, ${i + 6} pieces, with block`),
  ['running shoes'],
];

export interface WarmUpLimits {
  runs: number;
  /** Inference time to spend at most. */
  budgetMs: number;
  /** Background only: run only after this long without a shopper's query, and give up after `untilMs`. */
  quietMs?: number;
  untilMs?: number;
}

/** Before ready: the first runs (the slowest by far). */
export const WARM_UP: WarmUpLimits = { runs: SAMPLES.length, budgetMs: 800 };
/** After ready, in the background: single short texts only (a title batch would hold a query up). */
export const WARM_UP_BACKGROUND: WarmUpLimits = { runs: 120, budgetMs: 3000, quietMs: 300, untilMs: 30_000 };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs sample inferences until `runs` or `budgetMs` is spent; returns the number run. */
export async function warmUp(model: TextModel, limits: WarmUpLimits, now: () => number = () => performance.now()): Promise<number> {
  const samples = limits.quietMs === undefined ? SAMPLES : SAMPLES.filter((s) => s.length === 1);
  const start = now();
  let spent = 0;
  let runs = 0;
  while (runs < limits.runs && spent < limits.budgetMs && now() - start < (limits.untilMs ?? Infinity)) {
    if (limits.quietMs !== undefined) {
      // The shopper is typing: their queries warm the model up just as well.
      const quietFor = now() - model.lastQueryAt();
      if (quietFor < limits.quietMs) {
        await sleep(limits.quietMs - quietFor);
        continue;
      }
    }
    const t0 = now();
    await model.classify(samples[runs % samples.length]!, { warmUp: true });
    spent += now() - t0;
    runs++;
    await sleep(0);
  }
  return runs;
}
