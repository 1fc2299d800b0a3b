/**
 * Turns the shopper's events into the only things that ever leave the device: per-item counts
 * by displayed position and ordered item pairs (never a longer sequence), sealed into batches.
 * The accumulator is plain JSON so the worker can persist it between page loads.
 */
import { LIMITS, PROTOCOL_VERSION, type ItemCounts, type PairCount, type SignalBatch } from './protocol';
import type { Arm, ItemId, ShopperEvent } from './types';

/** A new session starts after this much inactivity; pairs never cross sessions. */
export const SESSION_GAP_MS = 30 * 60 * 1000;
/** Weight of a pair by how many steps apart the two items were (1 = adjacent). */
export const PAIR_GAP_WEIGHTS = [1, 1 / 2, 1 / 3, 1 / 4, 1 / 5] as const;

export interface Accumulator {
  campaignId: string;
  items: Record<string, ItemCounts>;
  pairs: Record<string, PairCount>;
  /** Last interacted items of the current session, newest last (at most PAIR_GAP_WEIGHTS.length). */
  trail: Array<{ id: ItemId; t: number }>;
  events: number;
  /** Sessions started since the last seal. Optional: accumulators stored by older builds lack it. */
  sessions?: number | undefined;
  /** Time of the latest counted event, carried across seals to detect the next session start. */
  lastT?: number | undefined;
}

export function emptyAccumulator(campaignId: string): Accumulator {
  return { campaignId, items: {}, pairs: {}, trail: [], events: 0 };
}

/** The first event ever, or one after SESSION_GAP_MS of quiet, starts a session (same gap as pairs). */
function noteSession(acc: Accumulator, t: number): void {
  const last = typeof acc.lastT === 'number' && Number.isFinite(acc.lastT) ? acc.lastT : undefined;
  if (last === undefined || t - last > SESSION_GAP_MS) acc.sessions = (acc.sessions ?? 0) + 1;
  // Late events (the page batches them) must not move the clock back.
  acc.lastT = last === undefined ? t : Math.max(last, t);
}

function counts(acc: Accumulator, itemId: ItemId, position: number): ItemCounts {
  const key = `${itemId}@${position}`;
  let c = acc.items[key];
  if (!c) acc.items[key] = c = { itemId, position, impressions: 0, clicks: 0, carts: 0, purchases: 0, revenue: 0 };
  return c;
}

function addPairs(acc: Accumulator, id: ItemId, t: number): void {
  const last = acc.trail[acc.trail.length - 1];
  if (last && t - last.t > SESSION_GAP_MS) acc.trail = [];
  if (acc.trail[acc.trail.length - 1]?.id === id) {
    acc.trail[acc.trail.length - 1] = { id, t };
    return; // click then product view of the same item is one step
  }
  for (let gap = 1; gap <= PAIR_GAP_WEIGHTS.length; gap++) {
    const from = acc.trail[acc.trail.length - gap];
    if (!from || from.id === id) continue;
    const key = `${from.id}>${id}`;
    const weight = PAIR_GAP_WEIGHTS[gap - 1]!;
    const prev = acc.pairs[key];
    acc.pairs[key] = { from: from.id, to: id, weight: (prev?.weight ?? 0) + weight };
  }
  acc.trail = [...acc.trail.filter((x) => x.id !== id), { id, t }].slice(-PAIR_GAP_WEIGHTS.length);
}

/** Mutates and returns `acc`. Search text is ignored here: it stays in the profile only. */
export function accumulate(acc: Accumulator, event: ShopperEvent): Accumulator {
  if (event.type !== 'search') noteSession(acc, event.t);
  switch (event.type) {
    case 'impression':
      counts(acc, event.itemId, event.position).impressions++;
      break;
    case 'click':
      counts(acc, event.itemId, event.position ?? -1).clicks++;
      addPairs(acc, event.itemId, event.t);
      break;
    case 'view':
      addPairs(acc, event.itemId, event.t);
      break;
    case 'cart':
      counts(acc, event.itemId, event.position ?? -1).carts += Math.max(1, Math.round(event.quantity ?? 1));
      addPairs(acc, event.itemId, event.t);
      break;
    case 'purchase': {
      const c = counts(acc, event.itemId, -1);
      c.purchases += event.quantity;
      c.revenue = Math.round((c.revenue + event.price * event.quantity) * 100) / 100;
      addPairs(acc, event.itemId, event.t);
      break;
    }
    case 'search':
      return acc;
  }
  acc.events++;
  return acc;
}

export function isEmpty(acc: Accumulator): boolean {
  return Object.keys(acc.items).length === 0 && Object.keys(acc.pairs).length === 0 && !(acc.sessions ?? 0);
}

/**
 * Seals the accumulated counts into one or more batches within the protocol limits and
 * returns them with a fresh accumulator that keeps only the session trail.
 */
export function seal(acc: Accumulator, arm: Arm, newId: () => string): { batches: SignalBatch[]; rest: Accumulator } {
  const items = Object.values(acc.items).map(clampCounts);
  const pairs = Object.values(acc.pairs).map((p) => ({ ...p, weight: Math.min(p.weight, LIMITS.maxCount) }));
  const batches: SignalBatch[] = [];
  const per = Math.min(LIMITS.maxItemsPerBatch, LIMITS.maxPairsPerBatch);
  const sessions = Math.min(acc.sessions ?? 0, LIMITS.maxSessions);
  // A session with no counts (e.g. product views only) still needs its batch: it is a denominator.
  const rows = Math.max(items.length, pairs.length, sessions > 0 ? 1 : 0);
  for (let i = 0; i < rows; i += per) {
    const batch: SignalBatch = {
      v: PROTOCOL_VERSION,
      batchId: newId(),
      campaignId: acc.campaignId,
      arm,
      items: items.slice(i, i + per),
      pairs: pairs.slice(i, i + per),
    };
    if (i === 0 && sessions > 0) batch.sessions = sessions;
    batches.push(batch);
  }
  const rest: Accumulator = { ...emptyAccumulator(acc.campaignId), trail: acc.trail };
  if (acc.lastT !== undefined) rest.lastT = acc.lastT;
  return { batches, rest };
}

function clampCounts(c: ItemCounts): ItemCounts {
  const cap = (x: number) => Math.min(x, LIMITS.maxCount);
  return { ...c, impressions: cap(c.impressions), clicks: cap(c.clicks), carts: cap(c.carts), purchases: cap(c.purchases), revenue: Math.min(c.revenue, LIMITS.maxRevenue) };
}
