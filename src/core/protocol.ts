/**
 * Wire protocol v1 between the SDK and the backend: versioned JSON, validated at the boundary.
 * The SDK only ever sends aggregates: per-item counts by position, ordered item pairs, the arm.
 */
import { describe, fail, isFiniteNumber, isRecord, ok, type Result } from './result';
import type { Arm, ItemId } from './types';

export const PROTOCOL_VERSION = 1;

/** Limits that keep a batch small enough for a keepalive body (≤ 64 KB). */
export const LIMITS = {
  maxItemsPerBatch: 400,
  maxPairsPerBatch: 400,
  maxIdLength: 64,
  maxBatchBytes: 60_000,
  maxCount: 10_000,
  maxRevenue: 1e9,
  /** Session starts one batch may report (a 15 s window rarely holds more than one). */
  maxSessions: 1000,
  /** Local-privacy ε a noised batch may declare (core/ldp.ts). */
  minEpsilon: 0.01,
  maxEpsilon: 100,
  /**
   * How far Laplace noise may push a count or revenue past its clean range. The sampler cannot
   * exceed ≈ 37 × its scale (≤ 7 400 counts, ≤ 7.4e9 revenue at ε 0.01 and a 1e6 price bound).
   */
  maxCountNoise: 1e6,
  maxRevenueNoise: 1e12,
  /** Largest revenue bound per unit a device may use when noising. */
  maxPrivatePrice: 1e6,
} as const;

export interface ItemCounts {
  itemId: ItemId;
  /** Displayed 0-based slot in the widget (for the position-bias curve); -1 when not shown in a widget. */
  position: number;
  impressions: number;
  clicks: number;
  carts: number;
  purchases: number;
  revenue: number;
}

/** Marks a batch whose counts carry local-privacy noise (core/ldp.ts). */
export interface BatchNoise {
  mechanism: 'laplace';
  /** Privacy loss per shopper action in this batch. */
  epsilon: number;
}

/** An ordered transition `from → to` inside one session; `weight` is gap-weighted (1 for adjacent). */
export interface PairCount {
  from: ItemId;
  to: ItemId;
  weight: number;
}

export interface SignalBatch {
  v: typeof PROTOCOL_VERSION;
  /** Random per batch (never per shopper); the server drops a batch id it has already stored. */
  batchId: string;
  campaignId: string;
  arm: Arm;
  items: ItemCounts[];
  pairs: PairCount[];
  /**
   * Shopper sessions that started within the batch's window (the report's per-session
   * denominators). Optional: absent means 0; old SDKs never send it.
   */
  sessions?: number | undefined;
  /**
   * Present when the counts are noised on the device: they may then be negative (still whole
   * numbers, so integer store columns sum them) and revenue may be negative; sums stay unbiased.
   * A noised batch carries no pairs.
   */
  noise?: BatchNoise | undefined;
}

export interface CampaignItem {
  id: ItemId;
  title: string;
  category: string;
  price: number;
  listPrice: number;
  stock: number;
  initialStock: number;
  /** Fixed 0-based position in the widget, if the merchant pinned it. */
  pinned?: number | undefined;
  url?: string | undefined;
  image?: string | undefined;
}

export interface Campaign {
  id: string;
  name: string;
  currency: string;
  startsAt: string;
  endsAt: string;
  items: CampaignItem[];
  /** The merchant's ranking objective. Absent: pure relevance. */
  objective?: CampaignObjective | undefined;
}

export interface CampaignObjective {
  /** 0 = pure relevance … 1 = clear stock (items projected to be left over first). @defaultValue 0 */
  clearance?: number | undefined;
  /** Share of free slots given to exploration (Thompson sampling, core/explore.ts), 0..0.5. @defaultValue 0 */
  explore?: number | undefined;
}

/** What `GET /v1/campaigns/:id/objective` serves the worker: the objective and the aggregates it needs. */
export interface ObjectiveSignals {
  campaignId: string;
  /** ISO time the aggregates were read. */
  at: string;
  inventory?: InventorySignal | undefined;
  explore?: ExploreSignal | undefined;
}

export interface ExploreSignal {
  /** Share of free slots to explore, 0..0.5. */
  share: number;
  /** Position-corrected `[clicks, examined]` per item (core/position-bias.ts). */
  items: Record<ItemId, readonly [number, number]>;
}

export interface SignalAck {
  batchId: string;
  /** True when the batch id had been stored before; the counts were not added again. */
  duplicate: boolean;
}

const ID_RE = /^[A-Za-z0-9._:-]+$/;

export function isValidId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= LIMITS.maxIdLength && ID_RE.test(v);
}

function count(v: unknown, max: number = LIMITS.maxCount): boolean {
  return isFiniteNumber(v) && v >= 0 && v <= max;
}

/** Noised counts stay whole but may leave 0..max by at most the noise margin. */
function noisy(v: unknown, max: number, margin: number): boolean {
  return isFiniteNumber(v) && v >= -margin && v <= max + margin;
}

function parseItemCounts(v: unknown, at: string, noised: boolean): Result<ItemCounts> {
  if (!isRecord(v)) return fail(`${at} must be an object, got ${describe(v)}`);
  if (!isValidId(v.itemId)) return fail(`${at}.itemId must be an id ([A-Za-z0-9._:-], ≤ 64 chars), got ${describe(v.itemId)}`);
  if (!Number.isInteger(v.position) || (v.position as number) < -1 || (v.position as number) > 10_000)
    return fail(`${at}.position must be an integer ≥ -1, got ${describe(v.position)}`);
  const [lo, hi] = noised ? [-LIMITS.maxCountNoise, LIMITS.maxCount + LIMITS.maxCountNoise] : [0, LIMITS.maxCount];
  for (const k of ['impressions', 'clicks', 'carts', 'purchases'] as const) {
    const good = noised ? noisy(v[k], LIMITS.maxCount, LIMITS.maxCountNoise) : count(v[k]);
    if (!good || !Number.isInteger(v[k])) return fail(`${at}.${k} must be an integer ${lo}..${hi}, got ${describe(v[k])}`);
  }
  if (noised ? !noisy(v.revenue, LIMITS.maxRevenue, LIMITS.maxRevenueNoise) : !count(v.revenue, LIMITS.maxRevenue))
    return fail(`${at}.revenue must be a number ${noised ? -LIMITS.maxRevenueNoise : 0}..${noised ? LIMITS.maxRevenue + LIMITS.maxRevenueNoise : LIMITS.maxRevenue}, got ${describe(v.revenue)}`);
  return ok({
    itemId: v.itemId,
    position: v.position as number,
    impressions: v.impressions as number,
    clicks: v.clicks as number,
    carts: v.carts as number,
    purchases: v.purchases as number,
    revenue: v.revenue as number,
  });
}

function parsePair(v: unknown, at: string): Result<PairCount> {
  if (!isRecord(v)) return fail(`${at} must be an object, got ${describe(v)}`);
  if (!isValidId(v.from)) return fail(`${at}.from must be an id, got ${describe(v.from)}`);
  if (!isValidId(v.to)) return fail(`${at}.to must be an id, got ${describe(v.to)}`);
  if (v.from === v.to) return fail(`${at} must join two different items, got ${describe(v.from)} twice`);
  if (!count(v.weight) || (v.weight as number) === 0) return fail(`${at}.weight must be a number in (0, ${LIMITS.maxCount}], got ${describe(v.weight)}`);
  return ok({ from: v.from, to: v.to, weight: v.weight as number });
}

/** Validates an untrusted signal batch (HTTP body, stored outbox entry). */
export function parseSignalBatch(v: unknown): Result<SignalBatch> {
  if (!isRecord(v)) return fail(`batch must be a JSON object, got ${describe(v)}`);
  if (v.v !== PROTOCOL_VERSION) return fail(`batch.v must be ${PROTOCOL_VERSION}, got ${describe(v.v)}`);
  if (!isValidId(v.batchId)) return fail(`batch.batchId must be an id, got ${describe(v.batchId)}`);
  if (!isValidId(v.campaignId)) return fail(`batch.campaignId must be an id, got ${describe(v.campaignId)}`);
  if (v.arm !== 'treatment' && v.arm !== 'control') return fail(`batch.arm must be "treatment" or "control", got ${describe(v.arm)}`);
  if (!Array.isArray(v.items) || v.items.length > LIMITS.maxItemsPerBatch)
    return fail(`batch.items must be an array of at most ${LIMITS.maxItemsPerBatch}, got ${describe(Array.isArray(v.items) ? `${v.items.length} entries` : v.items)}`);
  if (!Array.isArray(v.pairs) || v.pairs.length > LIMITS.maxPairsPerBatch)
    return fail(`batch.pairs must be an array of at most ${LIMITS.maxPairsPerBatch}, got ${describe(Array.isArray(v.pairs) ? `${v.pairs.length} entries` : v.pairs)}`);
  if (v.sessions !== undefined && (!Number.isInteger(v.sessions) || (v.sessions as number) < 0 || (v.sessions as number) > LIMITS.maxSessions))
    return fail(`batch.sessions must be an integer 0..${LIMITS.maxSessions} when present, got ${describe(v.sessions)}`);
  const noise = v.noise === undefined ? undefined : parseNoise(v.noise);
  if (noise && !noise.ok) return noise;
  // Pairs would reveal which items were clicked, so a noised batch must not carry them.
  if (noise && v.pairs.length > 0) return fail(`batch.pairs must be empty when batch.noise is set (pairs are not noised), got ${v.pairs.length} entries`);
  const allowed = new Set(['v', 'batchId', 'campaignId', 'arm', 'items', 'pairs', 'sessions', 'noise']);
  for (const key of Object.keys(v)) {
    // Unknown fields are refused so nothing else (ids, text) can ride along unnoticed.
    if (!allowed.has(key)) return fail(`batch has an unknown field ${describe(key)}`);
  }
  const items: ItemCounts[] = [];
  for (const [i, raw] of v.items.entries()) {
    const r = parseItemCounts(raw, `batch.items[${i}]`, noise !== undefined);
    if (!r.ok) return r;
    items.push(r.value);
  }
  const pairs: PairCount[] = [];
  for (const [i, raw] of v.pairs.entries()) {
    const r = parsePair(raw, `batch.pairs[${i}]`);
    if (!r.ok) return r;
    pairs.push(r.value);
  }
  const batch: SignalBatch = { v: PROTOCOL_VERSION, batchId: v.batchId, campaignId: v.campaignId, arm: v.arm, items, pairs };
  // Only when present, so a batch without it round-trips unchanged.
  if (v.sessions !== undefined) batch.sessions = v.sessions as number;
  if (noise) batch.noise = noise.value;
  return ok(batch);
}

function parseNoise(v: unknown): Result<BatchNoise> {
  if (!isRecord(v) || v.mechanism !== 'laplace' || Object.keys(v).some((k) => k !== 'mechanism' && k !== 'epsilon'))
    return fail(`batch.noise must be { "mechanism": "laplace", "epsilon": number }, got ${describe(v)}`);
  if (!isFiniteNumber(v.epsilon) || v.epsilon < LIMITS.minEpsilon || v.epsilon > LIMITS.maxEpsilon)
    return fail(`batch.noise.epsilon must be a number ${LIMITS.minEpsilon}..${LIMITS.maxEpsilon}, got ${describe(v.epsilon)}`);
  return ok({ mechanism: 'laplace', epsilon: v.epsilon });
}

/** Validates a slice response from the server before the worker stores it. */
export function parseSlice(v: unknown): Result<import('./types').SimilaritySlice> {
  if (!isRecord(v)) return fail(`slice must be an object, got ${describe(v)}`);
  if (v.v !== PROTOCOL_VERSION) return fail(`slice.v must be ${PROTOCOL_VERSION}, got ${describe(v.v)}`);
  if (!isValidId(v.campaignId)) return fail(`slice.campaignId must be an id, got ${describe(v.campaignId)}`);
  if (!Number.isInteger(v.version) || (v.version as number) < 0) return fail(`slice.version must be an integer ≥ 0, got ${describe(v.version)}`);
  if (!isRecord(v.neighbors)) return fail(`slice.neighbors must be an object, got ${describe(v.neighbors)}`);
  const neighbors: Record<ItemId, Array<[ItemId, number]>> = {};
  for (const [id, list] of Object.entries(v.neighbors)) {
    if (!isValidId(id) || !Array.isArray(list)) return fail(`slice.neighbors[${describe(id)}] must be a list of [id, score]`);
    const out: Array<[ItemId, number]> = [];
    for (const pair of list) {
      if (!Array.isArray(pair) || !isValidId(pair[0]) || !isFiniteNumber(pair[1]) || pair[1] < 0 || pair[1] > 1)
        return fail(`slice.neighbors[${describe(id)}] has a bad entry ${describe(pair)}`);
      out.push([pair[0], pair[1]]);
    }
    neighbors[id] = out;
  }
  return ok({ v: PROTOCOL_VERSION, campaignId: v.campaignId, version: v.version as number, neighbors });
}

/** The merchant's stock objective as it travels with live stock (core/inventory.ts). */
export interface InventorySignal {
  /** 0 = pure relevance … 1 = clear stock. */
  clearance: number;
  /** Clearance pressure per item in -1..1; absent items count 0. */
  pressure: Record<ItemId, number>;
}

/** Validates the objective response; a malformed part is an error, so nothing half-valid is used. */
export function parseObjectiveSignals(v: unknown, campaign: string): Result<ObjectiveSignals> {
  if (!isRecord(v) || v.campaignId !== campaign || typeof v.at !== 'string') return fail(`objective response for ${describe(campaign)} has an unknown shape: ${describe(v)}`);
  const out: ObjectiveSignals = { campaignId: campaign, at: v.at };
  if (v.inventory !== undefined) {
    const inv = parseInventorySignal(v.inventory);
    if (!inv.ok) return inv;
    out.inventory = inv.value;
  }
  if (v.explore !== undefined) {
    const e = v.explore;
    if (!isRecord(e) || !isFiniteNumber(e.share) || e.share < 0 || e.share > 0.5 || !isRecord(e.items)) return fail(`explore must be { share: 0..0.5, items: {…} }, got ${describe(e)}`);
    const items: Record<ItemId, readonly [number, number]> = {};
    for (const [id, pair] of Object.entries(e.items)) {
      if (!isValidId(id) || !Array.isArray(pair) || pair.length !== 2 || !count(pair[0]) || !count(pair[1])) return fail(`explore.items[${describe(id)}] must be [clicks, examined], got ${describe(pair)}`);
      items[id] = [pair[0] as number, pair[1] as number];
    }
    out.explore = { share: e.share, items };
  }
  return ok(out);
}

/** Validates the `inventory` part of the objective response. */
export function parseInventorySignal(v: unknown): Result<InventorySignal> {
  if (!isRecord(v) || !isFiniteNumber(v.clearance) || v.clearance < 0 || v.clearance > 1 || !isRecord(v.pressure))
    return fail(`inventory must be { clearance: 0..1, pressure: { <itemId>: -1..1 } }, got ${describe(v)}`);
  const pressure: Record<ItemId, number> = {};
  for (const [id, p] of Object.entries(v.pressure)) {
    if (!isValidId(id) || !isFiniteNumber(p) || p < -1 || p > 1) return fail(`inventory.pressure[${describe(id)}] must be a number in -1..1, got ${describe(p)}`);
    pressure[id] = p;
  }
  return ok({ clearance: v.clearance, pressure });
}

/** Validates a campaign document (admin input on the server, the campaign response in the SDK). */
export function parseCampaign(v: unknown): Result<Campaign> {
  if (!isRecord(v)) return fail(`campaign must be an object, got ${describe(v)}`);
  if (!isValidId(v.id)) return fail(`campaign.id must be an id, got ${describe(v.id)}`);
  if (typeof v.name !== 'string' || v.name.length === 0 || v.name.length > 200) return fail(`campaign.name must be a non-empty string, got ${describe(v.name)}`);
  const currency = v.currency ?? 'USD';
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) return fail(`campaign.currency must be an ISO 4217 code, got ${describe(v.currency)}`);
  for (const k of ['startsAt', 'endsAt'] as const) {
    if (typeof v[k] !== 'string' || Number.isNaN(Date.parse(v[k] as string))) return fail(`campaign.${k} must be an ISO date, got ${describe(v[k])}`);
  }
  if (Date.parse(v.endsAt as string) <= Date.parse(v.startsAt as string)) return fail('campaign.endsAt must be after campaign.startsAt');
  if (!Array.isArray(v.items) || v.items.length === 0 || v.items.length > 5000) return fail('campaign.items must be a non-empty array of at most 5000');
  const items: CampaignItem[] = [];
  const seen = new Set<string>();
  for (const [i, raw] of v.items.entries()) {
    const at = `campaign.items[${i}]`;
    if (!isRecord(raw)) return fail(`${at} must be an object, got ${describe(raw)}`);
    if (!isValidId(raw.id)) return fail(`${at}.id must be an id, got ${describe(raw.id)}`);
    if (seen.has(raw.id)) return fail(`${at}.id ${describe(raw.id)} is repeated`);
    seen.add(raw.id);
    if (typeof raw.title !== 'string' || raw.title.length === 0 || raw.title.length > 500) return fail(`${at}.title must be a non-empty string`);
    if (typeof raw.category !== 'string' || raw.category.length === 0 || raw.category.length > 100) return fail(`${at}.category must be a non-empty string`);
    for (const k of ['price', 'listPrice'] as const) {
      if (!isFiniteNumber(raw[k]) || (raw[k] as number) < 0) return fail(`${at}.${k} must be a number ≥ 0, got ${describe(raw[k])}`);
    }
    if (!Number.isInteger(raw.stock) || (raw.stock as number) < 0) return fail(`${at}.stock must be an integer ≥ 0, got ${describe(raw.stock)}`);
    const initialStock = raw.initialStock ?? raw.stock;
    if (!Number.isInteger(initialStock) || (initialStock as number) < 0) return fail(`${at}.initialStock must be an integer ≥ 0`);
    if (raw.pinned !== undefined && (!Number.isInteger(raw.pinned) || (raw.pinned as number) < 0)) return fail(`${at}.pinned must be an integer position ≥ 0, got ${describe(raw.pinned)}`);
    for (const k of ['url', 'image'] as const) {
      if (raw[k] !== undefined && (typeof raw[k] !== 'string' || (raw[k] as string).length > 2000)) return fail(`${at}.${k} must be a string`);
    }
    items.push({
      id: raw.id,
      title: raw.title,
      category: raw.category,
      price: raw.price as number,
      listPrice: raw.listPrice as number,
      stock: raw.stock as number,
      initialStock: initialStock as number,
      pinned: raw.pinned as number | undefined,
      url: raw.url as string | undefined,
      image: raw.image as string | undefined,
    });
  }
  let objective: CampaignObjective | undefined;
  if (v.objective !== undefined) {
    const o = v.objective;
    const inRange = (x: unknown, max: number) => x === undefined || (isFiniteNumber(x) && x >= 0 && x <= max);
    if (!isRecord(o) || !inRange(o.clearance, 1) || !inRange(o.explore, 0.5) || Object.keys(o).some((k) => k !== 'clearance' && k !== 'explore'))
      return fail(`campaign.objective must be { "clearance"?: 0..1, "explore"?: 0..0.5 }, got ${describe(o)}`);
    objective = { ...(o.clearance !== undefined ? { clearance: o.clearance as number } : {}), ...(o.explore !== undefined ? { explore: o.explore as number } : {}) };
  }
  return ok({ id: v.id, name: v.name, currency, startsAt: v.startsAt as string, endsAt: v.endsAt as string, items, ...(objective ? { objective } : {}) });
}
