// Prints gzip sizes of the browser bundles and fails when one passes its budget, or when a bundle
// reaches for what it must not: the script tag and the worker's first chunk never hold the ML
// runtime (the worker imports it on demand, from its own chunk), and no browser file may carry
// Node-only dependencies (onnxruntime-node, sharp).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const NODE_ONLY = [/onnxruntime-node/, /["']sharp["']/, /\bfrom\s*["'](node:[\w/]+|fs|path|worker_threads|child_process)["']/, /\brequire\(["'](fs|path|sharp)["']\)/];
const ML = [/onnxruntime/i, /@huggingface|transformers\.js/i];
const mlChunks = readdirSync('dist').filter((f) => /^reshelf-ml-[\w-]+\.js$/.test(f));

const budgets = [
  // First paint: no worker glue (Comlink arrives with dist/reshelf-link.js once the engine starts).
  { file: 'dist/reshelf.js', gzipBytes: 10 * 1024, forbid: [...ML, /reshelf-ml-/, /\bidb\b.*openDB/, /Comlink\./, ...NODE_ONLY] },
  { file: 'dist/reshelf-link.js', gzipBytes: 3 * 1024, forbid: [...ML, /reshelf-ml-/, ...NODE_ONLY] },
  {
    file: 'dist/reshelf-worker.js',
    gzipBytes: 24 * 1024,
    // A static import would load the runtime with the worker: only `import("./reshelf-ml-….js")` is allowed.
    forbid: [...ML, /\bimport\s*[^(\s][^;]*?["']\.\/reshelf-ml-/, ...NODE_ONLY],
    require: [/\bimport\(\s*["']\.\/reshelf-ml-[\w-]+\.js["']\s*\)/],
  },
  // The on-demand chunk must not import the worker entry back (a query string on the worker URL would evaluate it twice).
  ...mlChunks.map((f) => ({ file: `dist/${f}`, gzipBytes: 150 * 1024, forbid: [/["']\.\/reshelf-worker\.js["']/, ...NODE_ONLY] })),
];

let failed = false;
// The tag must ask for the link it was built with (`?v=` = hash of dist/reshelf-link.js), so no cache pairs two versions.
const linkHash = createHash('sha256').update(readFileSync('dist/reshelf-link.js')).digest('hex').slice(0, 24);
if (!readFileSync('dist/reshelf.js', 'utf8').includes(`reshelf-link.js?v=${linkHash}`)) {
  console.log(`dist/reshelf.js does not import reshelf-link.js?v=${linkHash} (the link it was built with)`);
  failed = true;
}
if (mlChunks.length !== 1) {
  console.log(`expected one dist/reshelf-ml-*.js chunk, found ${mlChunks.length}: ${mlChunks.join(', ') || 'none'}`);
  failed = true;
}
for (const b of budgets) {
  const code = readFileSync(b.file);
  const text = code.toString('utf8');
  const gz = gzipSync(code, { level: 9 }).length;
  const ok = gz <= b.gzipBytes;
  const banned = b.forbid.filter((re) => re.test(text));
  const missing = (b.require ?? []).filter((re) => !re.test(text));
  console.log(`${b.file}: ${code.length} B raw, ${gz} B gzip (budget ${b.gzipBytes} B, ${((100 * gz) / b.gzipBytes).toFixed(0)}%)${ok ? '' : '  OVER BUDGET'}`);
  for (const re of banned) console.log(`  forbidden reference ${re} found in ${b.file}`);
  for (const re of missing) console.log(`  expected ${re} in ${b.file}`);
  if (!ok || banned.length || missing.length) failed = true;
}

// The runtime files: the plain build (WASM) and the asyncify build (WebGPU), nothing else.
const ort = existsSync('dist/ort') ? readdirSync('dist/ort').filter((f) => !f.endsWith('.gz')) : [];
const expected = [/^ort-wasm-simd-threaded\.[0-9a-f]{10}\.(mjs|wasm)$/, /^ort-wasm-simd-threaded\.asyncify\.[0-9a-f]{10}\.(mjs|wasm)$/];
const stray = ort.filter((f) => !expected.some((re) => re.test(f)));
const counts = expected.map((re) => ort.filter((f) => re.test(f)).length);
for (const f of ort) {
  const gz = existsSync(`dist/ort/${f}.gz`) ? readFileSync(`dist/ort/${f}.gz`).length : undefined;
  console.log(`dist/ort/${f}: ${readFileSync(`dist/ort/${f}`).length} B raw, ${gz ?? '(no .gz)'} B gzip (loaded only with the model)`);
}
if (stray.length || counts.some((n) => n !== 2)) {
  console.log(`dist/ort/ must hold exactly the plain and asyncify .mjs/.wasm; found ${ort.join(', ') || 'nothing'}`);
  failed = true;
}
process.exit(failed ? 1 : 0);
