// Prints gzip sizes of the browser bundles and fails when one passes its budget, or when the
// script-tag bundle reaches for the ML runtime (which must only ever load lazily in the worker).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const budgets = [
  { file: 'dist/reshelf.js', gzipBytes: 10 * 1024, forbid: [/onnxruntime/i, /@huggingface|transformers\.js/i, /\bidb\b.*openDB/] },
  { file: 'dist/reshelf-worker.js', gzipBytes: 24 * 1024, forbid: [] },
];

let failed = false;
for (const b of budgets) {
  const code = readFileSync(b.file);
  const gz = gzipSync(code, { level: 9 }).length;
  const ok = gz <= b.gzipBytes;
  const banned = b.forbid.filter((re) => re.test(code.toString('utf8')));
  console.log(`${b.file}: ${code.length} B raw, ${gz} B gzip (budget ${b.gzipBytes} B, ${((100 * gz) / b.gzipBytes).toFixed(0)}%)${ok ? '' : '  OVER BUDGET'}`);
  for (const re of banned) console.log(`  forbidden reference ${re} found in ${b.file}`);
  if (!ok || banned.length) failed = true;
}
process.exit(failed ? 1 : 0);
