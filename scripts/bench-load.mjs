// Load test on loopback (bounded in time): signal ingest and slice reads of the real server with
// its real SQLite store, beside a bare node:http server answering the same payload sizes, in the
// same run. Servers run in child processes; autocannon drives them from this one.
//
// The machine is shared and noisy, so each route is measured in an A-B-B-A pattern (bare,
// reshelf, reshelf, bare; half the time each) after a short warm-up of both: drift in the
// background load then hits both servers alike and the ratio stays comparable within a run.
// Goal per route: ≥ 50% of bare req/s and p99 < 20 ms; a miss is flagged and exits 1.
import { fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 8);
const GOAL_RATIO = 0.5;
const GOAL_P99_MS = 20;

if (process.argv[2] === 'reshelf') {
  process.env.RESHELF_RATE_LIMITS = 'off';
  const { startDemo } = await import('../dist/demo.js');
  const db = join(mkdtempSync(join(tmpdir(), 'reshelf-load-')), 'load.sqlite');
  const s = await startDemo({ port: 0, dbPath: db, staticDir: 'dist', warmSessions: 300, rebuildEverySeconds: 0 });
  process.send({ url: s.url, sync: s.store.sync ?? s.store.kind });
} else if (process.argv[2] === 'bare') {
  const http = await import('node:http');
  const ack = JSON.stringify({ batchId: 'load-0000000', duplicate: false });
  let slice = '';
  const srv = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const out = req.method === 'POST' ? ack : slice;
      res.writeHead(req.method === 'POST' ? 202 : 200, { 'content-type': 'application/json' });
      res.end(out);
    });
  });
  process.on('message', (m) => { slice = m.slice; });
  srv.listen(0, '127.0.0.1', () => process.send({ url: `http://127.0.0.1:${srv.address().port}` }));
} else {
  const start = (kind) =>
    new Promise((resolve) => {
      const child = fork(new URL(import.meta.url).pathname, [kind], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      child.once('message', (m) => resolve({ child, ...m }));
    });
  const reshelf = await start('reshelf');
  const bare = await start('bare');
  const campaign = await (await fetch(`${reshelf.url}/v1/campaigns/flash-sale`)).json();
  const ids = campaign.items.map((i) => i.id);
  const sliceUrl = `/v1/campaigns/flash-sale/slice?items=${ids.slice(0, 5).join(',')}&k=20`;
  const slice = await (await fetch(reshelf.url + sliceUrl)).text();
  bare.child.send({ slice });

  let n = 0;
  const signalBody = () => {
    const a = ids[n % ids.length], b = ids[(n * 7 + 3) % ids.length];
    return JSON.stringify({
      v: 1, batchId: `load-${process.pid}-${n++}`, campaignId: 'flash-sale', arm: n % 10 ? 'treatment' : 'control',
      items: [{ itemId: a, position: n % 24, impressions: 3, clicks: 1, carts: 0, purchases: 0, revenue: 0 }, { itemId: b, position: (n + 5) % 24, impressions: 2, clicks: 0, carts: 1, purchases: 0, revenue: 0 }],
      pairs: a === b ? [] : [{ from: a, to: b, weight: 1 }],
    });
  };
  const run = (url, seconds, opts) => autocannon({ url, connections: CONNECTIONS, duration: seconds, ...opts });
  const routes = {
    get: (base, seconds) => run(`${base}${sliceUrl}`, seconds, {}),
    post: (base, seconds) => run(`${base}/v1/signals`, seconds, { method: 'POST', headers: { 'content-type': 'application/json' }, requests: [{ setupRequest: (r) => ({ ...r, body: signalBody() }) }] }),
  };
  /** Totals of several autocannon runs: req/s over their whole time, p99 the worst of them. */
  const combine = (rs) => {
    const requests = rs.reduce((a, r) => a + r.requests.total, 0);
    const seconds = rs.reduce((a, r) => a + r.duration, 0);
    return {
      rps: requests / seconds,
      p50: Math.max(...rs.map((r) => r.latency.p50)),
      p99: Math.max(...rs.map((r) => r.latency.p99)),
      bad: rs.reduce((a, r) => a + r.errors + r.timeouts + r.non2xx, 0),
    };
  };
  const measure = async (route) => {
    await route(bare.url, 1);
    await route(reshelf.url, 1);
    const half = SECONDS / 2;
    const b1 = await route(bare.url, half);
    const r1 = await route(reshelf.url, half);
    const r2 = await route(reshelf.url, half);
    const b2 = await route(bare.url, half);
    return { bare: combine([b1, b2]), reshelf: combine([r1, r2]) };
  };
  const line = (name, r) => `${name.padEnd(28)} ${String(Math.round(r.rps)).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms${r.bad ? `  (${r.bad} errors/timeouts/non-2xx)` : ''}`;

  console.log(`## Load on loopback (${CONNECTIONS} connections, ${SECONDS} s per server and route, A-B-B-A; SQLite synchronous=${reshelf.sync}; goal ≥ ${GOAL_RATIO * 100}% of bare node:http, p99 < ${GOAL_P99_MS} ms)`);
  let missed = 0;
  for (const [label, bareName, name, route] of [['slice reads', 'bare node:http GET', 'reshelf GET slice', routes.get], ['signal ingest', 'bare node:http POST', 'reshelf POST /v1/signals', routes.post]]) {
    const m = await measure(route);
    const ratio = m.reshelf.rps / m.bare.rps;
    const ok = ratio >= GOAL_RATIO && m.reshelf.p99 < GOAL_P99_MS && m.reshelf.bad === 0;
    if (!ok) missed++;
    console.log(line(bareName, m.bare));
    console.log(`${line(name, m.reshelf)}  → ${(100 * ratio).toFixed(0)}% of bare  ${ok ? 'ok' : `GOAL MISSED (${label})`}`);
  }
  reshelf.child.kill();
  bare.child.kill();
  if (missed > 0) {
    console.log(`load goal missed on ${missed} route(s)`);
    process.exitCode = 1;
  }
}
