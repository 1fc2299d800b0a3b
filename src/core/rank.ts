/**
 * Ranking: scores each tile with the shared scorer (core/score.ts) from the shopper's profile,
 * the similarity slice and the aggregate prior, then places the tiles around merchandising constraints. Pure and synchronous; the worker, the
 * page fallback and the offline evaluation all run this same function.
 *
 * Two steps, so a caller needing several placements of the same tiles (the worker: the order to
 * apply now around seen tiles, and the one cached for the next visit) scores only once:
 * `scoreTiles()` (the costly part) then `placeTiles()` per placement. `rank()` is both.
 */
import { explore as exploreSlots, type ExploreOptions } from './explore';
import { placeAroundLocked } from './placement';
import { blendClearance } from './inventory';
import { currentIntent, intentMatch, strongestShared } from './intent';
import { categoryAffinity, DEFAULT_PROFILE_SETTINGS, recentWeights, type RecencySettings } from './profile';
import { behaviourScores, itemScore, type ScoreWeights } from './score';
import type { ItemId, Profile, RankResult, Reason, ScoredTile, Tile } from './types';

export interface RankWeights extends ScoreWeights {
  /** Weight of item-to-item similarity with recent items. @defaultValue 1 */
  similarity: number;
  /** Weight of items already in the shopper's history (re-visits; tuned 0.6 → 1.5 on both splits). @defaultValue 1.5 */
  revisit: number;
  /** Weight of category affinity. @defaultValue 0.6 */
  category: number;
  /**
   * Weight of the aggregate click prior (`RankInput.prior`). Off by default: in the 50-candidate
   * replay even 0.005 cost ~1.5 points NDCG@10 (candidates are sampled by popularity). @defaultValue 0
   */
  prior: number;
  /** Weight of the match with the shopper's current text intent (search box, chat). @defaultValue 1.2 */
  intent: number;
  /** Weight of the merchant's own order, the tie-breaker when nothing else is known. @defaultValue 0.05 */
  merchant: number;
  /**
   * The merchant's objective between relevance (0) and clearing stock (1): the score becomes
   * (1 − clearance)·relevance + clearance·pressure (core/inventory.ts). @defaultValue 0
   */
  clearance: number;
}

export const DEFAULT_WEIGHTS: RankWeights = { similarity: 1, revisit: 1.5, category: 0.6, prior: 0, intent: 1.2, merchant: 0.05, clearance: 0 };

export interface RankInput {
  tiles: readonly Tile[];
  profile: Profile;
  /** Neighbours of history items (a similarity slice). */
  neighbors: Readonly<Record<ItemId, ReadonlyArray<readonly [ItemId, number]>>>;
  now: number;
  /** Tiles that must not move (e.g. already seen by the shopper). */
  locked?: ReadonlySet<ItemId> | undefined;
  weights?: Partial<RankWeights> | undefined;
  halfLifeMs?: number | undefined;
  /** History items considered. @defaultValue 10 */
  maxHistory?: number | undefined;
  /** How history items are weighted by recency and strength. */
  recency?: RecencySettings | undefined;
  /** Aggregate click prior per item in 0..1 (position-bias corrected); absent items count 0. */
  prior?: Readonly<Record<ItemId, number>> | undefined;
  /** Clearance pressure per item in -1..1 (core/inventory.ts), used when `weights.clearance` > 0. */
  pressure?: Readonly<Record<ItemId, number>> | undefined;
  /** Exploration (core/explore.ts): off unless given; without it the order is purely by score. */
  explore?: ExploreOptions | undefined;
}

/** What `placeTiles()` needs: scored tiles (to = from) and the in-stock-by-score, then sold-out, order. */
export interface ScoredTiles {
  ids: readonly ItemId[];
  tiles: readonly ScoredTile[];
  /** Ids by score (merchant order breaks ties), sold-out tiles last in merchant order. */
  byScore: readonly ItemId[];
  pinned: ReadonlySet<ItemId>;
  soldOut: ReadonlySet<ItemId>;
  /** No id appears twice (the common case, which allows a faster placement). */
  unique: boolean;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** Scores every tile with its reasons; no placement yet. */
export function scoreTiles(input: Omit<RankInput, 'locked' | 'explore'>): ScoredTiles {
  const w = { ...DEFAULT_WEIGHTS, ...input.weights };
  const halfLife = input.halfLifeMs ?? DEFAULT_PROFILE_SETTINGS.halfLifeMs;
  const affinity = categoryAffinity(input.profile, input.now, halfLife);
  const history = recentWeights(input.profile, input.now, halfLife, { maxHistory: input.maxHistory, ...input.recency });
  const behaviour = behaviourScores(history, input.neighbors, w);
  const historyWeight = new Map(history);
  const intent = currentIntent(input.profile, input.now);

  // For the reasons only: tile → [(history item, its share of the similarity score)].
  const simTo = new Map<ItemId, Array<[ItemId, number]>>();
  for (const [h, hw] of history) {
    for (const [to, sim] of input.neighbors[h] ?? []) {
      if (to === h) continue;
      let list = simTo.get(to);
      if (!list) simTo.set(to, (list = []));
      list.push([h, sim * hw * w.similarity]);
    }
  }

  const n = input.tiles.length;
  // The merchant's slot, not the current one: the prior must not drift as reshelf moves tiles.
  const merchantAt = input.tiles.map((t, i) => t.merchantIndex ?? i);
  const maxAt = Math.max(1, ...merchantAt);
  // Sorting uses the unrounded score; the rounded one is for display.
  const raw = new Float64Array(n);
  const scored: ScoredTile[] = input.tiles.map((tile, i) => {
    const reasons: Reason[] = [];
    let score = itemScore(tile.id, tile.category, behaviour, affinity, input.prior, w, intent.size > 0 ? { current: intent, labels: tile.labels } : undefined);
    const sims = simTo.get(tile.id);
    if (sims) {
      sims.sort((a, b) => b[1] - a[1]);
      for (const [to, v] of sims.slice(0, 3)) reasons.push({ kind: 'similar', to, score: round(v) });
    }
    const seen = historyWeight.get(tile.id);
    if (seen && w.revisit) reasons.push({ kind: 'recent', score: round(seen * w.revisit) });
    const cat = tile.category ? affinity.get(tile.category) : undefined;
    if (cat && tile.category) reasons.push({ kind: 'category', category: tile.category, score: round(cat * w.category) });
    const shared = intent.size > 0 && w.intent ? strongestShared(intent, tile.labels) : undefined;
    if (shared) reasons.push({ kind: 'intent', label: shared, score: round(intentMatch(intent, tile.labels) * w.intent) });
    const p = input.prior?.[tile.id];
    if (p && w.prior) reasons.push({ kind: 'popular', score: round(p * w.prior) });
    const pressure = input.pressure?.[tile.id] ?? 0;
    if (w.clearance > 0) {
      const before = score;
      score = blendClearance(score, pressure, w.clearance);
      if (pressure !== 0) reasons.push({ kind: 'inventory', pressure, score: round(score - before) });
    }
    const merchant = w.merchant * (n > 1 ? 1 - merchantAt[i]! / maxAt : 1);
    score += merchant;
    reasons.push({ kind: 'merchant-order', position: merchantAt[i]!, score: round(merchant) });
    if (tile.pinned) reasons.unshift({ kind: 'pinned', position: i });
    if (tile.stock === 0) reasons.unshift({ kind: 'sold-out' });
    raw[i] = score;
    return { id: tile.id, score: round(score), from: i, to: i, reasons };
  });

  const pinned = new Set<ItemId>();
  const soldOut = new Set<ItemId>();
  const sold = new Uint8Array(n);
  const ids: ItemId[] = new Array<ItemId>(n);
  const distinct = new Set<ItemId>();
  input.tiles.forEach((t, i) => {
    ids[i] = t.id;
    distinct.add(t.id);
    if (t.pinned) pinned.add(t.id);
    if (t.stock === 0) { soldOut.add(t.id); sold[i] = 1; }
  });

  // In-stock tiles by score (merchant order breaks ties), then sold-out tiles in merchant order.
  // Sorting indices over typed arrays: this sort is most of rank()'s cost at 200 tiles.
  const byIndex = Array.from({ length: n }, (_, i) => i).sort((a, b) => sold[a]! - sold[b]! || raw[b]! - raw[a]! || merchantAt[a]! - merchantAt[b]! || a - b);
  return { ids, tiles: scored, byScore: byIndex.map((i) => ids[i]!), pinned, soldOut, unique: distinct.size === n };
}

/**
 * Places scored tiles around locked ones (pinned tiles are always locked), optionally giving a
 * share of the free slots to exploration. Cheap; does not modify `scored`.
 */
export function placeTiles(scored: ScoredTiles, locked?: ReadonlySet<ItemId>, explore?: ExploreOptions): RankResult {
  const fixed = locked && locked.size > 0 ? new Set([...scored.pinned, ...locked]) : scored.pinned;
  let order = scored.unique ? placeUnique(scored.ids, scored.byScore, fixed) : placeAroundLocked(scored.ids, scored.byScore, fixed);
  let explored: ReturnType<typeof exploreSlots>['explored'] | undefined;
  if (explore) ({ order, explored } = exploreSlots(order, fixed, scored.soldOut, explore));
  const pos = new Map<ItemId, number>();
  order.forEach((id, i) => { if (!pos.has(id)) pos.set(id, i); });
  const tiles = scored.tiles.map((s): ScoredTile => {
    const draw = explored?.get(s.id);
    const reasons: Reason[] = draw ? [{ kind: 'explore', score: round(draw.sample), mean: round(draw.mean) }, ...s.reasons] : s.reasons;
    return { ...s, to: pos.get(s.id) ?? s.from, reasons };
  });
  return { order, tiles };
}

/** placeAroundLocked() for the common case where ids are unique and `ranked` is a permutation of `ids`: same result, less work. */
function placeUnique(ids: readonly ItemId[], ranked: readonly ItemId[], fixed: ReadonlySet<ItemId>): ItemId[] {
  const queue = fixed.size === 0 ? ranked : ranked.filter((id) => !fixed.has(id));
  let next = 0;
  return ids.map((id) => (fixed.has(id) ? id : queue[next++]!));
}

export function rank(input: RankInput): RankResult {
  return placeTiles(scoreTiles(input), input.locked, input.explore);
}

/** The merchant order unchanged, with the reason (control arm, failures). */
export function merchantOrder(tiles: readonly Tile[], reason: Reason = { kind: 'holdout' }): RankResult {
  return {
    order: tiles.map((t) => t.id),
    tiles: tiles.map((t, i) => ({ id: t.id, score: 0, from: i, to: i, reasons: [reason] })),
  };
}
