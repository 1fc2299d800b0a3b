/**
 * The campaign report: per-arm metrics, lift with CI and p-value, the position-bias curve, the
 * per-item table with advice, and a summary. Pure: the server feeds it store reads.
 */
import type { Campaign } from '../protocol';
import type { Arm } from '../types';
import { liftOf, type Lift, type ShopperSpread } from './delta';
import { itemTable, type ItemReportRow } from './items';
import { armMetrics, type ArmMetrics } from './metrics';
import { positionCurve, type CountRow, type PositionPoint } from './positions';
import { summarize } from './summary';
import { emptyMoments, RATIO_METRIC_NAMES, RATIO_METRICS, type ArmMoments, type RatioMetric } from './totals';
import { isUnitMetric } from './units';

export const REPORT_METHOD =
  'Relative lift R_t/R_c − 1 of each ratio metric (ratio of batch sums); two-sided z-test on log(R_t/R_c) with delta-method variance over shoppers when both arms have shopper-level moments (unit messages, at least 2 shoppers each; not for revenue), else over batches (each batch comes from one shopper); lift.<metric>.unit says which; 95% CI exp(log ± 1.96·se) − 1.';

export interface CampaignReport {
  campaignId: string;
  name: string;
  currency: string;
  generatedAt: string;
  method: string;
  window: { startsAt: string; endsAt: string; elapsedHours: number; remainingHours: number };
  arms: Record<Arm, ArmMetrics>;
  lift: Record<RatioMetric, Lift>;
  /** Shoppers per arm who sent shopper-level moments (unit messages); 0 when none did. */
  shoppers: Record<Arm, number>;
  positions: PositionPoint[];
  items: ItemReportRow[];
  summary: { en: string; zh: string };
}

export interface ReportInput {
  /** With live stock in `items[].stock`. */
  campaign: Campaign;
  /** Per-arm batch moments; a missing arm counts as empty. */
  moments: readonly ArmMoments[];
  /** Per-arm shopper moments from unit messages (`batches` = shoppers); absent or empty: batch unit. */
  units?: readonly ArmMoments[] | undefined;
  rows: readonly CountRow[];
  now: number;
}

export function buildReport(input: ReportInput): CampaignReport {
  const { campaign, now } = input;
  const t = input.moments.find((m) => m.arm === 'treatment') ?? emptyMoments('treatment');
  const c = input.moments.find((m) => m.arm === 'control') ?? emptyMoments('control');
  const ut = input.units?.find((m) => m.arm === 'treatment') ?? emptyMoments('treatment');
  const uc = input.units?.find((m) => m.arm === 'control') ?? emptyMoments('control');
  const lift = {} as Record<RatioMetric, Lift>;
  for (const k of RATIO_METRIC_NAMES) {
    const [num, den] = RATIO_METRICS[k];
    const shoppers: ShopperSpread | undefined = isUnitMetric(k) ? { t: ut, c: uc, crossT: ut.cross[k], crossC: uc.cross[k] } : undefined;
    lift[k] = liftOf(t, c, num, den, t.cross[k], c.cross[k], shoppers);
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
    shoppers: { treatment: ut.batches, control: uc.batches },
    positions: positionCurve(input.rows),
    items,
    summary: summarize({ arms, lift, items }),
  };
}
