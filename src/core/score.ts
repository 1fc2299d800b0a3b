/**
 * The one scorer behind every ranking: `rank()` orders tiles with it, and the offline
 * evaluation ranks the whole catalogue with it. Pure.
 *
 * score(item) = similarity · Σ_h w_h · sim(h → item)      (recency-weighted neighbourhood mix)
 *             + revisit · w_item                           (the item is in the shopper's own history)
 *             + category · affinity(category(item))
 *             + intent · Σ_l intent(l) · labels(item)(l)       (text intent, on-device model)
 *             + prior · clickPrior(item)                   (aggregate, position-corrected, 0..1)
 */
import { intentMatch } from './intent';
import type { ItemId } from './types';

export interface ScoreWeights {
  /** Item-to-item similarity with recent items. */
  similarity: number;
  /** Items the shopper already looked at (re-visits are a strong signal in session logs). */
  revisit: number;
  /** Category affinity from the profile. */
  category: number;
  /** Aggregate click prior, a tie-breaker among items nothing else speaks for. */
  prior: number;
  /** Match of the tile's taxonomy labels with the shopper's current text intent. */
  intent: number;
}

export type NeighbourSlice = Readonly<Record<ItemId, ReadonlyArray<readonly [ItemId, number]>>>;

/** Behaviour part of the score for every item it touches: the neighbourhood mix plus re-visits. */
export function behaviourScores(history: ReadonlyArray<readonly [ItemId, number]>, neighbors: NeighbourSlice, w: Pick<ScoreWeights, 'similarity' | 'revisit'>, into: Map<ItemId, number> = new Map()): Map<ItemId, number> {
  for (const [h, hw] of history) {
    if (w.revisit !== 0) into.set(h, (into.get(h) ?? 0) + w.revisit * hw);
    const list = neighbors[h];
    if (!list || w.similarity === 0) continue;
    for (const [to, sim] of list) {
      if (to === h) continue;
      into.set(to, (into.get(to) ?? 0) + w.similarity * hw * sim);
    }
  }
  return into;
}

/** The shopper's current intent and one item's taxonomy labels. */
export interface IntentContext {
  current: ReadonlyMap<string, number>;
  labels: Readonly<Record<string, number>> | undefined;
}

/** The full score of one item, given the behaviour scores of the current history. */
export function itemScore(id: ItemId, category: string | undefined, behaviour: ReadonlyMap<ItemId, number>, affinity: ReadonlyMap<string, number>, prior: Readonly<Record<ItemId, number>> | undefined, w: ScoreWeights, intent?: IntentContext): number {
  let score = behaviour.get(id) ?? 0;
  if (category) score += (affinity.get(category) ?? 0) * w.category;
  if (intent && w.intent !== 0) score += intentMatch(intent.current, intent.labels) * w.intent;
  if (prior) score += (prior[id] ?? 0) * w.prior;
  return score;
}

/**
 * Top `n` of the whole catalogue: the items the behaviour scores touch, topped up by the prior
 * (`byPrior` lists the catalogue best prior first; only its head can matter).
 */
export function topItems(n: number, behaviour: ReadonlyMap<ItemId, number>, prior: Readonly<Record<ItemId, number>> | undefined, byPrior: readonly ItemId[], w: ScoreWeights): Array<[ItemId, number]> {
  const affinity = new Map<string, number>();
  const scored = new Map<ItemId, number>();
  for (const id of behaviour.keys()) scored.set(id, itemScore(id, undefined, behaviour, affinity, prior, w));
  for (let i = 0; i < byPrior.length && i < n; i++) {
    const id = byPrior[i]!;
    if (!scored.has(id)) scored.set(id, itemScore(id, undefined, behaviour, affinity, prior, w));
  }
  return [...scored].sort((a, b) => b[1] - a[1] || (prior ? (prior[b[0]] ?? 0) - (prior[a[0]] ?? 0) : 0) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, n);
}
