/**
 * Folds a batch's repeated counter keys into one row each, in key order. Both stores add these
 * rows, so they sum floats in the same order; PostgreSQL needs it too, because one upsert
 * statement may not touch a row twice, and sorted keys make concurrent batches lock rows in the
 * same order (no deadlocks).
 */
import type { ItemCounts, PairCount, SignalBatch } from '../../src/core/protocol';

export interface MergedBatch {
  items: ItemCounts[];
  pairs: PairCount[];
}

const byKey = <T>(m: Map<string, T>): T[] => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);

export function mergeBatch(batch: Pick<SignalBatch, 'items' | 'pairs'>): MergedBatch {
  const items = new Map<string, ItemCounts>();
  for (const c of batch.items) {
    // \u0000 cannot occur in a valid id, so keys never collide.
    const key = `${c.itemId}\u0000${c.position}`;
    const row = items.get(key);
    if (!row) {
      items.set(key, { ...c });
      continue;
    }
    row.impressions += c.impressions;
    row.clicks += c.clicks;
    row.carts += c.carts;
    row.purchases += c.purchases;
    row.revenue += c.revenue;
  }
  const pairs = new Map<string, PairCount>();
  for (const p of batch.pairs) {
    const key = `${p.from}\u0000${p.to}`;
    const row = pairs.get(key);
    if (row) row.weight += p.weight;
    else pairs.set(key, { ...p });
  }
  return { items: byKey(items), pairs: byKey(pairs) };
}

/** Live stock per item, read off a campaign whose items already carry it (both stores). */
export function stockOf(campaign: { items: ReadonlyArray<{ id: string; stock: number }> }): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of campaign.items) out[it.id] = it.stock;
  return out;
}
