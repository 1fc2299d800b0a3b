// One config, a small factory per output. Browser bundles are minified with sourcemaps;
// Node outputs (server, CLI, demo) keep their dependencies external.
import { builtinModules } from 'node:module';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { dts } from 'rollup-plugin-dts';
import { cssAsset } from './server/dashboard/css-asset.mjs';

const extensions = ['.ts', '.js', '.mjs'];
const ts = () => esbuild({ target: 'es2020', tsconfig: 'tsconfig.json' });
const min = () =>
  terser({
    ecma: 2020,
    module: true,
    compress: { passes: 2, pure_getters: true },
    // Private-by-convention fields may be renamed.
    mangle: { properties: { regex: /^_/ } },
    format: { comments: false },
  });

// The worker's on-demand chunk (transformers.js + onnxruntime-web) gets a light pass: no property
// mangling (their `_`-prefixed fields are read across files, e.g. the wasm module's exports) and
// no second compress pass over code that ships minified.
const isVendor = (chunk) => chunk.moduleIds.some((id) => /node_modules[\\/](@huggingface|onnxruntime)/.test(id));
const minByChunk = () => {
  const ours = min();
  const vendor = terser({ ecma: 2020, module: true, compress: false, format: { comments: false } });
  return { name: 'reshelf-min', renderChunk: (code, chunk, out, meta) => (isVendor(chunk) ? vendor : ours).renderChunk(code, chunk, out, meta) };
};

// The onnxruntime-web runtime files the model needs, copied to dist/ort/ under content-hashed
// names (served with immutable caching) and announced to the worker as `reshelf:ort-files`.
// Plain SIMD build for the WASM device; the asyncify build is what onnxruntime-web's WebGPU
// bundle loads (jsep/jspi are never used). Each gets a .gz sibling the server sends when accepted.
/** gzip -9 of 40 MB takes seconds: kept between builds under node_modules/.cache (names carry the content hash). */
const gzipOnce = (name, source) => {
  const cached = `node_modules/.cache/reshelf-ort/${name}.gz`;
  if (existsSync(cached)) return readFileSync(cached);
  const gz = gzipSync(source, { level: 9 });
  mkdirSync('node_modules/.cache/reshelf-ort', { recursive: true });
  writeFileSync(cached, gz);
  return gz;
};
const ORT_BUILDS = { wasm: 'ort-wasm-simd-threaded', webgpu: 'ort-wasm-simd-threaded.asyncify' };
function ortRuntime() {
  const dir = 'node_modules/onnxruntime-web/dist';
  let files;
  const collect = () => {
    files ??= Object.fromEntries(
      Object.entries(ORT_BUILDS).map(([device, base]) => {
        const build = {};
        for (const ext of ['mjs', 'wasm']) {
          const source = readFileSync(`${dir}/${base}.${ext}`);
          const hash = createHash('sha256').update(source).digest('hex').slice(0, 10);
          build[ext] = { name: `${base}.${hash}.${ext}`, source };
        }
        return [device, build];
      }),
    );
    return files;
  };
  return {
    name: 'reshelf-ort-runtime',
    resolveId: (id) => (id === 'reshelf:ort-files' ? '\0reshelf:ort-files' : null),
    load(id) {
      if (id !== '\0reshelf:ort-files') return null;
      const names = Object.fromEntries(Object.entries(collect()).map(([d, b]) => [d, { mjs: b.mjs.name, wasm: b.wasm.name }]));
      return `export default ${JSON.stringify(names)};`;
    },
    generateBundle() {
      for (const build of Object.values(collect())) {
        for (const f of Object.values(build)) {
          this.emitFile({ type: 'asset', fileName: `ort/${f.name}`, source: f.source });
          this.emitFile({ type: 'asset', fileName: `ort/${f.name}.gz`, source: gzipOnce(f.name, f.source) });
        }
      }
    },
  };
}

// Hashed files of earlier builds would pile up in dist/ (and be served): drop those this build did not write.
function pruneStale(patterns) {
  return {
    name: 'reshelf-prune-stale',
    writeBundle(out, bundle) {
      for (const [sub, re] of patterns) {
        let names = [];
        try {
          names = readdirSync(`${out.dir}/${sub}`);
        } catch {
          continue;
        }
        for (const f of names) if (re.test(f) && !(`${sub}${f}` in bundle)) rmSync(`${out.dir}/${sub}${f}`);
      }
    },
  };
}

// transformers.js's own minified browser build (same module, same imports of onnxruntime-web/webgpu
// and onnxruntime-common): terser need not re-minify 1 MB on every build.
const transformersWeb = () => ({
  name: 'reshelf-transformers-web',
  resolveId: (id) => (id === '@huggingface/transformers' ? new URL('node_modules/@huggingface/transformers/dist/transformers.web.min.js', import.meta.url).pathname : null),
});

const browser = (input, file, format, extra = {}, after = []) => ({
  input,
  output: { file, format, sourcemap: true, ...extra },
  plugins: [resolve({ extensions, browser: true }), ts(), ...(process.env.NO_MINIFY ? [] : [min()]), ...after],
});

// The script tag imports dist/reshelf-link.js with `?v=<hash of that file>`, so a CDN that cached
// one version of the link never pairs it with another version of the tag. Same length as the
// placeholder, so the source map stays exact; the link is built first (configs build in order).
const LINK_PLACEHOLDER = '__RESHELF_LINK_VERSION__';
const linkVersion = () => ({
  name: 'reshelf-link-version',
  generateBundle(_, bundle) {
    const hash = createHash('sha256').update(readFileSync('dist/reshelf-link.js')).digest('hex').slice(0, LINK_PLACEHOLDER.length);
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk' || !chunk.code.includes(LINK_PLACEHOLDER)) continue;
      chunk.code = chunk.code.replaceAll(LINK_PLACEHOLDER, hash);
      return;
    }
    this.error(`${LINK_PLACEHOLDER} not found in the script-tag bundle`);
  },
});

const nodeDeps = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'hono', /^hono\//, '@hono/node-server', /^@hono\/node-server\//, 'better-sqlite3', 'pg'];
const node = (input, file, banner) => ({
  input,
  output: { file, format: 'es', sourcemap: true, ...(banner ? { banner } : {}) },
  external: nodeDeps,
  plugins: [resolve({ extensions, preferBuiltins: true }), ts()],
});

const all = [
  // What the script tag imports once the engine starts (Comlink, worker start-up): not needed for first paint.
  browser('src/api/engine-link.ts', 'dist/reshelf-link.js', 'es'),
  // Script-tag bundle: loader + page glue. Budget: 10 KB gzip (npm run size).
  browser('src/loader.ts', 'dist/reshelf.js', 'iife', {}, [linkVersion()]),
  // Engine worker (module worker): ranking, profile, IndexedDB, outbox. The text model's runtime
  // (transformers.js + onnxruntime-web JS) is a separate chunk the worker imports only when the
  // model loads; onnxruntime-web's extern-wasm build, so its JS does not embed a wasm factory we never use.
  {
    input: 'workers/engine-worker.ts',
    output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: 'reshelf-worker.js', chunkFileNames: 'reshelf-[name]-[hash].js' },
    plugins: [
      ortRuntime(),
      transformersWeb(),
      pruneStale([['', /^reshelf-ml-[\w-]+\.js(\.map)?$/], ['ort/', /^ort-wasm-/]]),
      resolve({ extensions, browser: true, exportConditions: ['onnxruntime-web-use-extern-wasm'] }),
      ts(),
      ...(process.env.NO_MINIFY ? [] : [minByChunk()]),
    ],
  },
  // ESM entry for bundler users; dependencies stay external.
  {
    input: 'src/index.ts',
    output: { file: 'dist/index.js', format: 'es', sourcemap: true },
    external: ['comlink', 'idb'],
    plugins: [resolve({ extensions }), ts()],
  },
  { input: 'src/index.ts', output: { file: 'dist/index.d.ts', format: 'es' }, plugins: [dts()] },
  // The ESM/framework example, bundled for the browser.
  browser('examples/02-esm/app.ts', 'dist/examples/02-esm.js', 'es'),
  // Bench harness (npm run bench only; not shipped in the package's public entry points).
  browser('scripts/bench/rank-in-worker.ts', 'dist/bench/rank-in-worker.js', 'es'),
  // Node: the `reshelf` command (server, seeding, tools) and the demo storefront.
  node('server/cli.ts', 'dist/cli.js', '#!/usr/bin/env node'),
  node('examples/01-script-tag/serve.ts', 'dist/demo.js'),
  // Merchant dashboard (/dashboard): its code with uPlot, and one stylesheet. Its own entry, so
  // neither ever reaches the shopper-facing script tag or worker.
  (() => {
    const c = browser('server/dashboard/ui/main.ts', 'dist/dashboard.js', 'iife');
    c.plugins.push(cssAsset('dashboard.css', ['node_modules/uplot/dist/uPlot.min.css', 'server/dashboard/ui/dashboard.css']));
    return c;
  })(),
];

// `rollup -c --environment ONLY:dist/reshelf.js` builds the named outputs only (fast iteration).
// Several outputs: ONLY:a+b (rollup's --environment splits on commas).
const only = process.env.ONLY?.split(/[+,]/);
const outName = (c) => c.output.file ?? `${c.output.dir}/${c.output.entryFileNames}`;
export default only ? all.filter((c) => only.includes(outName(c))) : all;
