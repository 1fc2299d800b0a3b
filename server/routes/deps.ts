/** What route modules need from the app: storage, the in-memory similarity and a clock. */
import type { InventorySignal } from '../../src/core/protocol';
import type { CampaignCache } from '../campaign-cache';
import type { PressureCache } from '../pressure-cache';
import type { SimilarityService } from '../similarity-job';
import type { StockMap, Store } from '../store/types';

export interface RouteDeps {
  store: Store;
  similarity: SimilarityService;
  campaigns: CampaignCache;
  pressure: PressureCache;
  now: () => number;
}

export interface StockSnapshot {
  campaignId: string;
  /** ISO time the snapshot was read. */
  at: string;
  stock: StockMap;
  /** The merchant's clearance objective and per-item pressure, when the campaign sets one. */
  inventory?: InventorySignal | undefined;
}

export function stockSnapshot(campaignId: string, stock: StockMap, now: number, inventory?: InventorySignal | null): StockSnapshot {
  return { campaignId, at: new Date(now).toISOString(), stock, ...(inventory ? { inventory } : {}) };
}
