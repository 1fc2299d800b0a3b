/**
 * The report as CSV (RFC 4180): arm metrics, lifts, then the per-item table, each block with its
 * own header and separated by a blank line.
 */
import type { CampaignReport } from './report';
import { RATIO_METRIC_NAMES } from './totals';

type Cell = string | number | boolean | null | undefined;

/** Quotes a field when needed; text that a spreadsheet would run as a formula gets a leading '. */
export function csvField(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(cells: readonly Cell[]): string {
  return cells.map(csvField).join(',');
}

const round = (x: number | null, digits = 6) => (x === null ? null : Number(x.toFixed(digits)));

export function reportCsv(r: CampaignReport): string {
  const lines: string[] = [];
  lines.push(csvRow(['arm', 'batches', 'sessions', 'impressions', 'clicks', 'carts', 'purchases', 'revenue', 'ctr', 'add_to_cart_rate', 'conversion_rate', 'revenue_per_session']));
  for (const a of [r.arms.treatment, r.arms.control]) {
    lines.push(csvRow([a.arm, a.batches, a.sessions, a.impressions, a.clicks, a.carts, a.purchases, a.revenue, round(a.ctr), round(a.addToCartRate), round(a.conversionRate), round(a.revenuePerSession)]));
  }
  lines.push('');
  lines.push(csvRow(['metric', 'treatment', 'control', 'lift', 'ci_low', 'ci_high', 'p', 'significant', 'note', 'unit']));
  for (const k of RATIO_METRIC_NAMES) {
    const l = r.lift[k];
    lines.push(csvRow([k, round(l.treatment), round(l.control), round(l.estimate), round(l.ci?.[0] ?? null), round(l.ci?.[1] ?? null), round(l.p), l.significant, l.reason, l.unit]));
  }
  lines.push('');
  lines.push(csvRow(['item_id', 'title', 'category', 'price', 'list_price', 'impressions', 'clicks', 'ctr', 'carts', 'purchases', 'revenue', 'stock_left', 'initial_stock', 'advice', 'advice_detail', 'projected_sell_out_at', 'projected_left']));
  for (const it of r.items) {
    lines.push(csvRow([it.itemId, it.title, it.category, it.price, it.listPrice, it.impressions, it.clicks, round(it.ctr), it.carts, it.purchases, it.revenue, it.stock, it.initialStock, it.advice.kind, it.advice.en, it.advice.projectedSellOutAt, it.advice.projectedLeft]));
  }
  return `${lines.join('\r\n')}\r\n`;
}
