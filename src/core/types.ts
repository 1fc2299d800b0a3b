/** Pure data types shared by the page, the engine worker, the server and the offline tools. */

export type ItemId = string;

/** One flash-sale tile as read from markup or handed to `rank()` by a framework. */
export interface Tile {
  id: ItemId;
  category?: string | undefined;
  /** Sale price in the campaign currency. */
  price?: number | undefined;
  /** List (original) price. */
  listPrice?: number | undefined;
  /** Units left; `0` means sold out, `undefined` means unknown. */
  stock?: number | undefined;
  /** A pinned tile keeps its merchant position whatever the ranking says. */
  pinned?: boolean | undefined;
  title?: string | undefined;
  /**
   * The tile's category distribution in the text model's taxonomy (from its title), used to
   * match the shopper's current text intent. Top labels only.
   */
  labels?: Readonly<Record<string, number>> | undefined;
  /**
   * The slot the merchant gave this tile, when the array is not in merchant order (e.g. after
   * reshelf moved tiles). Drives the merchant-order prior and tie-breaks. @defaultValue the array index
   */
  merchantIndex?: number | undefined;
}

export type Arm = 'treatment' | 'control';

/** Events observed on the page. Search text never leaves the device. */
export type ShopperEvent =
  | { type: 'impression'; itemId: ItemId; position: number; category?: string | undefined; t: number }
  | { type: 'click'; itemId: ItemId; position?: number | undefined; category?: string | undefined; t: number }
  | { type: 'view'; itemId: ItemId; category?: string | undefined; t: number }
  | { type: 'cart'; itemId: ItemId; position?: number | undefined; category?: string | undefined; price?: number | undefined; quantity?: number | undefined; t: number }
  | { type: 'purchase'; itemId: ItemId; price: number; quantity: number; category?: string | undefined; t: number }
  | { type: 'search'; text: string; t: number };

export type ShopperEventType = ShopperEvent['type'];

/** A category weight as of time `t` (ms); decays lazily when read. */
export interface DecayedWeight {
  w: number;
  t: number;
}

export interface RecentItem {
  id: ItemId;
  category?: string | undefined;
  /** Strength of the interaction (click < cart < purchase). */
  w: number;
  /** Last interaction time, ms since epoch. */
  t: number;
}

/** The shopper's current text intent: taxonomy label probabilities as of `t` (decays quickly). */
export interface IntentState {
  probs: Record<string, number>;
  t: number;
}

/** The shopper's on-device profile. Never sent anywhere. */
export interface Profile {
  v: 1;
  updatedAt: number;
  affinities: Record<string, DecayedWeight>;
  /** Newest first, bounded. */
  recent: RecentItem[];
  /** Recent search texts, newest first, bounded; input for the on-device model. */
  queries: Array<{ text: string; t: number }>;
  /** Current intent from the shopper's own text, when the on-device model has run. */
  intent?: IntentState | undefined;
}

/** Item-to-item neighbours for the items a shopper has interacted with, restricted to a campaign. */
export interface SimilaritySlice {
  v: 1;
  campaignId: string;
  /** Monotonic version of the similarity build this slice came from. */
  version: number;
  neighbors: Record<ItemId, Array<[ItemId, number]>>;
}

export type Reason =
  | { kind: 'similar'; to: ItemId; score: number }
  | { kind: 'category'; category: string; score: number }
  /** Matches the shopper's current text intent (on-device model). */
  | { kind: 'intent'; label: string; score: number }
  /** The shopper already looked at this item (re-visit). */
  | { kind: 'recent'; score: number }
  /** The aggregate click prior. */
  | { kind: 'popular'; score: number }
  | { kind: 'pinned'; position: number }
  | { kind: 'sold-out' }
  | { kind: 'low-stock'; stock: number; score: number }
  /** Moved by the merchant's clearance objective: `pressure` > 0 projected left over, < 0 selling out early. */
  | { kind: 'inventory'; pressure: number; score: number }
  | { kind: 'merchant-order'; position: number; score: number }
  /** Placed by the exploration bandit: `score` is the sampled, position-corrected click rate, `mean` its posterior mean. */
  | { kind: 'explore'; score: number; mean: number }
  | { kind: 'holdout' };

export interface ScoredTile {
  id: ItemId;
  score: number;
  /** Merchant position (0-based) the tile came in with. */
  from: number;
  /** Position (0-based) the ranking gives it. */
  to: number;
  reasons: Reason[];
}

export interface RankResult {
  order: ItemId[];
  tiles: ScoredTile[];
}
