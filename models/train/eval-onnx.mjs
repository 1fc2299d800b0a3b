// Score the exported ONNX files (fp32 and int8) on a JSONL split, in Node, exactly as the
// browser will see them: transformers.js tokenizer + model loading, onnxruntime underneath.
// Prints one JSON object: accuracy / macro-F1 per head and language for each file, and how
// often int8 and fp32 pick the same label.
//   node models/train/eval-onnx.mjs --model models/reshelf-intent --data models/data/test.jsonl
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AutoModelForSequenceClassification, AutoTokenizer, env } from '@huggingface/transformers';

const { values: args } = parseArgs({
  options: { model: { type: 'string' }, data: { type: 'string' }, limit: { type: 'string' }, batch: { type: 'string' } },
});
if (!args.model || !args.data) throw new Error('usage: eval-onnx.mjs --model <dir> --data <split.jsonl> [--limit N]');
const modelDir = resolve(args.model);
env.allowRemoteModels = false;
env.localModelPath = dirname(modelDir) + '/';
const name = basename(modelDir);

const config = JSON.parse(readFileSync(`${modelDir}/config.json`, 'utf8'));
const heads = config.reshelf.heads;
let rows = readFileSync(args.data, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
if (args.limit) rows = rows.slice(0, Number(args.limit));
const tokenizer = await AutoTokenizer.from_pretrained(name);

async function predict(dtype) {
  const model = await AutoModelForSequenceClassification.from_pretrained(name, { dtype });
  const order = rows.map((_, i) => i).sort((a, b) => rows[a].text.length - rows[b].text.length);
  const preds = new Array(rows.length);
  const size = Number(args.batch ?? 64);
  const t0 = performance.now();
  for (let s = 0; s < order.length; s += size) {
    const idx = order.slice(s, s + size);
    const inputs = tokenizer(idx.map((i) => rows[i].text), { padding: true, truncation: true });
    const { logits } = await model(inputs);
    const width = logits.dims[1];
    idx.forEach((row, r) => {
      const out = {};
      for (const h of heads) {
        let best = 0;
        for (let k = 1; k < h.labels.length; k++) {
          if (logits.data[r * width + h.offset + k] > logits.data[r * width + h.offset + best]) best = k;
        }
        out[h.name] = h.labels[best];
      }
      preds[row] = out;
    });
  }
  await model.dispose();
  return { preds, seconds: (performance.now() - t0) / 1000 };
}

function score(preds) {
  const result = {};
  for (const h of heads) {
    result[h.name] = {};
    for (const lang of ['zh', 'en', 'all']) {
      const idx = rows.map((r, i) => i).filter((i) => rows[i][h.name] != null && (lang === 'all' || rows[i].lang === lang));
      if (idx.length === 0) continue;
      const correct = idx.filter((i) => preds[i][h.name] === rows[i][h.name]).length;
      const f1s = h.labels.map((label) => {
        const tp = idx.filter((i) => preds[i][h.name] === label && rows[i][h.name] === label).length;
        const fp = idx.filter((i) => preds[i][h.name] === label && rows[i][h.name] !== label).length;
        const fn = idx.filter((i) => preds[i][h.name] !== label && rows[i][h.name] === label).length;
        return tp + fp + fn ? (2 * tp) / (2 * tp + fp + fn) : null;
      }).filter((f) => f !== null);
      result[h.name][lang] = { n: idx.length, accuracy: correct / idx.length, macro_f1: f1s.reduce((a, b) => a + b, 0) / f1s.length };
    }
  }
  return result;
}

const fp32 = await predict('fp32');
const q8 = await predict('q8');
const agreement = {};
for (const h of heads) agreement[h.name] = rows.filter((_, i) => fp32.preds[i][h.name] === q8.preds[i][h.name]).length / rows.length;
console.log(JSON.stringify({
  data: args.data, rows: rows.length,
  fp32: { seconds: fp32.seconds, ...score(fp32.preds) },
  q8: { seconds: q8.seconds, ...score(q8.preds) },
  agreement,
}, null, 2));
