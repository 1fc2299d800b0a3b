/**
 * Storage contract of the backend, implemented by SQLite (one process) and PostgreSQL (several
 * instances). Async everywhere; the SQLite adapter is synchronous underneath.
 */
import type { Neighbours } from '../../src/core/similarity';
import type { Campaign, ItemCounts, SignalBatch } from '../../src/core/protocol';
import type { ArmMoments } from '../../src/core/report/totals';
import type { Arm, ItemId } from '../../src/core/types';
import type { UnitMessage } from '../../src/core/unit-protocol';

export type StockMap = Record<ItemId, number>;

/** Ordered transition weights summed over every stored batch: from → to → weight. */
export type Transitions = Map<ItemId, Map<ItemId, number>>;

export interface TransitionSnapshot {
  transitions: Transitions;
  /**
   * Pair watermark the snapshot was read at. Passed back to `saveSimilarity` so pairs that
   * arrive while a build runs still count as "new" for the next build.
   */
  pairsSeq: number;
}

export interface StoredSimilarity {
  /** 0 when nothing has been built yet. */
  version: number;
  neighbours: Neighbours;
}

/** One order line reported by the merchant. */
export interface SaleLine {
  orderId: string;
  itemId: string;
  quantity: number;
}

/** Summed counts for one campaign / arm / item / displayed position. */
export type ItemStatRow = ItemCounts & { arm: Arm };

export interface IngestResult {
  /** True when this batch id was stored before; nothing was counted again. */
  duplicate: boolean;
}

export interface Store {
  /** Short adapter name reported by /healthz. */
  readonly kind: string;
  /** The campaign with live stock merged into its items, or null. */
  getCampaign(id: string): Promise<Campaign | null>;
  /** Cheap existence check for the ingest path. */
  hasCampaign(id: string): Promise<boolean>;
  /** Upserts the campaign; its items' `stock` values replace the live stock. */
  putCampaign(campaign: Campaign, at?: number): Promise<{ created: boolean }>;
  /** Sets live stock for some items (callers validate ids against the campaign). */
  setStock(campaignId: string, stock: StockMap): Promise<void>;
  /**
   * Sales from the merchant's order system: each new (order, item) line lowers that item's stock
   * by its quantity (never below 0) in one transaction; lines recorded before are skipped.
   */
  recordSales(campaignId: string, sales: readonly SaleLine[], at?: number): Promise<{ applied: number; duplicates: number }>;
  /** Live stock per item of the campaign, or null for an unknown campaign. */
  getStock(campaignId: string): Promise<StockMap | null>;
  listCampaignIds(): Promise<string[]>;
  /** Stores a validated batch once, by batch id, in a single transaction. */
  ingest(batch: SignalBatch, at?: number): Promise<IngestResult>;
  readTransitions(): Promise<TransitionSnapshot>;
  /** Replaces the stored neighbour lists and marks pairs up to `pairsSeq` as built. */
  saveSimilarity(version: number, neighbours: Neighbours, pairsSeq: number): Promise<void>;
  loadSimilarity(): Promise<StoredSimilarity>;
  similarityVersion(): Promise<number>;
  /** Pair entries ingested since the last saved build (0 = similarity is up to date). */
  pairsSinceBuild(): Promise<number>;
  itemStats(campaignId: string): Promise<ItemStatRow[]>;
  /**
   * Per-arm moments of the per-batch totals (`batchTotals()` of each batch, stored by `ingest`
   * in the same transaction): batch count, Σ and Σ² of each field, Σ numerator·denominator of
   * each ratio metric. Arms without batches are left out.
   */
  batchMoments(campaignId: string): Promise<ArmMoments[]>;
  /** Stores a validated unit message (shopper-level increments) once, by its unitBatchId. */
  ingestUnits(message: UnitMessage, at?: number): Promise<IngestResult>;
  /**
   * Per-arm shopper moments summed over the stored unit messages (report/units.ts): `batches` is
   * the number of shoppers (Σ first); only the unit fields and metrics are filled. Arms without
   * messages are left out.
   */
  unitMoments(campaignId: string): Promise<ArmMoments[]>;
  /**
   * Runs `build` holding the similarity build lock of every process sharing this database. When
   * another process holds it, waits for that build to finish and resolves null without building.
   */
  exclusiveBuild<T>(build: () => Promise<T>): Promise<T | null>;
  /**
   * Calls `listener` after stock of a campaign changed (setStock, putCampaign) through any
   * instance sharing the store (SQLite: this process only). Also called for every campaign
   * after a lost notification channel reconnects. Returns an unsubscribe function.
   */
  onStockChange(listener: StockListener): () => void;
  /** Calls `listener` after any process saved a similarity build (SQLite: this process only). */
  onSimilaritySaved(listener: (version: number) => void): () => void;
  close(): Promise<void>;
}

export type StockListener = (campaignId: string) => void;
