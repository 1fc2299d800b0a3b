// Experiment tool: out-of-fold TF-IDF + logistic-regression probabilities for every labelled row
// of the prepared train split, per source and task, for distilling the per-source baseline into
// the one on-device model (models/train/train.py --teacher). Out of fold, so a row's teacher never
// saw that row: k folds by row index within each source.
//   npx tsx scripts/text-teacher.ts [--data models/data] [--folds 5] [--out models/.cache/teacher.jsonl]
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { trainBaseline } from '../src/core/text/baseline';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const data = arg('data', 'models/data');
const folds = Number(arg('folds', '5'));
const out = arg('out', 'models/.cache/teacher.jsonl');

interface Row { text: string; source: string; category?: string | null; sentiment?: string | null }
const rows: Row[] = readFileSync(`${data}/train.jsonl`, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Row);
const lines: string[] = [];
const started = Date.now();
for (const task of ['category', 'sentiment'] as const) {
  const bySource = new Map<string, number[]>();
  rows.forEach((r, i) => { if (r[task] != null) (bySource.get(r.source) ?? bySource.set(r.source, []).get(r.source)!).push(i); });
  for (const [source, idx] of bySource) {
    let right = 0;
    for (let f = 0; f < folds; f++) {
      const train = idx.filter((_, j) => j % folds !== f);
      const held = idx.filter((_, j) => j % folds === f);
      const model = trainBaseline(train.map((i) => rows[i]!.text), train.map((i) => rows[i]![task]!));
      const scores = model.scores(held.map((i) => rows[i]!.text));
      held.forEach((i, j) => {
        const s = scores[j]!;
        const max = Math.max(...s);
        const e = Array.from(s, (v) => Math.exp(v - max));
        const z = e.reduce((a, b) => a + b, 0);
        const probs = Object.fromEntries(model.labels.map((l, c) => [l, e[c]! / z]));
        if (model.labels[e.indexOf(Math.max(...e))] === rows[i]![task]) right++;
        lines.push(JSON.stringify({ i, task, probs }));
      });
    }
    console.log(`${source} ${task}: ${idx.length} rows, out-of-fold accuracy ${((100 * right) / idx.length).toFixed(2)}% (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, lines.join('\n') + '\n');
console.log(`wrote ${lines.length} rows to ${out}`);
