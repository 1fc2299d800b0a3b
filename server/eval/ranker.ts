/**
 * reshelf itself, replayed through its production path: each training session becomes the
 * events the SDK would see, aggregated by `accumulate()`/`seal()` into the batches it would
 * send (item pairs with the SDK's gap weights, click counts); the backend's builder turns the
 * summed pairs into neighbours; per test prefix the shopper's profile is updated with
 * `applyEvent()`, the slice the server would serve is cut with `sliceNeighbours()` and the
 * ranking core scores with the same scorer `rank()` uses (full catalogue) or `rank()` itself
 * (50 candidate tiles).
 */
import { accumulate, emptyAccumulator, seal } from '../../src/core/aggregate';
import { applyEvent, emptyProfile, recentWeights, type RecencySettings } from '../../src/core/profile';
import type { PairCount } from '../../src/core/protocol';
import { DEFAULT_WEIGHTS, rank, type RankWeights } from '../../src/core/rank';
import { behaviourScores, topItems } from '../../src/core/score';
import { accumulatePairs, buildSimilarity, sliceNeighbours, type Neighbours, type SimilarityOptions } from '../../src/core/similarity';
import type { Profile, Tile } from '../../src/core/types';
import type { Catalogue, Encoded } from './encode';
import type { PrefixAnswer, Predictor } from './predictor';

export interface RankerOptions {
  similarity?: SimilarityOptions;
  weights?: Partial<RankWeights>;
  recency?: RecencySettings;
  /** Neighbours per history item in the slice (the worker asks for 30). @defaultValue 30 */
  sliceK?: number;
}

export const WORKER_SLICE_K = 30;

export interface TrainedRanker {
  neighbours: Neighbours;
  prior: Record<string, number>;
  byPrior: string[];
  pairs: number;
  batches: number;
}

/** Replays training sessions through the SDK aggregator and the server's similarity builder. */
export function trainRanker(train: Encoded, catalogue: Catalogue, options: RankerOptions = {}): TrainedRanker {
  const transitions = new Map<string, Map<string, number>>();
  const clicks = new Map<string, number>();
  let pairs = 0;
  let batches = 0;
  let n = 0;
  const newId = () => `eval-${n++}`;
  for (let s = 0; s + 1 < train.offsets.length; s++) {
    const acc = emptyAccumulator('eval');
    for (let i = train.offsets[s]!; i < train.offsets[s + 1]!; i++) {
      accumulate(acc, { type: 'click', itemId: catalogue.names[train.items[i]!]!, t: train.times[i]! });
    }
    for (const batch of seal(acc, 'treatment', newId).batches) {
      batches++;
      pairs += batch.pairs.length;
      accumulatePairs(batch.pairs as Iterable<PairCount>, transitions);
      for (const c of batch.items) clicks.set(c.itemId, (clicks.get(c.itemId) ?? 0) + c.clicks);
    }
  }
  const neighbours = buildSimilarity(transitions, options.similarity ?? {});
  // The aggregate click prior, scaled to 0..1 (no impressions in a replay, so no position correction).
  const max = Math.max(1, ...clicks.values());
  const prior: Record<string, number> = {};
  for (const [id, c] of clicks) prior[id] = c / max;
  const byPrior = [...clicks.keys()].sort((a, b) => clicks.get(b)! - clicks.get(a)! || (a < b ? -1 : 1)).slice(0, 100);
  return { neighbours, prior, byPrior, pairs, batches };
}

export function rankerPredictor(model: TrainedRanker, catalogue: Catalogue, options: RankerOptions = {}): Predictor & { elapsedMs: number } {
  const w: RankWeights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const sliceK = options.sliceK ?? WORKER_SLICE_K;
  let profile: Profile = emptyProfile(0);
  let upTo = 0;
  let current: Int32Array | null = null;
  const self = {
    name: 'reshelf',
    elapsedMs: 0,
    answer(items: Int32Array, times: Float64Array, length: number): PrefixAnswer {
      const t0 = performance.now();
      // Replays the session's clicks into the on-device profile, incrementally per prefix.
      if (items !== current || length < upTo) { current = items; upTo = 0; profile = emptyProfile(times[0]!); }
      for (; upTo < length; upTo++) profile = applyEvent(profile, { type: 'click', itemId: catalogue.names[items[upTo]!]!, t: times[upTo]! }, times[upTo]!);
      const now = times[length - 1]!;
      const history = recentWeights(profile, now, undefined, options.recency);
      const neighbors = sliceNeighbours(model.neighbours, history.map(([id]) => id), null, sliceK);
      const behaviour = behaviourScores(history, neighbors, w);
      const top = topItems(20, behaviour, model.prior, model.byPrior, w).map(([id]) => catalogue.id(id)!);
      self.elapsedMs += performance.now() - t0;
      return {
        top: (n) => top.slice(0, n),
        candidateRank(candidates, target) {
          const t1 = performance.now();
          // Replayed tiles carry no merchant order: every tile gets the same slot, so shuffled input order breaks ties.
          const tiles: Tile[] = candidates.map((c) => ({ id: catalogue.names[c]!, merchantIndex: 0 }));
          // The slice the server cuts for a campaign of exactly these items.
          const campaign = sliceNeighbours(model.neighbours, history.map(([id]) => id), new Set(tiles.map((t) => t.id)), sliceK);
          const order = rank({ tiles, profile, neighbors: campaign, now, weights: w, recency: options.recency, prior: model.prior }).order;
          self.elapsedMs += performance.now() - t1;
          return order.indexOf(catalogue.names[candidates[target]!]!) + 1;
        },
      };
    },
  };
  return self;
}
