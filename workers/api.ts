/**
 * The engine worker's Comlink surface. The page imports this file for types only, so none of
 * the worker's code (idb, ranking state) reaches the script-tag bundle.
 */
import type { Reply } from '../src/core/errors';
import type { Arm, ItemId, RankResult, ScoredTile, ShopperEvent, Tile } from '../src/core/types';

export const ENGINE_API_VERSION = 1;

export interface EngineConfig {
  apiVersion: typeof ENGINE_API_VERSION;
  campaign: string;
  /** Absolute base URL of the backend. */
  endpoint: string;
  holdout: number;
  halfLifeDays: number;
  debug: boolean;
}

export interface EngineStatus {
  arm: Arm;
  storage: 'indexeddb' | 'memory';
  /** Why storage fell back to memory, when it did. */
  storageError?: string | undefined;
}

export interface TrackResult {
  accepted: number;
  dropped: number;
  /** Fresh orders for widgets this engine has ranked before (to refresh the page's first-paint cache). */
  orders: Record<string, ItemId[]>;
}

export interface RankReply {
  /** The order to apply now: seen and pinned tiles stay where they are. */
  now: RankResult;
  /** The order a fresh page load should paint (nothing seen yet); cached for the next visit. */
  next: ItemId[];
  /** Time spent ranking inside the worker, ms. */
  tookMs: number;
}

export interface FlushReport {
  sent: number;
  duplicates: number;
  rejected: number;
  failed: number;
  pending: number;
  droppedTotal: number;
}

export interface EngineApi {
  init(config: EngineConfig): Promise<Reply<EngineStatus>>;
  track(events: ShopperEvent[]): Promise<Reply<TrackResult>>;
  rank(widgetId: string, tiles: Tile[], locked: ItemId[]): Promise<Reply<RankReply>>;
  explain(itemId: ItemId): Promise<Reply<ScoredTile | null>>;
  flush(keepalive: boolean): Promise<Reply<FlushReport>>;
  forget(): Promise<Reply<null>>;
  /** Live stock snapshots (item → units) for the page: sold-out marks and merchant badges. */
  onStock(listener: (stock: Record<ItemId, number>) => void): Promise<Reply<null>>;
}
