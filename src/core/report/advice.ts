/**
 * Pricing and stock advice per item, from sell-through so far.
 *
 * Method: units sold so far ÷ hours elapsed since the campaign start gives a sell-through rate
 * (units/h). Assuming that rate holds for the rest of the campaign (a constant-rate Poisson
 * process: no restocks, no price change, traffic like so far), stock left ÷ rate is the time to
 * sell out. Units sold is the larger of the SDK's purchase aggregates and the stock drop the
 * merchant recorded (the SDK misses other channels and shoppers who withheld consent).
 * Flash-sale demand often fades after the opening rush, so "sells out early" is the claim to
 * double-check, "left over" the one to act on quickly.
 */

export const ADVICE = {
  /** Before this share of the campaign (and at least `minElapsedHours`), it is too early to project. */
  minElapsedShare: 0.05,
  minElapsedHours: 1,
  /** Selling out this early (share of the campaign, and at least `earlyHours`) is worth acting on. */
  earlyShare: 0.1,
  earlyHours: 1,
  /** A projected leftover of at least this share of the initial stock is worth acting on. */
  leftoverShare: 0.2,
} as const;

export type AdviceKind = 'too-early' | 'sold-out' | 'sell-out-early' | 'leftover' | 'on-track';

export interface AdviceInput {
  initialStock: number;
  stock: number;
  /** Units sold according to the purchase aggregates. */
  sold: number;
  startsAt: number;
  endsAt: number;
  now: number;
}

export interface Advice {
  kind: AdviceKind;
  /** True when the merchant should do something. */
  action: boolean;
  en: string;
  zh: string;
  unitsSold: number;
  /** Units per hour so far; null before the campaign starts. */
  ratePerHour: number | null;
  /** ISO time the item is projected to sell out, null when it will not (or already did). */
  projectedSellOutAt: string | null;
  /** Hours between the projected sell-out and the end (> 0: before the end). */
  hoursBeforeEnd: number | null;
  /** Units projected to be left at the end, and their share of the initial stock. */
  projectedLeft: number | null;
  projectedLeftShare: number | null;
}

const H = 3_600_000;
const hrs = (x: number) => (x >= 10 ? x.toFixed(0) : x.toFixed(1));
const pct = (x: number) => `${Math.round(x * 100)}%`;

export function stockAdvice(input: AdviceInput): Advice {
  const duration = (input.endsAt - input.startsAt) / H;
  const now = Math.min(Math.max(input.now, input.startsAt), input.endsAt);
  const elapsed = (now - input.startsAt) / H;
  const remaining = (input.endsAt - now) / H;
  const unitsSold = Math.max(0, input.sold, input.initialStock - input.stock);
  const ratePerHour = elapsed > 0 ? unitsSold / elapsed : null;
  const base = Math.max(1, input.initialStock || input.stock);
  const out = (kind: AdviceKind, en: string, zh: string, extra: Partial<Advice> = {}): Advice => ({
    kind, action: kind === 'sell-out-early' || kind === 'leftover', en, zh, unitsSold, ratePerHour,
    projectedSellOutAt: null, hoursBeforeEnd: null, projectedLeft: null, projectedLeftShare: null, ...extra,
  });

  if (input.stock <= 0) {
    if (remaining <= 0) return out('sold-out', 'sold out', '已售罄');
    return out('sold-out', `sold out with ${hrs(remaining)} h still to run: next time reduce the discount or stock more`, `已售罄，距结束还有 ${hrs(remaining)} 小时：下次可减少折扣或增加备货`, { hoursBeforeEnd: remaining });
  }
  if (ratePerHour === null || elapsed < Math.max(ADVICE.minElapsedHours, ADVICE.minElapsedShare * duration)) {
    return out('too-early', `too early to project (${hrs(Math.max(0, elapsed))} h of ${hrs(duration)} h elapsed)`, `为时尚早，无法预测（已进行 ${hrs(Math.max(0, elapsed))} / ${hrs(duration)} 小时）`);
  }
  const left = Math.max(0, input.stock - ratePerHour * remaining);
  const leftShare = left / base;
  if (ratePerHour > 0) {
    const toSellOut = input.stock / ratePerHour;
    const before = remaining - toSellOut;
    const at = new Date(now + toSellOut * H).toISOString();
    if (before >= Math.max(ADVICE.earlyHours, ADVICE.earlyShare * duration)) {
      return out(
        'sell-out-early',
        `projected to sell out ${hrs(before)} h before the end (${ratePerHour.toFixed(1)} units/h, ${input.stock} left): reduce the discount or cap exposure`,
        `预计在结束前 ${hrs(before)} 小时售罄（每小时 ${ratePerHour.toFixed(1)} 件，剩余 ${input.stock} 件）：减少折扣或限制曝光`,
        { projectedSellOutAt: at, hoursBeforeEnd: before, projectedLeft: 0, projectedLeftShare: 0 },
      );
    }
    if (before >= 0) return out('on-track', `on track to sell out near the end (${ratePerHour.toFixed(1)} units/h)`, `预计在结束前后售罄（每小时 ${ratePerHour.toFixed(1)} 件）`, { projectedSellOutAt: at, hoursBeforeEnd: before, projectedLeft: 0, projectedLeftShare: 0 });
  }
  const numbers = { projectedLeft: Math.round(left), projectedLeftShare: leftShare };
  if (remaining <= 0) return out('on-track', `ended with ${input.stock} left`, `活动结束，剩余 ${input.stock} 件`, numbers);
  if (leftShare >= ADVICE.leftoverShare) {
    const why = ratePerHour > 0 ? `${ratePerHour.toFixed(1)} units/h` : `no sales in ${hrs(elapsed)} h`;
    const whyZh = ratePerHour > 0 ? `每小时 ${ratePerHour.toFixed(1)} 件` : `${hrs(elapsed)} 小时内无销售`;
    return out('leftover', `projected ${pct(leftShare)} left at the end (${why}): deepen the discount or raise exposure`, `预计结束时剩余 ${pct(leftShare)}（${whyZh}）：加大折扣或提高曝光`, numbers);
  }
  return out('on-track', `on track: projected ${pct(leftShare)} left at the end`, `进展正常：预计结束时剩余 ${pct(leftShare)}`, numbers);
}
