// One config, a small factory per output. Browser bundles are minified with sourcemaps;
// Node outputs (server, CLI, demo) keep their dependencies external.
import { builtinModules } from 'node:module';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { dts } from 'rollup-plugin-dts';

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

const browser = (input, file, format, extra = {}) => ({
  input,
  output: { file, format, sourcemap: true, ...extra },
  plugins: [resolve({ extensions, browser: true }), ts(), ...(process.env.NO_MINIFY ? [] : [min()])],
});

const nodeDeps = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'hono', /^hono\//, '@hono/node-server', /^@hono\/node-server\//, 'better-sqlite3', 'pg'];
const node = (input, file, banner) => ({
  input,
  output: { file, format: 'es', sourcemap: true, ...(banner ? { banner } : {}) },
  external: nodeDeps,
  plugins: [resolve({ extensions, preferBuiltins: true }), ts()],
});

const all = [
  // Script-tag bundle: loader + page glue + Comlink client. Budget: 10 KB gzip (npm run size).
  browser('src/loader.ts', 'dist/reshelf.js', 'iife'),
  // Engine worker (module worker): ranking, profile, IndexedDB, outbox.
  browser('workers/engine-worker.ts', 'dist/reshelf-worker.js', 'es'),
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
];

// `rollup -c --environment ONLY:dist/reshelf.js` builds the named outputs only (fast iteration).
// Several outputs: ONLY:a+b (rollup's --environment splits on commas).
const only = process.env.ONLY?.split(/[+,]/);
export default only ? all.filter((c) => only.includes(c.output.file)) : all;
