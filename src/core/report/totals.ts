/**
 * Per-batch totals and their per-arm moments: the inputs of every variance in the report.
 * A batch comes from one shopper (randomised by shopper), so it is the unit of variance.
 */
import type { SignalBatch } from '../protocol';
import type { Arm } from '../types';

export const TOTAL_FIELDS = ['sessions', 'impressions', 'clicks', 'carts', 'purchases', 'revenue'] as const;
export type TotalField = (typeof TOTAL_FIELDS)[number];
export type BatchTotals = Record<TotalField, number>;

/** The ratio metrics of the report as numerator / denominator over batch totals. */
export const RATIO_METRICS = {
  /** Clicks per impression. */
  ctr: ['clicks', 'impressions'],
  /** Add-to-carts per session. */
  addToCartRate: ['carts', 'sessions'],
  /** Purchases (units) per session. */
  conversionRate: ['purchases', 'sessions'],
  revenuePerSession: ['revenue', 'sessions'],
} as const satisfies Record<string, readonly [TotalField, TotalField]>;
export type RatioMetric = keyof typeof RATIO_METRICS;
export const RATIO_METRIC_NAMES = Object.keys(RATIO_METRICS) as RatioMetric[];

/** Σ numerator·denominator of each ratio metric (the covariance term of the delta method). */
export type CrossProducts = Record<RatioMetric, number>;

/** Per-arm sums over batches: n, Σx, Σx² per field and Σxy per ratio metric. */
export interface ArmMoments {
  arm: Arm;
  batches: number;
  sum: BatchTotals;
  sumSq: BatchTotals;
  cross: CrossProducts;
}

export function zeroTotals(): BatchTotals {
  return { sessions: 0, impressions: 0, clicks: 0, carts: 0, purchases: 0, revenue: 0 };
}

export function emptyMoments(arm: Arm): ArmMoments {
  return { arm, batches: 0, sum: zeroTotals(), sumSq: zeroTotals(), cross: { ctr: 0, addToCartRate: 0, conversionRate: 0, revenuePerSession: 0 } };
}

/** What one batch adds to its arm; every store writes exactly this row at ingest. */
export function batchTotals(batch: Pick<SignalBatch, 'items' | 'sessions'>): BatchTotals {
  const t = zeroTotals();
  t.sessions = batch.sessions ?? 0;
  for (const c of batch.items) {
    t.impressions += c.impressions;
    t.clicks += c.clicks;
    t.carts += c.carts;
    t.purchases += c.purchases;
    t.revenue += c.revenue;
  }
  t.revenue = Math.round(t.revenue * 100) / 100;
  return t;
}

/** Folds batch totals into moments (tests and in-memory stores; SQL stores aggregate themselves). */
export function addToMoments(m: ArmMoments, t: BatchTotals): ArmMoments {
  m.batches++;
  for (const f of TOTAL_FIELDS) {
    m.sum[f] += t[f];
    m.sumSq[f] += t[f] * t[f];
  }
  for (const k of RATIO_METRIC_NAMES) {
    const [num, den] = RATIO_METRICS[k];
    m.cross[k] += t[num] * t[den];
  }
  return m;
}
