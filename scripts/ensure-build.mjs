// Builds dist/ when it is missing or older than the sources, so `npm start` works right after
// `npm install` on a fresh clone without a separate build step.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const outputs = ['dist/reshelf.js', 'dist/reshelf-link.js', 'dist/reshelf-worker.js', 'dist/cli.js', 'dist/demo.js', 'dist/dashboard.js'];
const newest = (dir) => {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
};
if (!existsSync('rollup.config.mjs') || !existsSync('node_modules/rollup')) process.exit(0);
const stale = outputs.some((f) => !existsSync(f)) || Math.max(...['src', 'workers', 'server', 'examples'].filter(existsSync).map(newest)) > Math.min(...outputs.map((f) => statSync(f).mtimeMs));
if (stale) {
  console.log('reshelf: building dist/ …');
  execSync('npx rollup -c --silent', { stdio: 'inherit' });
}
