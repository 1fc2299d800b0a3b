/**
 * The SIMULATED world of `reshelf simulate explore`: items with hidden click-through rates and
 * a hidden position-bias curve. Nothing here is known to the policies; they only see the
 * aggregate counts the SDK would send.
 */
import { seededRng, type Rng } from '../../src/core/rng';

export interface World {
  ids: string[];
  /** Hidden CTR of each item when examined. */
  ctr: number[];
  /** The merchant's order (indices into ids): unrelated to CTR, the merchant does not know it. */
  merchant: number[];
  /** Hidden examination probability per slot (0 past the visible slots: no impression). */
  examination: number[];
  /** Slots a shopper sees (impressions are counted there). */
  visible: number;
}

export interface WorldOptions {
  items: number;
  visible: number;
  seed: number;
}

function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

export function makeWorld({ items, visible, seed }: WorldOptions): World {
  const rng = seededRng(seed);
  // Log-normal CTRs around 3%: a long tail and a few items several times better than the median.
  const ctr = Array.from({ length: items }, () => Math.min(0.5, 0.03 * Math.exp(0.7 * normal(rng))));
  const merchant = Array.from({ length: items }, (_, i) => i);
  for (let i = items - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [merchant[i], merchant[j]] = [merchant[j]!, merchant[i]!];
  }
  // A typical grid decay: slot 10 is looked at about 20% as often as slot 0.
  const examination = Array.from({ length: items }, (_, p) => (p < visible ? 1 / Math.pow(1 + p, 0.7) : 0));
  return { ids: ctr.map((_, i) => `sim-${i}`), ctr, merchant, examination, visible };
}

/** Expected clicks of one page view showing `order` (item indices by slot). */
export function expectedClicks(world: World, order: readonly number[]): number {
  let sum = 0;
  for (let p = 0; p < world.visible && p < order.length; p++) sum += world.examination[p]! * world.ctr[order[p]!]!;
  return sum;
}

/** The truly best `k` items (indices), best first. */
export function bestItems(world: World, k: number): number[] {
  return world.ctr.map((c, i) => [c, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, k).map(([, i]) => i);
}
