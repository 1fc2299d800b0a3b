/**
 * Inventory-aware ranking. A merchant sets an objective weight `clearance` between 0 (pure
 * relevance) and 1 (clear stock): items projected to be left over at the end gain exposure,
 * items projected to sell out early lose it. The projection is the stock advice's
 * constant-rate forecast (report/advice.ts), so the ranking and the report never disagree.
 */
import type { Campaign } from './protocol';
import { stockAdvice } from './report/advice';
import type { ItemId } from './types';

/**
 * Pressure to clear an item, in -1..1: the projected leftover share of its initial stock
 * (> 0), or minus the share of the remaining time by which it is projected to sell out early
 * (< 0). 0 when it is too early to project, the item is sold out, or the campaign ended.
 */
export function clearancePressure(input: { initialStock: number; stock: number; sold: number; startsAt: number; endsAt: number; now: number }): number {
  const advice = stockAdvice(input);
  if (advice.kind === 'too-early' || advice.kind === 'sold-out' || input.now >= input.endsAt) return 0;
  const remainingH = (input.endsAt - Math.max(input.now, input.startsAt)) / 3_600_000;
  if (advice.hoursBeforeEnd !== null && advice.hoursBeforeEnd > 0 && remainingH > 0) return -Math.min(1, advice.hoursBeforeEnd / remainingH);
  return Math.min(1, Math.max(0, advice.projectedLeftShare ?? 0));
}

/** Pressure per item of a campaign (non-zero entries only, 2 decimals: it travels in every slice). */
export function campaignPressure(campaign: Campaign, soldByItem: ReadonlyMap<ItemId, number>, now: number): Record<ItemId, number> {
  const startsAt = Date.parse(campaign.startsAt);
  const endsAt = Date.parse(campaign.endsAt);
  const out: Record<ItemId, number> = {};
  for (const it of campaign.items) {
    const p = clearancePressure({ initialStock: it.initialStock, stock: it.stock, sold: soldByItem.get(it.id) ?? 0, startsAt, endsAt, now });
    const r = Math.round(p * 100) / 100;
    if (r !== 0) out[it.id] = r;
  }
  return out;
}

/** Blends relevance with clearing stock: (1 − λ)·relevance + λ·pressure. */
export function blendClearance(relevance: number, pressure: number, clearance: number): number {
  return clearance > 0 ? (1 - clearance) * relevance + clearance * pressure : relevance;
}
