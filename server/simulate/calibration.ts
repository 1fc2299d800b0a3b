/** Test helper: runs the simulator over many seeds and counts CI coverage and significant results. */
import { RATIO_METRIC_NAMES, type RatioMetric } from '../../src/core/report/totals';
import { runSimulation } from './run';

export interface Calibration {
  seeds: number;
  /** Seeds whose 95% CI contains the planted lift, per metric. */
  covered: Record<RatioMetric, number>;
  /** Seeds with p < 0.05, per metric. */
  significant: Record<RatioMetric, number>;
}

export async function calibrate(options: { shoppers: number; lift: number; seeds: readonly number[] }): Promise<Calibration> {
  const covered = Object.fromEntries(RATIO_METRIC_NAMES.map((k) => [k, 0])) as Record<RatioMetric, number>;
  const significant = { ...covered };
  for (const seed of options.seeds) {
    const { report } = await runSimulation({ shoppers: options.shoppers, lift: options.lift, seed });
    for (const k of RATIO_METRIC_NAMES) {
      const l = report.lift[k];
      if (l.ci && l.ci[0] <= options.lift && options.lift <= l.ci[1]) covered[k]++;
      if (l.p !== null && l.p < 0.05) significant[k]++;
    }
  }
  return { seeds: options.seeds.length, covered, significant };
}
