/**
 * Next-item metrics. A case is summarised by two 1-based ranks of the true next item: in the
 * full-catalogue top list (0 = not listed) and among the 50 candidates. Pure.
 */

export interface Metrics {
  /** Hit rate at 20 over the whole catalogue (= P@20 of the session-based literature). */
  hr20: number;
  mrr20: number;
  /** The flash-sale setting: the true next item among 49 popularity-sampled others. */
  cand50: { hr5: number; ndcg10: number; mrr: number };
}

export const hitAt = (rank: number, k: number): number => (rank >= 1 && rank <= k ? 1 : 0);
export const rrAt = (rank: number, k: number): number => (rank >= 1 && rank <= k ? 1 / rank : 0);
/** One relevant item: DCG = 1/log2(rank+1), ideal DCG = 1. */
export const ndcgAt = (rank: number, k: number): number => (rank >= 1 && rank <= k ? 1 / Math.log2(rank + 1) : 0);

export class MetricSum {
  private n = 0;
  private hr20 = 0;
  private mrr20 = 0;
  private hr5 = 0;
  private ndcg10 = 0;
  private mrr = 0;

  add(fullRank: number, candRank: number): void {
    this.n++;
    this.hr20 += hitAt(fullRank, 20);
    this.mrr20 += rrAt(fullRank, 20);
    this.hr5 += hitAt(candRank, 5);
    this.ndcg10 += ndcgAt(candRank, 10);
    this.mrr += candRank >= 1 ? 1 / candRank : 0;
  }

  get count(): number {
    return this.n;
  }

  result(): Metrics {
    const f = (x: number) => (this.n ? Math.round((x / this.n) * 1e6) / 1e6 : 0);
    return { hr20: f(this.hr20), mrr20: f(this.mrr20), cand50: { hr5: f(this.hr5), ndcg10: f(this.ndcg10), mrr: f(this.mrr) } };
  }
}

/** 1-based rank of `list[target]` when sorted by score; ties go to the earlier entry. */
export function rankInList(scores: ArrayLike<number>, target: number): number {
  const s = scores[target]!;
  let r = 1;
  for (let i = 0; i < scores.length; i++) if (scores[i]! > s || (scores[i] === s && i < target)) r++;
  return r;
}

/**
 * Draws `n` distinct items ≠ `exclude` with probability proportional to popularity, from the
 * cumulative counts `cum` (cum[i] = Σ counts[0..i]). Deterministic for a seeded `rand`.
 */
export function sampleByPopularity(cum: Float64Array, n: number, exclude: number, rand: () => number): number[] {
  const total = cum[cum.length - 1] ?? 0;
  const picked = new Set<number>();
  const max = Math.min(n, cum.length - 1);
  for (let guard = 0; picked.size < max && guard < 100 * n; guard++) {
    const x = rand() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    if (lo !== exclude) picked.add(lo);
  }
  // A few items holding nearly all the mass: top up with unpicked items drawn uniformly.
  while (picked.size < max) {
    const i = Math.floor(rand() * (cum.length));
    if (i !== exclude) picked.add(i);
  }
  return [...picked];
}
