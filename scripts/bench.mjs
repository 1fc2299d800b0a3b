// `npm run bench`: performance figures of the spine, each against a baseline in the same run.
//  1. bundle sizes (gzip) against their budgets;
//  2. ranking 200 tiles inside the engine worker (median, p95) beside the page's round trip to it;
//  3. main-thread cost of reshelf during page load, from a Chromium trace of each load: reshelf's own
//     JS (evaluation and callbacks of reshelf.js), its longest single piece, all main-thread tasks
//     beside the same page with the SDK answered empty (median of N loads), long tasks, and CLS;
//  4. (scripts/bench/reco.ts, in Node) the similarity slice a shopper stores for a 200-item campaign
//     and the ranking core's cost at 200 tiles: rank() once / twice vs. scoreTiles() + placeTiles() ×2;
//  5. (scripts/bench-intent.mjs) the on-device text model: classify p50/p95 with 1 and 2 threads, cold
//     start, beside a bert-base-shaped model, and the bytes a shopper downloads before and after.
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const LOADS = Number(process.env.BENCH_LOADS ?? 9);
const traceDir = mkdtempSync(join(tmpdir(), 'reshelf-trace-'));

/** Main-thread figures of one trace: reshelf's own JS (callbacks and evaluation of reshelf.js), all tasks, long tasks. */
function mainThread(events) {
  const thread = events.find((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.tid === e.tid && x.name === 'ParseHTML'));
  const main = events.filter((e) => thread && e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.dur !== undefined);
  const tasks = main.filter((e) => e.name === 'RunTask');
  const sdk = main.filter((e) => (e.name === 'FunctionCall' || e.name === 'EvaluateScript') && String(e.args?.data?.url ?? '').includes('/reshelf/reshelf.js'));
  const long = tasks.filter((t) => t.dur > 50_000);
  const inside = (t) => sdk.filter((e) => e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur).reduce((a, e) => a + e.dur, 0) / 1000;
  const longest = [...long].sort((a, b) => b.dur - a.dur)[0];
  return {
    sdkMs: sdk.reduce((a, e) => a + e.dur, 0) / 1000,
    sdkMaxMs: Math.max(0, ...sdk.map((e) => e.dur / 1000)),
    taskMs: tasks.reduce((a, e) => a + e.dur, 0) / 1000,
    long: long.map((t) => t.dur / 1000),
    sdkInLongestMs: longest ? inside(longest) : 0,
  };
}
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
  console.log(`in the worker, fresh:        median ${fmt(median(r.inWorkerMs))} ms, p95 ${fmt(quantile(r.inWorkerMs, 0.95))} ms (${r.inWorkerMs.length} runs; goal < 1 ms; worker clock resolution 0.1 ms)`);
  console.log(`in the worker, seen locked:  median ${fmt(median(r.inWorkerLockedMs))} ms, p95 ${fmt(quantile(r.inWorkerLockedMs, 0.95))} ms (two passes: now + next visit)`);
  console.log(`page round trip:             median ${fmt(median(r.roundTripMs))} ms, p95 ${fmt(quantile(r.roundTripMs, 0.95))} ms (postMessage + structured clone both ways)`);
  await page.close();

  console.log(`\n## Main-thread cost during page load (median of ${LOADS} loads each, same run, Chromium trace)`);
  const measure = async (withSdk) => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    if (!withSdk) await ctx.route('**/reshelf/reshelf.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
    const p = await ctx.newPage();
    await p.addInitScript(() => {
      window.__cls = 0;
      new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; }).observe({ type: 'layout-shift', buffered: true });
    });
    const tracePath = join(traceDir, `t${withSdk ? 1 : 0}.json`);
    await browser.startTracing(p, { path: tracePath, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await p.goto(`${server.url}/`, { waitUntil: 'load' });
    await p.waitForTimeout(1500);
    await browser.stopTracing();
    const cls = await p.evaluate(() => window.__cls);
    await ctx.close();
    return { ...mainThread(JSON.parse(readFileSync(tracePath, 'utf8')).traceEvents), cls };
  };
  const runs = { with: [], without: [] };
  for (let i = 0; i < LOADS; i++) {
    runs.without.push(await measure(false));
    runs.with.push(await measure(true));
  }
  const pick = (xs, k) => median(xs.map((x) => x[k]));
  console.log(`reshelf's own main-thread work: median ${fmt(pick(runs.with, 'sdkMs'), 1)} ms per load; longest single piece ${fmt(Math.max(...runs.with.map((x) => x.sdkMaxMs)), 1)} ms (goal: no long task from reshelf, i.e. < 50 ms)`);
  console.log(`main-thread tasks in all: with reshelf ${fmt(pick(runs.with, 'taskMs'), 1)} ms, without ${fmt(pick(runs.without, 'taskMs'), 1)} ms → ratio ${fmt(pick(runs.with, 'taskMs') / pick(runs.without, 'taskMs'), 2)}`);
  const longWith = runs.with.flatMap((x) => x.long), longWithout = runs.without.flatMap((x) => x.long);
  console.log(`long tasks (> 50 ms, any cause — mostly the page's first layout on this machine): with ${longWith.length}, without ${longWithout.length} over ${LOADS} loads; reshelf's share of the longest: ${fmt(Math.max(0, ...runs.with.map((x) => x.sdkInLongestMs)), 1)} ms`);
  console.log(`CLS: with reshelf max ${fmt(Math.max(...runs.with.map((x) => x.cls)), 4)}, without max ${fmt(Math.max(...runs.without.map((x) => x.cls)), 4)}`);
} finally {
  await browser.close();
  await server.close();
}

execSync('npx tsx scripts/bench/reco.ts', { stdio: 'inherit' });
execSync('node scripts/bench-intent.mjs', { stdio: 'inherit' });
