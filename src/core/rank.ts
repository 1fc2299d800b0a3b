/**
 * Ranking v1: scores each tile from the shopper's profile and the similarity slice, then
 * places the tiles around merchandising constraints. Pure and synchronous; the worker, the
 * page fallback and the offline evaluation all run this same function.
 */
import { placeAroundLocked } from './placement';
import { categoryAffinity, DEFAULT_PROFILE_SETTINGS, historyWeights } from './profile';
import type { ItemId, Profile, RankResult, Reason, ScoredTile, Tile } from './types';

export interface RankWeights {
  /** Weight of item-to-item similarity with recent items. @defaultValue 1 */
  similarity: number;
  /** Weight of category affinity. @defaultValue 0.6 */
  category: number;
  /** Weight of the merchant's own order, the tie-breaker when nothing else is known. @defaultValue 0.05 */
  merchant: number;
}

export const DEFAULT_WEIGHTS: RankWeights = { similarity: 1, category: 0.6, merchant: 0.05 };

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
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

export function rank(input: RankInput): RankResult {
  const w = { ...DEFAULT_WEIGHTS, ...input.weights };
  const halfLife = input.halfLifeMs ?? DEFAULT_PROFILE_SETTINGS.halfLifeMs;
  const affinity = categoryAffinity(input.profile, input.now, halfLife);
  const history = historyWeights(input.profile, input.now, halfLife).slice(0, input.maxHistory ?? 10);
  const historyTotal = history.reduce((s, [, hw]) => s + hw, 0);

  // Invert the slice once: tile → [(history item, sim × history weight)].
  const simTo = new Map<ItemId, Array<[ItemId, number]>>();
  for (const [h, hw] of history) {
    for (const [to, sim] of input.neighbors[h] ?? []) {
      if (to === h) continue;
      let list = simTo.get(to);
      if (!list) simTo.set(to, (list = []));
      list.push([h, (sim * hw) / historyTotal]);
    }
  }

  const n = input.tiles.length;
  // The merchant's slot, not the current one: the prior must not drift as reshelf moves tiles.
  const merchantAt = input.tiles.map((t, i) => t.merchantIndex ?? i);
  const maxAt = Math.max(1, ...merchantAt);
  const scored: ScoredTile[] = input.tiles.map((tile, i) => {
    const reasons: Reason[] = [];
    let score = 0;
    const sims = simTo.get(tile.id);
    if (sims) {
      sims.sort((a, b) => b[1] - a[1]);
      const total = sims.reduce((s, [, v]) => s + v, 0) * w.similarity;
      score += total;
      for (const [to, v] of sims.slice(0, 3)) reasons.push({ kind: 'similar', to, score: round(v * w.similarity) });
    }
    const cat = tile.category ? affinity.get(tile.category) : undefined;
    if (cat && tile.category) {
      score += cat * w.category;
      reasons.push({ kind: 'category', category: tile.category, score: round(cat * w.category) });
    }
    const merchant = w.merchant * (n > 1 ? 1 - merchantAt[i]! / maxAt : 1);
    score += merchant;
    reasons.push({ kind: 'merchant-order', position: merchantAt[i]!, score: round(merchant) });
    if (tile.pinned) reasons.unshift({ kind: 'pinned', position: i });
    if (tile.stock === 0) reasons.unshift({ kind: 'sold-out' });
    return { id: tile.id, score: round(score), from: i, to: i, reasons };
  });

  const locked = new Set<ItemId>();
  for (const t of input.tiles) if (t.pinned) locked.add(t.id);
  for (const id of input.locked ?? []) locked.add(id);

  // In-stock tiles by score (merchant order breaks ties), then sold-out tiles in merchant order.
  const byScore = [...scored].sort((a, b) => {
    const soldA = input.tiles[a.from]!.stock === 0 ? 1 : 0;
    const soldB = input.tiles[b.from]!.stock === 0 ? 1 : 0;
    return soldA - soldB || b.score - a.score || merchantAt[a.from]! - merchantAt[b.from]! || a.from - b.from;
  });
  const order = placeAroundLocked(input.tiles.map((t) => t.id), byScore.map((s) => s.id), locked);
  const pos = new Map<ItemId, number>();
  order.forEach((id, i) => { if (!pos.has(id)) pos.set(id, i); });
  for (const s of scored) s.to = pos.get(s.id) ?? s.from;
  return { order, tiles: scored };
}

/** The merchant order unchanged, with the reason (control arm, failures). */
export function merchantOrder(tiles: readonly Tile[], reason: Reason = { kind: 'holdout' }): RankResult {
  return {
    order: tiles.map((t) => t.id),
    tiles: tiles.map((t, i) => ({ id: t.id, score: 0, from: i, to: i, reasons: [reason] })),
  };
}
