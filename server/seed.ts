/**
 * Demo/bootstrap data. `seedCampaign` stores a real campaign file. `warmSimilarity` is
 * SIMULATED: it fabricates synthetic shoppers so a fresh demo has a non-empty similarity
 * slice. Its numbers say nothing about real shoppers; never report them as results.
 */
import { seededRng } from '../src/core/rng';
import { accumulate, emptyAccumulator, seal } from '../src/core/aggregate';
import { parseCampaign, type Campaign, type CampaignItem, type SignalBatch } from '../src/core/protocol';
import type { ShopperEvent } from '../src/core/types';
import { SimilarityService, type RebuildResult } from './similarity-job';
import type { Store } from './store/types';

/** Validates and upserts a campaign (re-running it resets live stock to the file's values). */
export async function seedCampaign(store: Store, campaign: unknown): Promise<{ campaign: Campaign; created: boolean }> {
  const parsed = parseCampaign(campaign);
  if (!parsed.ok) throw new Error(`invalid campaign: ${parsed.error}`);
  const { created } = await store.putCampaign(parsed.value);
  return { campaign: parsed.value, created };
}

export interface WarmOptions {
  /** Number of synthetic shopper sessions (one batch each). */
  sessions: number;
  /** PRNG seed; the same seed fabricates the same batches, so re-running adds nothing. */
  seed: number;
  /** Tiles a synthetic shopper scrolls past (impressions). @defaultValue 12 */
  visibleTiles?: number;
  /** A running server's service, so its in-memory neighbours update too. */
  similarity?: SimilarityService;
}

export interface WarmResult extends RebuildResult {
  simulated: true;
  batches: number;
  duplicates: number;
}

/** The core's seeded generator (mulberry32): deterministic demo sessions. */
export const prng = seededRng;

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

/** Skewed pick: earlier items (the merchant's lead deals) are chosen more often, like real traffic. */
function pickSkewed<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(list.length * rand() * rand())]!;
}

/** SIMULATED shopper events for one session: impressions, then clicks/carts/purchases within 1–2 categories. */
export function simulateSession(rand: () => number, campaign: Campaign, start: number, visibleTiles = 12): ShopperEvent[] {
  const byCategory = new Map<string, CampaignItem[]>();
  for (const it of campaign.items) byCategory.set(it.category, [...(byCategory.get(it.category) ?? []), it]);
  const categories = [...byCategory.keys()];
  const favourites = rand() < 0.6 || categories.length < 2 ? [pick(rand, categories)] : [pick(rand, categories), pick(rand, categories)];
  const position = new Map(campaign.items.map((it, i) => [it.id, i]));

  let t = start;
  const events: ShopperEvent[] = [];
  campaign.items.slice(0, visibleTiles).forEach((it, i) => events.push({ type: 'impression', itemId: it.id, position: i, category: it.category, t }));
  const steps = 3 + Math.floor(rand() * 8);
  for (let s = 0; s < steps; s++) {
    t += 20_000 + Math.floor(rand() * 100_000);
    const pool = rand() < 0.85 ? byCategory.get(pick(rand, favourites))! : campaign.items;
    const item = pickSkewed(rand, pool);
    const pos = position.get(item.id)!;
    events.push({ type: 'click', itemId: item.id, position: pos, category: item.category, t });
    if (rand() < 0.25) {
      events.push({ type: 'cart', itemId: item.id, position: pos, category: item.category, price: item.price, quantity: 1, t: t + 5_000 });
      if (rand() < 0.4) events.push({ type: 'purchase', itemId: item.id, price: item.price, quantity: 1, category: item.category, t: t + 60_000 });
    }
  }
  return events;
}

/** SIMULATED: the batch the SDK would send for one fabricated session, built with the SDK's own aggregator. */
export function simulatedBatch(rand: () => number, campaign: Campaign, seed: number, n: number, visibleTiles = 12): SignalBatch {
  const start = Date.parse(campaign.startsAt) + n * 3_600_000;
  const acc = emptyAccumulator(campaign.id);
  for (const e of simulateSession(rand, campaign, start, visibleTiles)) accumulate(acc, e);
  const { batches } = seal(acc, 'treatment', () => `sim-${seed}-${n}`);
  if (batches.length !== 1) throw new Error(`simulated session ${n} produced ${batches.length} batches, expected 1`);
  return batches[0]!;
}

/** SIMULATED warm-up: ingests `sessions` fabricated batches and rebuilds similarity. */
export async function warmSimilarity(store: Store, campaign: Campaign, options: WarmOptions): Promise<WarmResult> {
  if (!Number.isInteger(options.sessions) || options.sessions < 0) throw new Error(`sessions must be an integer ≥ 0, got ${options.sessions}`);
  if (!Number.isInteger(options.seed)) throw new Error(`seed must be an integer, got ${options.seed}`);
  const rand = prng(options.seed);
  let duplicates = 0;
  for (let n = 0; n < options.sessions; n++) {
    const batch = simulatedBatch(rand, campaign, options.seed, n, options.visibleTiles);
    if ((await store.ingest(batch)).duplicate) duplicates++;
  }
  const similarity = options.similarity ?? (await SimilarityService.open(store));
  const built = await similarity.rebuild();
  return { simulated: true, batches: options.sessions, duplicates, ...built };
}
