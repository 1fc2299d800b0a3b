// Experiment tool: is a stronger classic teacher to be had than the baseline train.py distils?
// Trains variants of the TF-IDF baseline (kind and options, `lr:epochs=10`; `ens` = the mean of the
// lr and nb probabilities) per source on the prepared train split, scores them on the test split,
// prints accuracy per source and pooled per language.
//   npx tsx scripts/teacher-probe.ts [--data models/data] [--task sentiment] [--variants lr,nb,ens,lr:epochs=10,lr:l2=3e-6]
import { trainBaseline } from '../src/core/text/baseline';
import { readJsonlSplit } from '../server/text/prepare';
import { flag } from './flag';
const data = flag('data', 'models/data');
const task = flag('task', 'sentiment') as 'category' | 'sentiment';
const variants = flag('variants', 'lr,nb,ens').split(',');

const train = readJsonlSplit(data, 'train').filter((r) => r[task] != null);
const test = readJsonlSplit(data, 'test').filter((r) => r[task] != null);

/** Labels, and per text a probability per label in that order. */
interface Fitted { labels: readonly string[]; probabilities: (texts: string[]) => Float64Array[] }

function fit(variant: string, texts: string[], labels: string[]): Fitted {
  const [kind, ...opts] = variant.split(':');
  const o = Object.fromEntries(opts.map((p) => p.split('=')).map(([k, v]) => [k!, Number(v)]));
  if (kind === 'lr' || kind === 'nb') {
    const m = trainBaseline(texts, labels, { kind, ...(o.epochs ? { epochs: o.epochs } : {}), ...(o.l2 ? { l2: o.l2 } : {}), ...(o.lr ? { learningRate: o.lr } : {}) });
    return { labels: m.labels, probabilities: (t) => m.probabilities(t) };
  }
  if (kind === 'ens') {
    // Mean of the members' probabilities (both order labels the same way: trainBaseline sorts them).
    const members = [fit('lr', texts, labels), fit('nb', texts, labels)];
    return {
      labels: members[0]!.labels,
      probabilities: (t) => {
        const all = members.map((m) => m.probabilities(t));
        return t.map((_, i) => all[0]![i]!.map((_, c) => all.reduce((sum, p) => sum + p[i]![c]!, 0) / all.length));
      },
    };
  }
  throw new Error(`unknown variant ${variant}`);
}

const sources = [...new Set(test.map((r) => r.source))];
for (const variant of variants) {
  const t0 = Date.now();
  const pooled = new Map<string, [number, number]>();
  const parts: string[] = [];
  for (const source of sources) {
    const tr = train.filter((r) => r.source === source);
    const te = test.filter((r) => r.source === source);
    const m = fit(variant, tr.map((r) => r.text), tr.map((r) => r[task]!));
    const probs = m.probabilities(te.map((r) => r.text));
    let right = 0;
    te.forEach((r, i) => {
      const s = probs[i]!;
      if (m.labels[s.indexOf(Math.max(...s))] === r[task]) right++;
    });
    const lang = te[0]!.lang;
    const p = pooled.get(lang) ?? [0, 0];
    pooled.set(lang, [p[0] + right, p[1] + te.length]);
    parts.push(`${source} ${((100 * right) / te.length).toFixed(2)}`);
  }
  const pool = [...pooled].map(([l, [r, n]]) => `${l} ${((100 * r) / n).toFixed(2)}`).join('  ');
  console.log(`${variant.padEnd(28)} ${pool}  | ${parts.join('  ')}  (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}
