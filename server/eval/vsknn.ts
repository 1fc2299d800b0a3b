/**
 * V-SKNN (Ludewig & Jannach 2018): session-based kNN with the current session's items weighted
 * by recency. It needs every raw training session on the server, which reshelf never has (the
 * SDK sends only item pairs), so it shows what privacy costs; reshelf aims to pay nothing.
 * Settings as the common defaults: the 1000 most recent training sessions sharing an item with
 * the prefix, the 100 most similar of them; prefix item i of L weighs i/L (newest = 1); an
 * item's score is the sum of the similarities of the neighbour sessions containing it.
 */
import { popularity, type Encoded } from './encode';
import { SparseScores, type Predictor } from './predictor';

export interface VsknnOptions {
  k?: number;
  sampleSize?: number;
}

export function vsknn(train: Encoded, n: number, options: VsknnOptions = {}): Predictor {
  const k = options.k ?? 100;
  const sampleSize = options.sampleSize ?? 1000;
  const sessions = train.offsets.length - 1;
  // Sessions by end time, so a session's index is its recency.
  const order = Array.from({ length: sessions }, (_, s) => s).sort((a, b) => train.times[train.offsets[a + 1]! - 1]! - train.times[train.offsets[b + 1]! - 1]! || a - b);
  const start = new Int32Array(sessions + 1);
  const items: number[] = [];
  order.forEach((s, i) => {
    start[i] = items.length;
    items.push(...new Set(train.items.subarray(train.offsets[s]!, train.offsets[s + 1]!)));
  });
  start[sessions] = items.length;
  const sessItems = Int32Array.from(items);
  // Postings: for each item, the sessions containing it, oldest first.
  const postStart = new Int32Array(n + 1);
  for (const it of sessItems) postStart[it + 1]!++;
  for (let i = 0; i < n; i++) postStart[i + 1]! += postStart[i]!;
  const fill = postStart.slice(0, n);
  const post = new Int32Array(sessItems.length);
  for (let s = 0; s < sessions; s++) for (let j = start[s]!; j < start[s + 1]!; j++) post[fill[sessItems[j]!]!++] = s;

  const weight = new Float64Array(n);
  const stamp = new Int32Array(sessions);
  let epoch = 0;
  const sim = new Float64Array(sessions);
  const scores = new SparseScores(n, popularity(train, n));

  return {
    name: 'v-sknn',
    answer(prefix, _t, length) {
      epoch++;
      const cands: number[] = [];
      for (let i = 0; i < length; i++) weight[prefix[i]!] = (i + 1) / length;
      for (let i = 0; i < length; i++) {
        const it = prefix[i]!;
        for (let j = postStart[it + 1]! - 1; j >= Math.max(postStart[it]!, postStart[it + 1]! - sampleSize); j--) {
          const s = post[j]!;
          if (stamp[s] !== epoch) { stamp[s] = epoch; cands.push(s); }
        }
      }
      cands.sort((a, b) => b - a); // most recent first
      if (cands.length > sampleSize) cands.length = sampleSize;
      for (const s of cands) {
        let v = 0;
        for (let j = start[s]!; j < start[s + 1]!; j++) v += weight[sessItems[j]!]!;
        sim[s] = v;
      }
      cands.sort((a, b) => sim[b]! - sim[a]! || b - a);
      const out = scores.reset();
      for (let c = 0; c < Math.min(k, cands.length); c++) {
        const s = cands[c]!;
        for (let j = start[s]!; j < start[s + 1]!; j++) out.add(sessItems[j]!, sim[s]!);
      }
      for (let i = 0; i < length; i++) weight[prefix[i]!] = 0;
      return out;
    },
  };
}
