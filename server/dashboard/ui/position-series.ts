/**
 * The position-bias curve as chart columns: slot number (1-based, as a merchant counts tiles)
 * and CTR in percent per arm, null where an arm had no impressions in that slot (a gap, not 0).
 */
import type { PositionCell, PositionPoint } from '../../../src/core/report/positions';

export interface PositionSeries {
  slots: number[];
  treatment: (number | null)[];
  control: (number | null)[];
  /** Impressions behind each point, for the hover legend. */
  treatmentImpressions: number[];
  controlImpressions: number[];
}

// The report's own CTR (null without impressions; clamped at 0 when counts carry privacy noise).
const ctrPercent = (c: PositionCell): number | null => (c.ctr !== null && Number.isFinite(c.ctr) ? 100 * c.ctr : null);

export function positionSeries(points: readonly PositionPoint[]): PositionSeries {
  const sorted = [...points].sort((a, b) => a.position - b.position);
  return {
    slots: sorted.map((p) => p.position + 1),
    treatment: sorted.map((p) => ctrPercent(p.treatment)),
    control: sorted.map((p) => ctrPercent(p.control)),
    treatmentImpressions: sorted.map((p) => p.treatment.impressions),
    controlImpressions: sorted.map((p) => p.control.impressions),
  };
}

/** A curve needs two slots with a value in some arm; fewer is shown as an empty state. */
export function hasCurve(s: PositionSeries): boolean {
  const withData = s.slots.filter((_, i) => s.treatment[i] != null || s.control[i] != null).length;
  return withData >= 2;
}
