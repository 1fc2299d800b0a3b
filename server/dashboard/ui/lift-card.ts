/** What each headline lift card says, from one metric's lift. Pure, so the wording is tested in Node. */
import type { Lift } from '../../../src/core/report/delta';
import { DASH, interval, money, percent, pValue, signedPercent } from './format';
import type { MetricInfo } from './metrics';

export type Tone = 'up' | 'down' | 'flat' | 'empty';

export interface LiftCard {
  key: string;
  label: string;
  /** "+10.2%", or a dash without an estimate. */
  estimate: string;
  /** "95% CI +1.1% to +24.1%", or why there is none. */
  ci: string;
  p: string;
  /** The test and its unit: "z-test over shoppers", or over visit batches (no shopper moments, revenue). */
  test: string;
  verdict: string;
  tone: Tone;
  treatment: string;
  control: string;
}

export function metricValue(x: number | null, info: MetricInfo, currency: string): string {
  return info.unit === 'money' ? money(x, currency) : percent(x);
}

export function liftCard(info: MetricInfo, lift: Lift, currency: string): LiftCard {
  const test = `z-test over ${lift.unit === 'shopper' ? 'shoppers' : 'visit batches'}`;
  const base = { key: info.key, label: info.label, test, treatment: metricValue(lift.treatment, info, currency), control: metricValue(lift.control, info, currency) };
  if (lift.ci === null || lift.p === null || lift.estimate === null) {
    const why = lift.reason ? `${lift.reason.charAt(0).toUpperCase()}${lift.reason.slice(1)}.` : 'No signals yet.';
    return { ...base, estimate: DASH, ci: why, p: DASH, verdict: 'Not enough data', tone: 'empty' };
  }
  const tone: Tone = !lift.significant ? 'flat' : lift.estimate > 0 ? 'up' : 'down';
  const verdict = !lift.significant ? 'Not significant' : lift.p < 0.01 ? 'Strong evidence' : 'Significant (5%)';
  return { ...base, estimate: signedPercent(lift.estimate), ci: `95% CI ${interval(lift.ci)}`, p: pValue(lift.p), verdict, tone };
}
