// `npm run bench` (part 5): the on-device text model in headless Chromium, WASM.
//  - classify latency (p50, p95) over real shopper texts (zh + en) from ../shared/data, with one
//    thread and with two (two need a cross-origin isolated page: served with COOP/COEP);
//  - cold start (runtime + model download and load + warm-up + first classify) and the second
//    visit (everything from the browser's caches);
//  - in the same run, a bert-base-shaped model (12 layers, hidden 768, random weights) exported
//    by the same pipeline (models/train/export.py), and the p50 ratio (goal: shipped ≥ 20× faster);
//  - bytes a shopper downloads before the model is needed and once it is.
// Bounded: BENCH_INTENT_TEXTS (600) texts for the shipped model, BENCH_INTENT_BASE_TEXTS (150) for bert-base.
// Model: models/reshelf-intent, or RESHELF_INTENT_MODELS / RESHELF_INTENT_MODEL (see e2e/support/intent-server.ts).
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { register } from 'tsx/esm/api';

register();
const { startIntentServer, intentModel } = await import('../e2e/support/intent-server.ts');

const DATA = resolve(process.env.RESHELF_DATA ?? '../shared/data');
const N = Number(process.env.BENCH_INTENT_TEXTS ?? 600);
const N_BASE = Number(process.env.BENCH_INTENT_BASE_TEXTS ?? 150);
const BASE_NAME = 'bert-base-random';
const PYTHON = process.env.RESHELF_PYTHON ?? '/usr/bin/python3';

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const fmt = (x, d = 2) => Number(x).toFixed(d);
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;

/** Every k-th row of a source, so the sample spans the file; deterministic. */
const spread = (rows, n) => {
  const k = Math.max(1, Math.floor(rows.length / n));
  return rows.filter((_, i) => i % k === 0).slice(0, n);
};

/** Real shopper-like texts, zh and en, interleaved: reviews, titles, utterances. */
function texts(n) {
  const per = Math.ceil(n / 5);
  const csv = (file) => readFileSync(join(DATA, file), 'utf8').split('\n').slice(1).filter(Boolean);
  const zhReviews = spread(csv('online-shopping-10-cats/online_shopping_10_cats.csv').map((l) => l.split(',').slice(2).join(',').replace(/^\uFEFF/, '')), per);
  const zhWaimai = spread(csv('waimai-10k/waimai_10k.csv').map((l) => l.split(',').slice(1).join(',')), per);
  const enTitles = spread(readFileSync(join(DATA, 'pricerunner-product-titles/pricerunner_aggregate.csv'), 'utf8').split('\n').filter(Boolean).map((l) => l.split(',')[1]), per);
  const clinc = JSON.parse(readFileSync(join(DATA, 'clinc150/data_full.json'), 'utf8'));
  const enUtterances = spread([...clinc.test, ...clinc.oos_test].map(([t]) => t), per);
  const enReviews = spread(readFileSync(join(DATA, 'amazon-cells-labelled/amazon_cells_labelled.txt'), 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t')[0]), per);
  const sources = [zhReviews, enTitles, zhWaimai, enUtterances, enReviews];
  const out = [];
  for (let i = 0; out.length < n && i < per; i++) for (const s of sources) if (s[i] && out.length < n) out.push(s[i]);
  return out.filter((t) => t && t.trim());
}

/** The bert-base-shaped model, exported on demand by the model pipeline with the shipped tokenizer. */
function baseModel(modelsDir, shipped) {
  const out = resolve('models/.cache', BASE_NAME);
  // Reused only when exported with the shipped tokenizer: both models must see the same tokens.
  const same = (f) => existsSync(join(out, f)) && readFileSync(join(out, f)).equals(readFileSync(join(modelsDir, shipped, f)));
  if (existsSync(join(out, 'onnx/model_quantized.onnx')) && same('tokenizer.json') && same('tokenizer_config.json')) return { dir: resolve('models/.cache'), why: '' };
  if (!existsSync('models/train/export.py')) return { dir: undefined, why: 'models/train/export.py is missing' };
  try {
    execFileSync(PYTHON, ['-c', 'import torch, onnx'], { stdio: 'ignore' });
  } catch {
    return { dir: undefined, why: `${PYTHON} has no torch/onnx (apt-get install python3-torch python3-onnx)` };
  }
  console.log(`exporting ${BASE_NAME} (12 layers, hidden 768, random weights) with models/train/export.py …`);
  execFileSync(PYTHON, ['models/train/export.py', '--random', '--layers', '12', '--hidden', '768', '--heads', '12', '--intermediate', '3072', '--tokenizer', join(modelsDir, shipped), '--out', out], { stdio: 'inherit' });
  return { dir: resolve('models/.cache'), why: '' };
}

async function run(browser, { modelsDir, name, isolated, sample, label }) {
  const coi = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
  const server = await startIntentServer({ modelsDir, ...(isolated ? { headers: coi } : {}) });
  const context = await browser.newContext();
  try {
    const visit = async () => {
      const page = await context.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => 'harness' in window);
      const cold = await page.evaluate(async ({ name, first }) => {
        const w = window;
        w.r = w.harness.createReshelf({ campaign: 'bench', workerUrl: '/reshelf/reshelf-worker.js', holdout: 0, model: { name, load: 'on-text', timeoutMs: 120000 } });
        await w.r.ready;
        const t0 = performance.now();
        const c = await w.r.classify(first);
        const ms = performance.now() - t0;
        const ready = w.harness.events.find((e) => e.phase === 'ready');
        return { ms, ok: c !== null, ready, failed: w.harness.events.find((e) => e.phase === 'failed') };
      }, { name, first: sample[0] });
      if (!cold.ok) throw new Error(`${label}: the model did not load: ${JSON.stringify(cold.failed)}`);
      return { page, cold };
    };
    const first = await visit();
    const bytes = new Map(server.bytes);
    const lat = await first.page.evaluate(async (sample) => {
      const out = [];
      for (const t of sample) {
        const t0 = performance.now();
        await window.r.classify(t);
        out.push(performance.now() - t0);
      }
      return out;
    }, sample);
    await first.page.close();
    server.resetHits();
    const second = await visit();
    const secondRequests = [...server.hits.keys()].filter((p) => p.startsWith('/models/') || p.startsWith('/ort/') || p.startsWith('/reshelf/reshelf-ml-'));
    await second.page.close();
    return { lat, cold: first.cold, second: second.cold, secondRequests, bytes, threads: first.cold.ready.threads };
  } finally {
    await context.close();
    await server.close();
  }
}

execSync('node scripts/ensure-build.mjs', { stdio: 'inherit' });
console.log('\n## On-device text model (headless Chromium, WASM)');
const { modelsDir, name, present } = intentModel();
if (!present) {
  console.log(`skipped: no model at ${join(modelsDir, name)} (train it with the models/ pipeline, or set RESHELF_INTENT_MODELS / RESHELF_INTENT_MODEL)`);
  process.exit(0);
}
const sample = texts(N);
const zh = sample.filter((t) => /[\u4e00-\u9fff]/.test(t)).length;
console.log(`model ${join(modelsDir, name)} (${kb(statSync(join(modelsDir, name, 'onnx/model_quantized.onnx')).size)} int8); ${sample.length} texts from ${DATA} (${zh} zh, ${sample.length - zh} en); latency = classify() as the page sees it (round trip to the worker included)`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const results = {};
try {
  for (const isolated of [false, true]) {
    const r = await run(browser, { modelsDir, name, isolated, sample, label: 'shipped' });
    results[`shipped${r.threads}`] = r;
    const steady = r.lat.slice(50);
    console.log(
      `shipped, ${r.threads} thread${r.threads > 1 ? 's' : ''}${isolated ? ' (COOP/COEP page)' : ''}: p50 ${fmt(quantile(r.lat, 0.5))} ms, p95 ${fmt(quantile(r.lat, 0.95))} ms over ${r.lat.length} texts ` +
        `(first 50 after load: p95 ${fmt(quantile(r.lat.slice(0, 50), 0.95))} ms; rest ${fmt(quantile(steady, 0.95))} ms)`,
    );
    console.log(
      `  cold start, empty caches: ${fmt(r.cold.ms, 0)} ms to the first classification (load ${r.cold.ready.tookMs} ms: runtime chunk ${r.cold.ready.timings?.runtime}, files + session ${r.cold.ready.timings?.model}, warm-up ${r.cold.ready.timings?.warmUp}); ` +
        `second visit: ${fmt(r.second.ms, 0)} ms (load ${r.second.ready.tookMs} ms: ${r.second.ready.timings?.runtime} + ${r.second.ready.timings?.model} + ${r.second.ready.timings?.warmUp}), ${r.secondRequests.length} model/runtime requests`,
    );
  }

  const base = N_BASE > 0 ? baseModel(modelsDir, name) : { dir: undefined, why: 'BENCH_INTENT_BASE_TEXTS=0' };
  if (!base.dir) console.log(`bert-base comparison skipped: ${base.why}`);
  else {
    const sub = sample.filter((_, i) => i % Math.max(1, Math.floor(sample.length / N_BASE)) === 0).slice(0, N_BASE);
    const r = await run(browser, { modelsDir: base.dir, name: BASE_NAME, isolated: false, sample: sub, label: BASE_NAME });
    const idx = new Set(sub);
    const shippedSub = results.shipped1.lat.filter((_, i) => idx.has(sample[i]));
    const p50 = quantile(r.lat, 0.5);
    const p50s = quantile(shippedSub, 0.5);
    console.log(`bert-base-shaped (12×768, int8, same pipeline, ${kb(statSync(join(base.dir, BASE_NAME, 'onnx/model_quantized.onnx')).size)}), 1 thread: p50 ${fmt(p50)} ms, p95 ${fmt(quantile(r.lat, 0.95))} ms over ${r.lat.length} of the same texts; cold start ${fmt(r.cold.ms, 0)} ms`);
    console.log(`  p50 ratio on those texts: shipped ${fmt(p50s)} ms vs bert-base ${fmt(p50)} ms → ${fmt(p50 / p50s, 1)}× faster (goal ≥ 20×)`);
  }

  // Bytes: JS as a compressing server/CDN sends it (gzip -9 of the files); runtime and model as this run's server sent them.
  const gz = (f) => gzipSync(readFileSync(f), { level: 9 }).length;
  const mlChunk = readdirSync('dist').find((f) => /^reshelf-ml-[\w-]+\.js$/.test(f));
  const sent = results.shipped1.bytes;
  const sum = (pred) => [...sent.entries()].filter(([p]) => pred(p)).reduce((a, [, b]) => a + b, 0);
  const before = gz('dist/reshelf.js') + gz('dist/reshelf-link.js') + gz('dist/reshelf-worker.js');
  const chunk = gz(join('dist', mlChunk));
  const ort = sum((p) => p.startsWith('/ort/'));
  const model = sum((p) => p.startsWith('/models/'));
  console.log(`bytes before the model is needed: ${kb(before)} (script tag ${kb(gz('dist/reshelf.js'))} + its worker glue ${kb(gz('dist/reshelf-link.js'))} + worker ${kb(gz('dist/reshelf-worker.js'))}, gzip)`);
  console.log(`bytes once it is: ${kb(before + chunk + ort + model)} = + transformers.js chunk ${kb(chunk)} + onnxruntime-web mjs/wasm ${kb(ort)} (sent gzip) + model files ${kb(model)} (json gzip, onnx as is); second visit: 0 B of these`);
} finally {
  await browser.close();
}
