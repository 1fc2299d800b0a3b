/**
 * Relative lift of a ratio metric (e.g. clicks / impressions) of treatment over control.
 *
 * Test: two-sided z-test on the log ratio, log(R_t / R_c), with delta-method variances over
 * batches. Per arm, R = Σy / Σx over n batches and
 *   Var(log R) ≈ (1/n) · ( s_y²/ȳ² + s_x²/x̄² − 2·s_xy/(ȳ·x̄) )
 * (s² and s_xy: sample variance / covariance of the per-batch totals). Arms are independent,
 * so Var(log R_t − log R_c) is the sum. The 95% CI is exp(L ± 1.96·se) − 1, so it always
 * contains the estimate exp(L) − 1 and never goes below −100%.
 * Noised batches (core/ldp.ts) need nothing special: their sums stay unbiased and the per-batch
 * moments already hold the noise variance. A noised ratio can come out ≤ 0; then there is no
 * lift, and the arm values shown are clamped at 0 (the sums themselves are never clamped).
 * Unit: arms are assigned per shopper, so the shopper is the unit that makes the terms
 * independent. When both arms have shopper-level moments (report/units.ts, n ≥ 2 shoppers each),
 * the variance comes from them (`unit: 'shopper'`); the point estimate stays the ratio of the
 * batch sums, which are complete (unit messages lag behind by up to one visit) and match the arm
 * table — the relative variance terms are scale-free, so they apply to it. Otherwise the batches
 * stand in for shoppers (`unit: 'batch'`): a shopper's batches are positively correlated, which
 * narrows the CI; the simulator measures both.
 */
import { twoSidedP, Z95 } from './normal';
import type { ArmMoments, TotalField } from './totals';

/** What the variance was computed over: shoppers (unit messages) or batches. */
export type LiftUnit = 'shopper' | 'batch';

/** Shopper-level moments of both arms and their cross products for one metric. */
export interface ShopperSpread {
  t: ArmMoments;
  c: ArmMoments;
  crossT: number;
  crossC: number;
}

export interface Lift {
  /** Metric value in each arm (null when its denominator is 0). */
  treatment: number | null;
  control: number | null;
  /** Relative lift R_t / R_c − 1 (0.1 = +10%). */
  estimate: number | null;
  /** 95% confidence interval of the relative lift, [low, high]. */
  ci: [number, number] | null;
  /** Two-sided p-value of "no lift". */
  p: number | null;
  z: number | null;
  /** Standard error of the log ratio. */
  seLog: number | null;
  significant: boolean;
  /** Unit of the variance (the CI and p-value); the estimate is always the ratio of batch sums. */
  unit: LiftUnit;
  /** Why ci / p are missing, when they are. */
  reason?: string | undefined;
}

export const MIN_BATCHES_PER_ARM = 2;

/** Ratio Σnum / Σden of one arm, or null when the denominator is 0. */
export function ratioOf(m: ArmMoments, num: TotalField, den: TotalField): number | null {
  return m.sum[den] > 0 ? m.sum[num] / m.sum[den] : null;
}

/** Delta-method Var(log(Σy/Σx)) for one arm; null below 2 batches or with a zero sum. */
export function logRatioVariance(m: ArmMoments, num: TotalField, den: TotalField, cross: number): number | null {
  const n = m.batches;
  const sy = m.sum[num];
  const sx = m.sum[den];
  if (n < MIN_BATCHES_PER_ARM || !(sy > 0) || !(sx > 0)) return null;
  const my = sy / n;
  const mx = sx / n;
  // Sample (co)variances from raw moments; clamped because rounding can dip below 0.
  const vy = Math.max(0, (m.sumSq[num] - sy * my) / (n - 1));
  const vx = Math.max(0, (m.sumSq[den] - sx * mx) / (n - 1));
  const cxy = (cross - sy * mx) / (n - 1);
  const v = Math.max(0, (vy / (my * my) + vx / (mx * mx) - (2 * cxy) / (my * mx)) / n);
  return Number.isFinite(v) ? v : null; // e.g. denormal sums
}

/** A rate as shown: noise can push a ratio of sums below 0, which no rate can be. */
export const shownRate = (r: number | null): number | null => (r === null ? null : Math.max(0, r));

export function liftOf(t: ArmMoments, c: ArmMoments, num: TotalField, den: TotalField, crossT: number, crossC: number, shoppers?: ShopperSpread): Lift {
  const rt = ratioOf(t, num, den);
  const rc = ratioOf(c, num, den);
  const estimate = rt !== null && rt >= 0 && rc !== null && rc > 0 ? rt / rc - 1 : null;
  const byShopper = shoppers !== undefined && shoppers.t.batches >= MIN_BATCHES_PER_ARM && shoppers.c.batches >= MIN_BATCHES_PER_ARM;
  let unit: LiftUnit = byShopper ? 'shopper' : 'batch';
  const none = (reason: string): Lift => ({ treatment: shownRate(rt), control: shownRate(rc), estimate, ci: null, p: null, z: null, seLog: null, significant: false, unit, reason });
  if (t.batches < MIN_BATCHES_PER_ARM || c.batches < MIN_BATCHES_PER_ARM) return none(`needs at least ${MIN_BATCHES_PER_ARM} batches in each arm`);
  if (rt === null || rc === null) return none(`no ${den} in ${rt === null ? 'treatment' : 'control'}`);
  if (rt === 0 || rc === 0) return none(`no ${num} in ${rt === 0 ? 'treatment' : 'control'}`);
  if (rt < 0 || rc < 0) return none(`${num} sum below 0 in ${rt < 0 ? 'treatment' : 'control'} (noised counts)`);
  let vt = byShopper ? logRatioVariance(shoppers.t, num, den, shoppers.crossT) : null;
  let vc = byShopper ? logRatioVariance(shoppers.c, num, den, shoppers.crossC) : null;
  if (vt === null || vc === null) {
    // No shopper moments, or not estimable from them yet (e.g. no clicks reported there): batches.
    unit = 'batch';
    vt = logRatioVariance(t, num, den, crossT);
    vc = logRatioVariance(c, num, den, crossC);
  }
  if (vt === null || vc === null) return none('variance not estimable');
  const log = Math.log(rt / rc);
  const se = Math.sqrt(vt + vc);
  if (!Number.isFinite(log) || !Number.isFinite(se)) return none('variance not estimable');
  const z = se > 0 ? log / se : log === 0 ? 0 : Math.sign(log) * Infinity;
  const p = twoSidedP(z);
  const ci: [number, number] = [Math.expm1(log - Z95 * se), Math.expm1(log + Z95 * se)];
  return { treatment: rt, control: rc, estimate: Math.expm1(log), ci, p, z: Number.isFinite(z) ? z : null, seLog: se, significant: p < 0.05, unit };
}
