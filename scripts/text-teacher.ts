// Experiment tool: out-of-fold TF-IDF + logistic-regression probabilities for every labelled row
// of the prepared train split, per source and task, for distilling the per-source baseline into
// the one on-device model (models/train/train.py --teacher). Out of fold, so a row's teacher never
// saw that row: k folds by row index within each source.
//
// With --augment N, it also writes a copy of the data folder whose train.jsonl has N variants of
// every row of the --augment-sources after the original rows (src/core/text/augment.ts: a crop,
// a clause left out, two texts of the same fold joined). Each variant is labelled by the teacher
// of its row's fold (soft probabilities, and the argmax as its label) under the source name
// `<source>~aug`, so train.py's --source-caps can cap variants apart from real rows.
//   npx tsx scripts/text-teacher.ts [--data models/data] [--folds 5] [--out models/.cache/teacher.jsonl]
//     [--augment 2 --augment-sources waimai-10k,online-shopping-10-cats --augment-out models/.cache/data-aug]
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { seededRng } from '../src/core/rng';
import { VARIANT_KINDS, variantOf } from '../src/core/text/augment';
import { trainBaseline } from '../src/core/text/baseline';
import { readJsonlSplit } from '../server/text/prepare';
import { flag } from './flag';
const data = flag('data', 'models/data');
const folds = Number(flag('folds', '5'));
const out = flag('out', 'models/.cache/teacher.jsonl');
const augment = Number(flag('augment', '0'));
const augmentSources = new Set(flag('augment-sources', '').split(',').filter(Boolean));
const augmentOut = flag('augment-out', 'models/.cache/data-aug');
if (!Number.isInteger(augment) || augment < 0) throw new Error(`--augment must be a whole number ≥ 0, got ${flag('augment', '0')}`);
if (augment > 0 && augmentSources.size === 0) throw new Error('--augment needs --augment-sources <source,…>');

const rows = readJsonlSplit(data, 'train');
const TASKS = ['category', 'sentiment'] as const;

// Rows of each source in file order; a row's fold is its position there modulo --folds.
const bySource = new Map<string, number[]>();
rows.forEach((r, i) => (bySource.get(r.source) ?? bySource.set(r.source, []).get(r.source)!).push(i));
const foldOf = new Int32Array(rows.length);
for (const idx of bySource.values()) idx.forEach((i, j) => (foldOf[i] = j % folds));

// Variants: each knows its original row, and so its fold and its teacher.
interface Variant { of: number; text: string }
const variants: Variant[] = [];
const rng = seededRng(7);
const texts = rows.map((r) => r.text);
for (const source of [...augmentSources].sort()) {
  const idx = bySource.get(source);
  if (!idx) throw new Error(`--augment-sources: no train rows of ${source} (sources: ${[...bySource.keys()].join(', ')})`);
  const byFold = Array.from({ length: folds }, (_, f) => idx.filter((i) => foldOf[i] === f));
  for (let n = 0; n < augment; n++) {
    for (const i of idx) variants.push({ of: i, text: variantOf(texts, i, byFold[foldOf[i]!]!, VARIANT_KINDS[(n + i) % VARIANT_KINDS.length]!, rng) });
  }
}
const variantsOf = new Map<number, number[]>();
variants.forEach((v, k) => (variantsOf.get(v.of) ?? variantsOf.set(v.of, []).get(v.of)!).push(k));

const lines: string[] = [];
const variantLabels: Partial<Record<(typeof TASKS)[number], string>>[] = variants.map(() => ({}));
const started = Date.now();
for (const task of TASKS) {
  for (const [source, all] of bySource) {
    const idx = all.filter((i) => rows[i]![task] != null);
    if (idx.length === 0) continue;
    let right = 0;
    for (let f = 0; f < folds; f++) {
      const train = idx.filter((i) => foldOf[i] !== f);
      const held = idx.filter((i) => foldOf[i] === f);
      if (held.length === 0 || train.length === 0) continue;
      const model = trainBaseline(train.map((i) => rows[i]!.text), train.map((i) => rows[i]![task]!));
      const heldVariants = held.flatMap((i) => variantsOf.get(i) ?? []);
      const probs = model.probabilities([...held.map((i) => rows[i]!.text), ...heldVariants.map((k) => variants[k]!.text)]);
      held.forEach((i, j) => {
        const p = probs[j]!;
        if (model.labels[p.indexOf(Math.max(...p))] === rows[i]![task]) right++;
        lines.push(JSON.stringify({ i, task, probs: Object.fromEntries(model.labels.map((l, c) => [l, p[c]])) }));
      });
      heldVariants.forEach((k, j) => {
        const p = probs[held.length + j]!;
        variantLabels[k]![task] = model.labels[p.indexOf(Math.max(...p))]!;
        lines.push(JSON.stringify({ i: rows.length + k, task, probs: Object.fromEntries(model.labels.map((l, c) => [l, p[c]])) }));
      });
    }
    console.log(`${source} ${task}: ${idx.length} rows, out-of-fold accuracy ${((100 * right) / idx.length).toFixed(2)}% (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, lines.join('\n') + '\n');
console.log(`wrote ${lines.length} teacher rows to ${out}`);
if (augment > 0) {
  mkdirSync(augmentOut, { recursive: true });
  const extra = variants.map((v, k) => {
    const o = rows[v.of]!;
    return JSON.stringify({ text: v.text, lang: o.lang, source: `${o.source}~aug`, category: variantLabels[k]!.category ?? null, sentiment: variantLabels[k]!.sentiment ?? null });
  });
  writeFileSync(`${augmentOut}/train.jsonl`, [...rows.map((r) => JSON.stringify(r)), ...extra].join('\n') + '\n');
  for (const f of ['dev.jsonl', 'test.jsonl']) copyFileSync(`${data}/${f}`, `${augmentOut}/${f}`);
  console.log(`wrote ${rows.length} rows + ${variants.length} variants to ${augmentOut}/train.jsonl (dev and test copied)`);
}
