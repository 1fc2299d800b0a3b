// `npm run bench`: performance figures of the spine, each against a baseline in the same run.
//  1. bundle sizes (gzip) against their budgets;
//  2. ranking 200 tiles inside the engine worker (median, p95) beside the page's round trip to it;
//  3. main-thread cost of reshelf during page load: the demo page with the SDK vs the same page
//     with the SDK script answered empty (median of N loads; CDP ScriptDuration/TaskDuration),
//     long tasks (> 50 ms) attributed to the page, and CLS.
import { execSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const LOADS = Number(process.env.BENCH_LOADS ?? 9);
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const median = (xs) => quantile(xs, 0.5);
const fmt = (x, d = 3) => Number(x).toFixed(d);

execSync('node scripts/ensure-build.mjs', { stdio: 'inherit' });
console.log('## Bundle sizes');
execSync('node scripts/size.mjs', { stdio: 'inherit' });

process.env.RESHELF_DB = join(mkdtempSync(join(tmpdir(), 'reshelf-bench-')), 'bench.sqlite');
const { startDemo } = await import('../dist/demo.js');
const server = await startDemo({ port: 0, dbPath: process.env.RESHELF_DB, staticDir: 'dist' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

try {
  console.log('\n## Ranking 200 tiles');
  const page = await browser.newPage();
  await page.goto(`${server.url}/`);
  await page.evaluate(() => import('/reshelf/bench/rank-in-worker.js'));
  const r = await page.evaluate(() => window.__runRankBench(300, 200));
  console.log(`in the worker:   median ${fmt(median(r.inWorkerMs))} ms, p95 ${fmt(quantile(r.inWorkerMs, 0.95))} ms (${r.runs} runs; goal < 1 ms)`);
  console.log(`page round trip: median ${fmt(median(r.roundTripMs))} ms, p95 ${fmt(quantile(r.roundTripMs, 0.95))} ms (postMessage + structured clone both ways)`);
  await page.close();

  console.log(`\n## Main-thread cost during page load (median of ${LOADS} loads each, same run)`);
  const measure = async (withSdk) => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    if (!withSdk) await ctx.route('**/reshelf/reshelf.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
    const p = await ctx.newPage();
    await p.addInitScript(() => {
      window.__long = [];
      window.__cls = 0;
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
      new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; }).observe({ type: 'layout-shift', buffered: true });
    });
    const cdp = await ctx.newCDPSession(p);
    await cdp.send('Performance.enable');
    await p.goto(`${server.url}/`, { waitUntil: 'load' });
    await p.waitForTimeout(1500);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    const extra = await p.evaluate(() => ({ long: window.__long, cls: window.__cls }));
    await ctx.close();
    return { script: m.ScriptDuration * 1000, task: m.TaskDuration * 1000, long: extra.long, cls: extra.cls };
  };
  const runs = { with: [], without: [] };
  for (let i = 0; i < LOADS; i++) {
    runs.without.push(await measure(false));
    runs.with.push(await measure(true));
  }
  const pick = (xs, k) => median(xs.map((x) => x[k]));
  const sw = pick(runs.with, 'script'), so = pick(runs.without, 'script');
  const tw = pick(runs.with, 'task'), to = pick(runs.without, 'task');
  console.log(`script time: with reshelf ${fmt(sw, 1)} ms, without ${fmt(so, 1)} ms → reshelf ≈ ${fmt(sw - so, 1)} ms`);
  console.log(`all main-thread tasks: with ${fmt(tw, 1)} ms, without ${fmt(to, 1)} ms → ratio ${fmt(tw / to, 2)}`);
  const longWith = runs.with.flatMap((x) => x.long);
  const longWithout = runs.without.flatMap((x) => x.long);
  console.log(`long tasks (> 50 ms) across ${LOADS} loads: with reshelf ${longWith.length}${longWith.length ? ` (max ${fmt(Math.max(...longWith), 0)} ms)` : ''}, without ${longWithout.length}`);
  console.log(`CLS: with reshelf max ${fmt(Math.max(...runs.with.map((x) => x.cls)), 4)}, without max ${fmt(Math.max(...runs.without.map((x) => x.cls)), 4)}`);
} finally {
  await browser.close();
  await server.close();
}
