/**
 * The campaign report: per-arm metrics, lift with CI and p-value, the position-bias curve, the
 * per-item table with advice, and a summary. Pure: the server feeds it store reads.
 */
import type { Campaign } from '../protocol';
import type { Arm } from '../types';
import { liftOf, type Lift } from './delta';
import { itemTable, type ItemReportRow } from './items';
import { armMetrics, type ArmMetrics } from './metrics';
import { positionCurve, type CountRow, type PositionPoint } from './positions';
import { summarize } from './summary';
import { emptyMoments, RATIO_METRIC_NAMES, RATIO_METRICS, type ArmMoments, type RatioMetric } from './totals';

export const REPORT_METHOD =
  'Relative lift R_t/R_c − 1 of each ratio metric; two-sided z-test on log(R_t/R_c) with delta-method variance over batches (each batch comes from one shopper); 95% CI exp(log ± 1.96·se) − 1.';

export interface CampaignReport {
  campaignId: string;
  name: string;
  currency: string;
  generatedAt: string;
  method: string;
  window: { startsAt: string; endsAt: string; elapsedHours: number; remainingHours: number };
  arms: Record<Arm, ArmMetrics>;
  lift: Record<RatioMetric, Lift>;
  positions: PositionPoint[];
  items: ItemReportRow[];
  summary: { en: string; zh: string };
}

export interface ReportInput {
  /** With live stock in `items[].stock`. */
  campaign: Campaign;
  /** Per-arm batch moments; a missing arm counts as empty. */
  moments: readonly ArmMoments[];
  rows: readonly CountRow[];
  now: number;
}

export function buildReport(input: ReportInput): CampaignReport {
  const { campaign, now } = input;
  const t = input.moments.find((m) => m.arm === 'treatment') ?? emptyMoments('treatment');
  const c = input.moments.find((m) => m.arm === 'control') ?? emptyMoments('control');
  const lift = {} as Record<RatioMetric, Lift>;
  for (const k of RATIO_METRIC_NAMES) {
    const [num, den] = RATIO_METRICS[k];
    lift[k] = liftOf(t, c, num, den, t.cross[k], c.cross[k]);
  }
  const arms = { treatment: armMetrics(t), control: armMetrics(c) };
  const items = itemTable(campaign, input.rows, now);
  const start = Date.parse(campaign.startsAt);
  const end = Date.parse(campaign.endsAt);
  const clamped = Math.min(Math.max(now, start), end);
  return {
    campaignId: campaign.id,
    name: campaign.name,
    currency: campaign.currency,
    generatedAt: new Date(now).toISOString(),
    method: REPORT_METHOD,
    window: { startsAt: campaign.startsAt, endsAt: campaign.endsAt, elapsedHours: (clamped - start) / 3_600_000, remainingHours: (end - clamped) / 3_600_000 },
    arms,
    lift,
    positions: positionCurve(input.rows),
    items,
    summary: summarize({ arms, lift, items }),
  };
}
