/** Test helper: runs the simulator over many seeds and counts CI coverage and significant results. */
import { RATIO_METRIC_NAMES, type RatioMetric } from '../../src/core/report/totals';
import { runSimulation } from './run';

export interface Calibration {
  seeds: number;
  /** Seeds whose 95% CI contains the planted lift, per metric. */
  covered: Record<RatioMetric, number>;
  /** Seeds with p < 0.05, per metric. */
  significant: Record<RatioMetric, number>;
  /** Seeds whose CI/p-value came from shopper-level moments, per metric (the rest: batches). */
  byShopper: Record<RatioMetric, number>;
  /** Mean z² over the seeds with a z, per metric: ≈ 1 when the variance is right and no lift is planted. */
  meanZ2: Record<RatioMetric, number | null>;
}

/** `units: false` measures the batch unit (devices send no unit messages). */
export async function calibrate(options: { shoppers: number; lift: number; seeds: readonly number[]; units?: boolean }): Promise<Calibration> {
  const covered = Object.fromEntries(RATIO_METRIC_NAMES.map((k) => [k, 0])) as Record<RatioMetric, number>;
  const significant = { ...covered };
  const byShopper = { ...covered };
  const z2 = Object.fromEntries(RATIO_METRIC_NAMES.map((k) => [k, [] as number[]])) as Record<RatioMetric, number[]>;
  for (const seed of options.seeds) {
    const { report } = await runSimulation({ shoppers: options.shoppers, lift: options.lift, seed, units: options.units });
    for (const k of RATIO_METRIC_NAMES) {
      const l = report.lift[k];
      if (l.unit === 'shopper') byShopper[k]++;
      if (l.z !== null) z2[k].push(l.z * l.z);
      if (l.ci && l.ci[0] <= options.lift && options.lift <= l.ci[1]) covered[k]++;
      if (l.p !== null && l.p < 0.05) significant[k]++;
    }
  }
  const meanZ2 = Object.fromEntries(RATIO_METRIC_NAMES.map((k) => [k, z2[k].length ? z2[k].reduce((a, b) => a + b, 0) / z2[k].length : null])) as Record<RatioMetric, number | null>;
  return { seeds: options.seeds.length, covered, significant, byShopper, meanZ2 };
}
