/**
 * The per-item table: counts over both arms, stock left and advice. Counts are sums as stored:
 * with noised batches (core/ldp.ts) they are unbiased but may dip below 0; only the rate is clamped.
 */
import type { Campaign } from '../protocol';
import type { ItemId } from '../types';
import { stockAdvice, type Advice } from './advice';
import type { CountRow } from './positions';

export interface ItemReportRow {
  itemId: ItemId;
  title: string;
  category: string;
  price: number;
  listPrice: number;
  impressions: number;
  clicks: number;
  /** null without impressions. */
  ctr: number | null;
  carts: number;
  purchases: number;
  revenue: number;
  stock: number;
  initialStock: number;
  advice: Advice;
}

/** Rows in the campaign's item order; `campaign.items[].stock` is the live stock. */
export function itemTable(campaign: Campaign, rows: readonly CountRow[], now: number): ItemReportRow[] {
  const sums = new Map<ItemId, { impressions: number; clicks: number; carts: number; purchases: number; revenue: number }>();
  for (const r of rows) {
    let s = sums.get(r.itemId);
    if (!s) sums.set(r.itemId, (s = { impressions: 0, clicks: 0, carts: 0, purchases: 0, revenue: 0 }));
    s.impressions += r.impressions;
    s.clicks += r.clicks;
    s.carts += r.carts;
    s.purchases += r.purchases;
    s.revenue += r.revenue;
  }
  const startsAt = Date.parse(campaign.startsAt);
  const endsAt = Date.parse(campaign.endsAt);
  return campaign.items.map((it) => {
    const s = sums.get(it.id) ?? { impressions: 0, clicks: 0, carts: 0, purchases: 0, revenue: 0 };
    return {
      itemId: it.id, title: it.title, category: it.category, price: it.price, listPrice: it.listPrice,
      ...s, revenue: Math.round(s.revenue * 100) / 100, ctr: s.impressions > 0 ? Math.max(0, s.clicks / s.impressions) : null,
      stock: it.stock, initialStock: it.initialStock,
      advice: stockAdvice({ initialStock: it.initialStock, stock: it.stock, sold: s.purchases, startsAt, endsAt, now }),
    };
  });
}
