/**
 * Reference models of the session-based literature, computed on the same split. They read raw
 * training sessions, which reshelf's backend never receives; they exist to be beaten.
 * - most-popular: training click counts.
 * - item-kNN: cosine on session co-occurrence (sessions containing both / √(sessions(a)·sessions(b))),
 *   scored from the last item only (Hidasi et al. 2016's baseline).
 * - SR: sequential rules (Ludewig & Jannach 2018): a→b weighted 1/steps for b up to 10 clicks after a,
 *   top 20 rules per item, scored from the last item.
 */
import { popularity, type Encoded } from './encode';
import { SparseScores, type Predictor } from './predictor';

/** Neighbour lists in CSR form. */
interface Neighbourhood {
  start: Int32Array;
  item: Int32Array;
  score: Float64Array;
}

function toCsr(n: number, pairs: Map<number, number>, topK: number, symmetric: boolean, score: (a: number, b: number, w: number) => number): Neighbourhood {
  const lists: Array<Array<[number, number]>> = Array.from({ length: n }, () => []);
  for (const [key, w] of pairs) {
    const a = Math.floor(key / n);
    const b = key % n;
    lists[a]!.push([b, score(a, b, w)]);
    if (symmetric) lists[b]!.push([a, score(a, b, w)]);
  }
  const start = new Int32Array(n + 1);
  let total = 0;
  for (let a = 0; a < n; a++) {
    const l = lists[a]!.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    if (l.length > topK) l.length = topK;
    start[a] = total;
    total += l.length;
  }
  start[n] = total;
  const item = new Int32Array(total);
  const s = new Float64Array(total);
  for (let a = 0; a < n; a++) lists[a]!.forEach(([b, v], j) => { item[start[a]! + j] = b; s[start[a]! + j] = v; });
  return { start, item, score: s };
}

class LastItemModel implements Predictor {
  private readonly scores: SparseScores;
  constructor(readonly name: string, private readonly nb: Neighbourhood, pop: Float64Array) {
    this.scores = new SparseScores(pop.length, pop);
  }
  answer(items: Int32Array, _t: Float64Array, length: number): SparseScores {
    const s = this.scores.reset();
    const last = items[length - 1]!;
    for (let j = this.nb.start[last]!; j < this.nb.start[last + 1]!; j++) s.add(this.nb.item[j]!, this.nb.score[j]!);
    return s;
  }
}

export function mostPopular(train: Encoded, n: number): Predictor {
  const pop = popularity(train, n);
  const ranked = Array.from({ length: n }, (_, i) => i).sort((a, b) => pop[b]! - pop[a]! || a - b);
  return {
    name: 'most-popular',
    answer: () => ({
      top: (k) => ranked.slice(0, k),
      candidateRank: (c, target) => { let r = 1; const s = pop[c[target]!]!; c.forEach((id, i) => { if (pop[id]! > s || (pop[id] === s && i < target)) r++; }); return r; },
    }),
  };
}

export function itemKnn(train: Encoded, n: number, topK = 100): Predictor {
  const inSessions = new Float64Array(n);
  const co = new Map<number, number>();
  for (let s = 0; s + 1 < train.offsets.length; s++) {
    const u = [...new Set(train.items.subarray(train.offsets[s]!, train.offsets[s + 1]!))];
    for (const a of u) inSessions[a]!++;
    for (let i = 0; i < u.length; i++) {
      for (let j = i + 1; j < u.length; j++) {
        const a = Math.min(u[i]!, u[j]!);
        const b = Math.max(u[i]!, u[j]!);
        co.set(a * n + b, (co.get(a * n + b) ?? 0) + 1);
      }
    }
  }
  const nb = toCsr(n, co, topK, true, (a, b, w) => w / Math.sqrt(inSessions[a]! * inSessions[b]!));
  return new LastItemModel('item-knn', nb, popularity(train, n));
}

export function sequentialRules(train: Encoded, n: number, steps = 10, prune = 20): Predictor {
  const rules = new Map<number, number>();
  for (let s = 0; s + 1 < train.offsets.length; s++) {
    const from = train.offsets[s]!;
    const to = train.offsets[s + 1]!;
    for (let i = from + 1; i < to; i++) {
      const b = train.items[i]!;
      for (let j = i - 1; j >= Math.max(from, i - steps); j--) {
        const a = train.items[j]!;
        if (a === b) continue;
        rules.set(a * n + b, (rules.get(a * n + b) ?? 0) + 1 / (i - j));
      }
    }
  }
  const nb = toCsr(n, rules, prune, false, (_a, _b, w) => w);
  return new LastItemModel('sr', nb, popularity(train, n));
}
