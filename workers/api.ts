/**
 * The engine worker's Comlink surface. The page imports this file for types only, so none of
 * the worker's code (idb, ranking state) reaches the script-tag bundle.
 */
import type { Reply } from '../src/core/errors';
import type { Arm, ItemId, RankResult, ScoredTile, ShopperEvent, Tile } from '../src/core/types';
import type { LocalPrivacy } from '../src/core/ldp';
import type { ModelOptions } from '../src/core/options';
import type { Classification, ModelStatus, TitleInput } from './intent/types';

export const ENGINE_API_VERSION = 1;

export interface EngineConfig {
  apiVersion: typeof ENGINE_API_VERSION;
  campaign: string;
  /** Absolute base URL of the backend. */
  endpoint: string;
  holdout: number;
  halfLifeDays: number;
  debug: boolean;
  /** The text model's options as the shopper's page gave them (absent: all defaults); checked and resolved in the worker. */
  model?: ModelOptions | undefined;
  /** Local differential privacy on the counts sent (core/ldp.ts). Absent: exact counts. */
  privacy?: LocalPrivacy | undefined;
}

/** The shopper's text changed the intent: the new orders of the widgets the engine knows. */
export interface IntentUpdate {
  /** The most probable taxonomy label of the text. */
  label: string;
  orders: Record<string, ItemId[]>;
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

  // The text model (workers/intent). Never on the ranking's critical path: every call answers
  // `null` rather than failing when the model is off, still loading past its timeout, or broken.
  /** Labels shopper text (starts the model load if the policy allows). */
  classify(text: string): Promise<Reply<Classification | null>>;
  /** Labels tile titles, cached by item id; uses the model only once it is loaded or loading. */
  classifyTitles(items: TitleInput[]): Promise<Reply<Record<ItemId, Classification> | null>>;
  /** Idle time on the page: loads the model unless the policy or Save-Data says no. */
  prepareModel(): Promise<Reply<ModelStatus>>;
  modelStatus(): Promise<Reply<ModelStatus>>;
  /** Status changes (phase, device, download progress) for the page's `reshelf:model` events. */
  onModelStatus(listener: (status: ModelStatus) => void): Promise<Reply<null>>;
  /** Intent updates from shopper text (after the model labelled it): the page re-applies orders. */
  onIntent(listener: (update: IntentUpdate) => void): Promise<Reply<null>>;
}
