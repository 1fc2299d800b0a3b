/**
 * Position-bias correction from aggregate counts (the per-item, per-slot impressions and clicks
 * the SDK sends). A tile lower in the widget is clicked less because fewer shoppers look at it,
 * not only because it is worse; comparing raw click rates would keep rewarding whatever already
 * sits on top. Examination by slot is estimated from CTR by slot, normalised to slot 0, and an
 * item's corrected rate is clicks / Σ(impressions × examination(slot)).
 *
 * CTR by slot alone also reflects which items the ranking put there (better items on top make
 * the curve look steeper than it is), so the estimate is refined item by item on the same
 * item × slot counts (see `iterations`); it needs items seen at several slots, which ranking
 * changes and the exploration slots provide. `reshelf simulate explore` prints the estimated
 * curve beside the true one.
 */
import type { ItemId } from './types';

/** One aggregate row: an item's impressions and clicks at one displayed slot. */
export interface PositionCount {
  itemId: ItemId;
  /** 0-based displayed slot; negative means not shown in a widget (ignored). */
  position: number;
  impressions: number;
  clicks: number;
}

/** Position-corrected counts of one item: `[clicks, examined]`, examined = Σ impressions × examination(slot). A tuple keeps the slice small. */
export type CorrectedCounts = readonly [clicks: number, examined: number];

export interface ExaminationOptions {
  /** Slots with fewer impressions borrow the estimate of the slot above. @defaultValue 50 */
  minImpressions?: number;
  /** Lowest examination probability, so a few lucky clicks deep down cannot explode a rate. @defaultValue 0.05 */
  floor?: number;
  /**
   * Rounds of the item-controlled refinement (0 = plain CTR by slot). Plain CTR by slot is
   * confounded once ranking puts better items on top; alternating rate_i = clicks_i / Σ_p n_ip·e_p
   * and e_p = clicks_p / Σ_i n_ip·rate_i (the position-based click model, fitted on the same
   * item × slot counts) compares each item with itself across slots. @defaultValue 20
   */
  iterations?: number;
}

/**
 * Weighted isotonic fit (pool adjacent violators) of clicks / expected per slot into a
 * non-increasing curve normalised to slot 0; thin slots are pooled with the slot above.
 */
function monotoneCurve(clicks: readonly number[], expected: readonly number[], imps: readonly number[], minImpressions: number, floor: number): number[] {
  // Blocks of pooled slots: [first slot, clicks, expected, impressions].
  const blocks: Array<[number, number, number, number]> = [];
  for (let p = 0; p < imps.length; p++) {
    if (!((imps[p] ?? 0) > 0) || !((expected[p] ?? 0) > 0)) continue;
    blocks.push([p, clicks[p] ?? 0, expected[p]!, imps[p]!]);
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1]!;
      const a = blocks[blocks.length - 2]!;
      if (b[3] >= minImpressions && b[1] / b[2] <= a[1] / a[2]) break;
      a[1] += b[1];
      a[2] += b[2];
      a[3] += b[3];
      blocks.pop();
    }
  }
  const top = blocks[0] && blocks[0][0] === 0 ? blocks[0][1] / blocks[0][2] : 0;
  if (!(top > 0)) return [];
  const curve = new Array<number>(imps.length).fill(1);
  blocks.forEach(([from, c, e], i) => {
    const to = blocks[i + 1]?.[0] ?? imps.length;
    const v = Math.max(floor, Math.min(1, c / e / top));
    for (let p = from; p < to; p++) curve[p] = v;
  });
  return curve;
}

/**
 * Examination probability per slot relative to slot 0 (index = slot; 1 at slot 0), non-increasing.
 * Empty when slot 0 has too few impressions or no clicks yet: then no correction is applied.
 */
export function examinationCurve(rows: Iterable<PositionCount>, options: ExaminationOptions = {}): number[] {
  const minImpressions = options.minImpressions ?? 50;
  const floor = options.floor ?? 0.05;
  const iterations = options.iterations ?? 20;
  const imps: number[] = [];
  const clicks: number[] = [];
  const cells: Array<{ item: number; p: number; n: number }> = [];
  const itemIndex = new Map<ItemId, number>();
  const itemClicks: number[] = [];
  for (const r of rows) {
    if (!(r.position >= 0) || !(r.impressions > 0)) continue;
    const c = Math.max(0, r.clicks);
    imps[r.position] = (imps[r.position] ?? 0) + r.impressions;
    clicks[r.position] = (clicks[r.position] ?? 0) + c;
    let item = itemIndex.get(r.itemId);
    if (item === undefined) { itemIndex.set(r.itemId, (item = itemClicks.length)); itemClicks.push(0); }
    itemClicks[item]! += c;
    cells.push({ item, p: r.position, n: r.impressions });
  }
  if (!((imps[0] ?? 0) >= minImpressions)) return [];
  let curve = monotoneCurve(clicks, imps, imps, minImpressions, floor);
  for (let k = 0; k < iterations && curve.length > 0; k++) {
    const examined = new Array<number>(itemClicks.length).fill(0);
    for (const { item, p, n } of cells) examined[item]! += n * curve[p]!;
    const expected = new Array<number>(imps.length).fill(0);
    for (const { item, p, n } of cells) if (examined[item]! > 0) expected[p]! += (n * itemClicks[item]!) / examined[item]!;
    curve = monotoneCurve(clicks, expected, imps, minImpressions, floor);
  }
  return curve;
}

/** Examination of a slot from a curve (slots past its end take its last value; no curve = no correction). */
export function examinationAt(curve: readonly number[], position: number): number {
  if (curve.length === 0) return 1;
  return curve[Math.min(Math.max(0, position), curve.length - 1)]!;
}

/** Per item `[clicks, examined]` from aggregate rows and an examination curve. */
export function correctedCounts(rows: Iterable<PositionCount>, curve: readonly number[]): Record<ItemId, CorrectedCounts> {
  const acc = new Map<ItemId, [number, number]>();
  for (const r of rows) {
    if (!(r.position >= 0) || !(r.impressions > 0)) continue;
    let c = acc.get(r.itemId);
    if (!c) acc.set(r.itemId, (c = [0, 0]));
    c[0] += Math.max(0, r.clicks);
    c[1] += r.impressions * examinationAt(curve, r.position);
  }
  const out: Record<ItemId, CorrectedCounts> = {};
  // Two decimals: plenty for a rate, and the tuples travel with the slice.
  for (const [id, [c, e]] of acc) out[id] = [c, Math.round(e * 100) / 100];
  return out;
}

/**
 * The aggregate click prior for `rank()` (`RankInput.prior`, 0..1): corrected rates scaled so the
 * best is 1. Items examined fewer than `minExamined` times are left out (a rate from 3 views is noise).
 */
export function clickPrior(counts: Readonly<Record<ItemId, CorrectedCounts>>, minExamined = 20): Record<ItemId, number> {
  const rates: Array<[ItemId, number]> = [];
  for (const [id, [c, e]] of Object.entries(counts)) if (e >= minExamined) rates.push([id, Math.min(c, e) / e]);
  const max = Math.max(0, ...rates.map(([, r]) => r));
  const out: Record<ItemId, number> = {};
  if (max > 0) for (const [id, r] of rates) out[id] = r / max;
  return out;
}
