/** Per-item table rows for display: formatted cells, items needing action first. Pure. */
import type { ItemReportRow } from '../../../src/core/report/items';
import { count, DASH, hours, money, percent, perHour } from './format';

export type Lang = 'en' | 'zh';

export interface ItemRowView {
  itemId: string;
  title: string;
  category: string;
  impressions: string;
  clicks: string;
  ctr: string;
  carts: string;
  purchases: string;
  revenue: string;
  /** "12 / 400". */
  stock: string;
  /** Share of the initial stock left, 0..1, for the bar under the number. */
  stockShare: number;
  advice: string;
  /** The forecast's numbers beside the advice text ("4.2 units/h · sells out 3.0 h before the end"). */
  adviceNumbers: string;
  adviceKind: string;
  action: boolean;
}

function adviceNumbers(it: ItemReportRow): string {
  const a = it.advice;
  const parts: string[] = [];
  if (a.ratePerHour !== null) parts.push(perHour(a.ratePerHour));
  if (a.hoursBeforeEnd !== null && a.hoursBeforeEnd > 0 && a.kind !== 'too-early') parts.push(`out ${hours(a.hoursBeforeEnd)} before end`);
  if (a.projectedLeftShare !== null && a.projectedLeftShare > 0) parts.push(`${percent(a.projectedLeftShare, 0)} left at end`);
  return parts.join(' · ');
}

export function itemRows(items: readonly ItemReportRow[], currency: string, lang: Lang): ItemRowView[] {
  const rows = items.map((it) => ({
    itemId: it.itemId,
    title: it.title,
    category: it.category,
    impressions: count(it.impressions),
    clicks: count(it.clicks),
    ctr: percent(it.ctr),
    carts: count(it.carts),
    purchases: count(it.purchases),
    revenue: money(it.revenue, currency),
    stock: `${count(it.stock)} / ${count(it.initialStock)}`,
    stockShare: it.initialStock > 0 ? Math.min(1, Math.max(0, it.stock / it.initialStock)) : 0,
    advice: (lang === 'zh' ? it.advice.zh : it.advice.en) || DASH,
    adviceNumbers: adviceNumbers(it),
    adviceKind: it.advice.kind,
    action: it.advice.action,
  }));
  // Stable sort: campaign order within each group.
  return [...rows.filter((r) => r.action), ...rows.filter((r) => !r.action)];
}
