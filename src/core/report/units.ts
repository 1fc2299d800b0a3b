/**
 * Shopper-level moments sent as increments. Arms are assigned per shopper, so the shopper is the
 * right unit of variance; but a device must not send anything that links its batches. Instead it
 * keeps its campaign totals T as of its last acknowledged unit message and, with totals T' now,
 * sends Δ = T' − T, T'² − T² per field and T'_num·T'_den − T_num·T_den per ratio metric (plus
 * `first` when T was zero). Summed over a shopper's messages these telescope to T_final,
 * T_final² and T_num·T_den, so the server's per-arm sums are exactly Σ Y_i, Σ Y_i², Σ Y_i X_i
 * and n over shoppers: the `ArmMoments` the delta method already takes.
 *
 * Revenue is left out on purpose: a revenue total is a sum of prices, and consecutive messages of
 * one shopper can be chained by their cumulative totals, so revenue increments would spell out
 * which prices (often: which items) a shopper bought, in order. Counts say how much, never what.
 * Revenue per session therefore keeps the batch as its unit.
 */
import type { Arm } from '../types';
import { emptyMoments, RATIO_METRICS, type ArmMoments, type BatchTotals } from './totals';

export const UNIT_FIELDS = ['sessions', 'impressions', 'clicks', 'carts', 'purchases'] as const;
export type UnitField = (typeof UNIT_FIELDS)[number];
export type UnitTotals = Record<UnitField, number>;

/** The ratio metrics whose numerator and denominator are both unit fields: RATIO_METRICS' own pairs. */
export const UNIT_METRICS = {
  ctr: RATIO_METRICS.ctr,
  addToCartRate: RATIO_METRICS.addToCartRate,
  conversionRate: RATIO_METRICS.conversionRate,
} as const satisfies Record<string, readonly [UnitField, UnitField]>;
export type UnitMetric = keyof typeof UNIT_METRICS;
export const UNIT_METRIC_NAMES = Object.keys(UNIT_METRICS) as UnitMetric[];

export const isUnitMetric = (k: string): k is UnitMetric => Object.prototype.hasOwnProperty.call(UNIT_METRICS, k);

/** What one unit message adds to its arm's sums. */
export interface UnitIncrement {
  /** 1 when the totals before were all zero: the message that counts this shopper in n. */
  first: 0 | 1;
  sum: UnitTotals;
  sumSq: UnitTotals;
  cross: Record<UnitMetric, number>;
}

export function zeroUnitTotals(): UnitTotals {
  return { sessions: 0, impressions: 0, clicks: 0, carts: 0, purchases: 0 };
}

export function unitTotalsOf(t: BatchTotals): UnitTotals {
  return { sessions: t.sessions, impressions: t.impressions, clicks: t.clicks, carts: t.carts, purchases: t.purchases };
}

export function addUnitTotals(a: UnitTotals, b: UnitTotals): UnitTotals {
  const out = zeroUnitTotals();
  for (const f of UNIT_FIELDS) out[f] = a[f] + b[f];
  return out;
}

export const isZeroUnitTotals = (t: UnitTotals): boolean => UNIT_FIELDS.every((f) => t[f] === 0);
export const sameUnitTotals = (a: UnitTotals, b: UnitTotals): boolean => UNIT_FIELDS.every((f) => a[f] === b[f]);

/** The increment from totals `before` (last acknowledged) to `after` (now); `after ≥ before` field by field. */
export function unitIncrement(before: UnitTotals, after: UnitTotals): UnitIncrement {
  const sum = zeroUnitTotals();
  const sumSq = zeroUnitTotals();
  for (const f of UNIT_FIELDS) {
    sum[f] = after[f] - before[f];
    sumSq[f] = after[f] * after[f] - before[f] * before[f];
  }
  const cross = { ctr: 0, addToCartRate: 0, conversionRate: 0 };
  for (const k of UNIT_METRIC_NAMES) {
    const [num, den] = UNIT_METRICS[k];
    cross[k] = after[num] * after[den] - before[num] * before[den];
  }
  return { first: isZeroUnitTotals(before) ? 1 : 0, sum, sumSq, cross };
}

/** Folds one increment into an arm's shopper moments (`batches` counts shoppers here). */
export function addIncrement(m: ArmMoments, inc: UnitIncrement): ArmMoments {
  m.batches += inc.first;
  for (const f of UNIT_FIELDS) {
    m.sum[f] += inc.sum[f];
    m.sumSq[f] += inc.sumSq[f];
  }
  for (const k of UNIT_METRIC_NAMES) m.cross[k] += inc.cross[k];
  return m;
}

/** Shopper moments computed directly from each shopper's final totals (the reference for tests). */
export function shopperMoments(arm: Arm, shoppers: readonly UnitTotals[]): ArmMoments {
  const m = emptyMoments(arm);
  for (const t of shoppers) {
    if (isZeroUnitTotals(t)) continue; // a shopper with nothing counted never sends a message
    m.batches++;
    for (const f of UNIT_FIELDS) {
      m.sum[f] += t[f];
      m.sumSq[f] += t[f] * t[f];
    }
    for (const k of UNIT_METRIC_NAMES) m.cross[k] += t[UNIT_METRICS[k][0]] * t[UNIT_METRICS[k][1]];
  }
  return m;
}
