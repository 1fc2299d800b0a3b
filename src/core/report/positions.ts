/** Click-through rate by displayed position in each arm: the position-bias curve. */
import type { ItemCounts } from '../protocol';
import type { Arm } from '../types';

/** Summed counts for one arm / item / displayed position (the store's item stats rows). */
export type CountRow = ItemCounts & { arm: Arm };

export interface PositionCell {
  impressions: number;
  clicks: number;
  /** null without impressions. */
  ctr: number | null;
}

export interface PositionPoint {
  /** 0-based displayed slot. */
  position: number;
  treatment: PositionCell;
  control: PositionCell;
}

/** Deeper slots are rarely seen; the curve stops here to keep the report small. */
export const MAX_CURVE_POSITIONS = 100;

export function positionCurve(rows: readonly CountRow[], maxPositions = MAX_CURVE_POSITIONS): PositionPoint[] {
  const byPos = new Map<number, PositionPoint>();
  for (const r of rows) {
    // -1 holds counts not tied to a widget slot (purchases, clicks from product pages).
    if (r.position < 0 || r.position >= maxPositions) continue;
    let p = byPos.get(r.position);
    if (!p) byPos.set(r.position, (p = { position: r.position, treatment: cell(), control: cell() }));
    p[r.arm].impressions += r.impressions;
    p[r.arm].clicks += r.clicks;
  }
  const out = [...byPos.values()].sort((a, b) => a.position - b.position);
  // Clamped for display only: noised sums may go below 0, a rate cannot.
  for (const p of out) for (const c of [p.treatment, p.control]) c.ctr = c.impressions > 0 ? Math.max(0, c.clicks / c.impressions) : null;
  return out.filter((p) => p.treatment.impressions + p.control.impressions > 0);
}

const cell = (): PositionCell => ({ impressions: 0, clicks: 0, ctr: null });
