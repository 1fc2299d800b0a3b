/**
 * One evaluation run: the same split, the same test cases and the same candidate sets for
 * reshelf and every baseline. Every prefix of every test session predicts its next click.
 */
import { prng } from '../seed';
import { itemKnn, mostPopular, sequentialRules } from './baselines';
import { Catalogue, encode, popularity } from './encode';
import { MetricSum, sampleByPopularity, type Metrics } from './metrics';
import type { Predictor } from './predictor';
import { rankerPredictor, trainRanker, type RankerOptions } from './ranker';
import { dataStats, filterTest, type DataStats, type Session } from './sessions';
import { vsknn } from './vsknn';

export const BASELINES = ['most-popular', 'item-knn', 'sr', 'v-sknn'] as const;
export type BaselineName = (typeof BASELINES)[number];

export interface EvalInput {
  train: readonly Session[];
  test: readonly Session[];
  /** Seed of the candidate sampling. @defaultValue 42 */
  seed?: number;
  /** Baselines to run. @defaultValue all */
  baselines?: readonly BaselineName[];
  ranker?: RankerOptions;
  /** Filters applied before the split, for the report. */
  filters?: Record<string, string | number>;
}

export interface EvalReport {
  ranker: Metrics;
  baselines: Partial<Record<BaselineName, Metrics>>;
  stats: DataStats & { pairsSent: number; batchesSent: number; itemsWithNeighbours: number; filters: Record<string, string | number> };
  timing: {
    /** Mean ms per ranked prefix (profile update, slice, full-catalogue top-20 and 50-tile rank()). */
    rankerMsPerPrefix: number;
    trainMs: Record<string, number>;
    evalMs: Record<string, number>;
    totalMs: number;
  };
}

export const CANDIDATES = 50;

export function evaluate(input: EvalInput): EvalReport {
  const started = performance.now();
  const test = filterTest(input.test, input.train);
  const stats = dataStats(input.train, test);
  const catalogue = new Catalogue();
  const train = encode(input.train, catalogue);
  const tst = encode(test, catalogue);
  const n = catalogue.size;
  const pop = popularity(train, n);
  const cum = new Float64Array(n);
  pop.reduce((s, c, i) => (cum[i] = s + c), 0);

  const trainMs: Record<string, number> = {};
  const timed = <T>(name: string, f: () => T): T => { const t = performance.now(); const r = f(); trainMs[name] = Math.round(performance.now() - t); return r; };
  const model = timed('reshelf', () => trainRanker(train, catalogue, input.ranker));
  const ranker = rankerPredictor(model, catalogue, input.ranker);
  const builders: Record<BaselineName, () => Predictor> = {
    'most-popular': () => mostPopular(train, n),
    'item-knn': () => itemKnn(train, n),
    sr: () => sequentialRules(train, n),
    'v-sknn': () => vsknn(train, n),
  };
  const names = input.baselines ?? BASELINES;
  const models: Predictor[] = [ranker, ...names.map((b) => timed(b, builders[b]))];
  const sums = models.map(() => new MetricSum());
  const evalMs = models.map(() => 0);

  const rand = prng(input.seed ?? 42);
  for (let s = 0; s + 1 < tst.offsets.length; s++) {
    const items = tst.items.subarray(tst.offsets[s]!, tst.offsets[s + 1]!);
    const times = tst.times.subarray(tst.offsets[s]!, tst.offsets[s + 1]!);
    for (let k = 1; k < items.length; k++) {
      const next = items[k]!;
      const candidates = sampleByPopularity(cum, CANDIDATES - 1, next, rand);
      const at = Math.floor(rand() * (candidates.length + 1));
      candidates.splice(at, 0, next);
      models.forEach((m, i) => {
        const t = performance.now();
        const answer = m.answer(items, times, k);
        const top = answer.top(20);
        let full = 0;
        for (let r = 0; r < top.length; r++) if (top[r] === next) { full = r + 1; break; }
        sums[i]!.add(full, answer.candidateRank(candidates, at));
        evalMs[i]! += performance.now() - t;
      });
    }
  }
  const metrics = Object.fromEntries(models.map((m, i) => [m.name, sums[i]!.result()]));
  return {
    ranker: metrics.reshelf!,
    baselines: Object.fromEntries(names.map((b) => [b, metrics[b]!])),
    stats: { ...stats, pairsSent: model.pairs, batchesSent: model.batches, itemsWithNeighbours: model.neighbours.size, filters: input.filters ?? {} },
    timing: {
      rankerMsPerPrefix: stats.testPrefixes ? Math.round((ranker.elapsedMs / stats.testPrefixes) * 1e4) / 1e4 : 0,
      trainMs,
      evalMs: Object.fromEntries(models.map((m, i) => [m.name, Math.round(evalMs[i]!)])),
      totalMs: Math.round(performance.now() - started),
    },
  };
}
