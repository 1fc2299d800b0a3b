/** What route modules need from the app: storage, the in-memory similarity and a clock. */
import type { CampaignCache } from '../campaign-cache';
import type { ObjectiveCache } from '../objective-cache';
import type { SimilarityService } from '../similarity-job';
import type { StockMap, Store } from '../store/types';

export interface RouteDeps {
  store: Store;
  similarity: SimilarityService;
  campaigns: CampaignCache;
  objective: ObjectiveCache;
  now: () => number;
}

export interface StockSnapshot {
  campaignId: string;
  /** ISO time the snapshot was read. */
  at: string;
  stock: StockMap;
}

export function stockSnapshot(campaignId: string, stock: StockMap, now: number): StockSnapshot {
  return { campaignId, at: new Date(now).toISOString(), stock };
}
