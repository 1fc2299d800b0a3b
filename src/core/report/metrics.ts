/** Per-arm totals and ratio metrics for the report. */
import type { Arm } from '../types';
import { ratioOf, shownRate } from './delta';
import { RATIO_METRIC_NAMES, RATIO_METRICS, type ArmMoments, type BatchTotals, type RatioMetric } from './totals';

export type ArmMetrics = { arm: Arm; batches: number } & BatchTotals & Record<RatioMetric, number | null>;

export function armMetrics(m: ArmMoments): ArmMetrics {
  const rates = {} as Record<RatioMetric, number | null>;
  for (const k of RATIO_METRIC_NAMES) {
    const [num, den] = RATIO_METRICS[k];
    rates[k] = shownRate(ratioOf(m, num, den));
  }
  return { arm: m.arm, batches: m.batches, ...m.sum, revenue: Math.round(m.sum.revenue * 100) / 100, ...rates };
}
