/**
 * Layout of the forest chart (lift point and 95% CI per metric on one axis with a zero line).
 * Pure: the axis always holds 0 and every interval, with round ticks, and positions are
 * percentages of the track width, so the same layout works at any screen width.
 */

export interface ForestAxis {
  lo: number;
  hi: number;
  ticks: number[];
}

export interface ForestRow {
  key: string;
  /** Percent of the track (0–100); null when the metric has no CI. */
  low: number | null;
  high: number | null;
  point: number | null;
  significant: boolean;
}

export interface ForestInput {
  key: string;
  estimate: number | null;
  ci: readonly [number, number] | null;
  significant: boolean;
}

const STEPS = [0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5];
/** Ticks wanted on the axis; fewer fit a phone, the step rounding decides the exact count. */
const TARGET_TICKS = 5;

const finite = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

export function forestAxis(rows: readonly ForestInput[]): ForestAxis {
  let lo = 0;
  let hi = 0;
  for (const r of rows) {
    if (!r.ci || !finite(r.ci[0]) || !finite(r.ci[1])) continue;
    lo = Math.min(lo, r.ci[0]);
    hi = Math.max(hi, r.ci[1]);
  }
  // No interval yet: a symmetric ±10% frame so the zero line sits in the middle.
  if (hi - lo < 1e-9) return { lo: -0.1, hi: 0.1, ticks: [-0.1, -0.05, 0, 0.05, 0.1] };
  const step = STEPS.find((s) => (hi - lo) / s <= TARGET_TICKS) ?? STEPS[STEPS.length - 1]!;
  const a = Math.floor(lo / step) * step;
  const b = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  // Integer multiples, so floating error never produces "0.30000000000000004".
  for (let i = Math.round(a / step); i <= Math.round(b / step); i++) ticks.push(Number((i * step).toFixed(6)));
  return { lo: ticks[0]!, hi: ticks[ticks.length - 1]!, ticks };
}

export function toPercent(x: number, axis: ForestAxis): number {
  const span = axis.hi - axis.lo;
  return span > 0 ? Math.min(100, Math.max(0, ((x - axis.lo) / span) * 100)) : 50;
}

export function forestRows(rows: readonly ForestInput[], axis: ForestAxis): ForestRow[] {
  return rows.map((r) => {
    const { ci, estimate } = r;
    if (!ci || !finite(ci[0]) || !finite(ci[1]) || !finite(estimate)) return { key: r.key, low: null, high: null, point: null, significant: false };
    return { key: r.key, low: toPercent(ci[0], axis), high: toPercent(ci[1], axis), point: toPercent(estimate, axis), significant: r.significant };
  });
}

/** Axis labels: "+10%", "−2.5%", "0%" (one decimal only when the tick needs it). */
export function tickLabel(t: number): string {
  const pct = Math.round(t * 1000) / 10;
  const text = Number.isInteger(pct) ? Math.abs(pct).toFixed(0) : Math.abs(pct).toFixed(1);
  return pct === 0 ? '0%' : `${pct > 0 ? '+' : '−'}${text}%`;
}
