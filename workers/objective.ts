/**
 * The merchant's ranking objective (clearance, exploration) and its aggregates, fetched from
 * `GET /v1/campaigns/:id/objective` and validated before the ranking trusts it. Optional: any
 * failure leaves ranking on relevance alone.
 */
import type { ExploreOptions } from '../src/core/explore';
import { parseObjectiveSignals, type ObjectiveSignals } from '../src/core/protocol';
import type { RankWeights } from '../src/core/rank';
import type { Rng } from '../src/core/rng';
import type { ItemId } from '../src/core/types';

/** How long an objective is used before it is fetched again (the server recomputes each minute). */
export const OBJECTIVE_TTL_MS = 5 * 60_000;

export async function fetchObjective(endpoint: string, campaign: string, fetchImpl: typeof fetch, timeoutMs = 3000): Promise<ObjectiveSignals> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    const res = await fetchImpl(`${endpoint}/v1/campaigns/${encodeURIComponent(campaign)}/objective`, { credentials: 'omit', signal: ctrl.signal });
    if (!res.ok) throw new Error(`objective request answered ${res.status}`);
    const parsed = parseObjectiveSignals(await res.json(), campaign);
    if (!parsed.ok) throw new Error(`objective response is invalid: ${parsed.error}`);
    return parsed.value;
  } finally {
    clearTimeout(timer);
  }
}

/** What the objective changes in `scoreTiles()`. */
export function objectiveScoring(o: ObjectiveSignals | undefined): { weights?: Partial<RankWeights>; pressure?: Readonly<Record<ItemId, number>> } {
  if (!o?.inventory) return {};
  return { weights: { clearance: o.inventory.clearance }, pressure: o.inventory.pressure };
}

/** Exploration options for `placeTiles()`, or undefined when the campaign does not explore. */
export function objectiveExplore(o: ObjectiveSignals | undefined, rng: Rng): ExploreOptions | undefined {
  if (!o?.explore || o.explore.share <= 0) return undefined;
  return { share: o.explore.share, rng, stats: { items: o.explore.items } };
}
