/**
 * What the evaluation asks of every model, and a sparse score vector the baselines share.
 * A model sees a test session's prefix (integer item ids, oldest first) and answers with a
 * full-catalogue top-n and the 1-based rank of the true item among candidates.
 */

export interface PrefixAnswer {
  /** Best first, at most n items. */
  top(n: number): ArrayLike<number>;
  /** 1-based rank of `candidates[target]`; ties go to the earlier candidate (the list is shuffled). */
  candidateRank(candidates: readonly number[], target: number): number;
}

export interface Predictor {
  readonly name: string;
  /** `items` is the whole test session; the prefix is its first `length` clicks. */
  answer(items: Int32Array, times: Float64Array, length: number): PrefixAnswer;
}

/** Dense values with a list of touched entries, reset in O(touched) between prefixes. */
export class SparseScores implements PrefixAnswer {
  readonly value: Float64Array;
  private readonly touched: Int32Array;
  private count = 0;

  constructor(n: number, private readonly tieBreak: Float64Array) {
    this.value = new Float64Array(n);
    this.touched = new Int32Array(n);
  }

  reset(): this {
    for (let i = 0; i < this.count; i++) this.value[this.touched[i]!] = 0;
    this.count = 0;
    return this;
  }

  add(item: number, v: number): void {
    if (this.value[item] === 0) this.touched[this.count++] = item;
    this.value[item]! += v;
    if (this.value[item] === 0) this.value[item] = Number.MIN_VALUE; // keep it listed once
  }

  top(n: number): number[] {
    const ids = Array.from(this.touched.subarray(0, this.count));
    const v = this.value;
    const t = this.tieBreak;
    ids.sort((a, b) => v[b]! - v[a]! || t[b]! - t[a]! || a - b);
    return ids.slice(0, n);
  }

  candidateRank(candidates: readonly number[], target: number): number {
    return rankCandidates(candidates, target, (id) => this.value[id]!);
  }
}

export function rankCandidates(candidates: readonly number[], target: number, score: (id: number) => number): number {
  const s = score(candidates[target]!);
  let r = 1;
  for (let i = 0; i < candidates.length; i++) {
    const x = score(candidates[i]!);
    if (x > s || (x === s && i < target)) r++;
  }
  return r;
}
