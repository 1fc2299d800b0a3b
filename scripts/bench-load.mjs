// Load test on loopback (bounded in time): signal ingest and slice reads of the real server with
// its real SQLite store, beside a bare node:http server answering the same payload sizes, in the
// same run. Servers run in child processes; autocannon drives them from this one.
import { fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 8);

if (process.argv[2] === 'reshelf') {
  process.env.RESHELF_RATE_LIMITS = 'off';
  const { startDemo } = await import('../dist/demo.js');
  const db = join(mkdtempSync(join(tmpdir(), 'reshelf-load-')), 'load.sqlite');
  const s = await startDemo({ port: 0, dbPath: db, staticDir: 'dist', warmSessions: 300, rebuildEverySeconds: 0 });
  process.send({ url: s.url });
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
      child.once('message', (m) => resolve({ child, url: m.url }));
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
  const run = (url, opts) =>
    autocannon({ url, connections: CONNECTIONS, duration: SECONDS, ...opts });
  const post = (base) => run(`${base}/v1/signals`, { method: 'POST', headers: { 'content-type': 'application/json' }, requests: [{ setupRequest: (r) => ({ ...r, body: signalBody() }) }] });
  const get = (base) => run(`${base}${sliceUrl}`, {});
  const line = (name, r, base) => {
    const errs = r.errors + r.non2xx;
    console.log(`${name.padEnd(28)} ${String(Math.round(r.requests.average)).padStart(7)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms${errs ? `  (${errs} errors/non-2xx)` : ''}${base ? `  → ${(100 * r.requests.average / base.requests.average).toFixed(0)}% of bare` : ''}`);
  };
  console.log(`## Load on loopback (${CONNECTIONS} connections, ${SECONDS} s each; goal ≥ 50% of bare node:http, p99 < 20 ms)`);
  const bareGet = await get(bare.url);
  const sliceRun = await get(reshelf.url);
  const barePost = await post(bare.url);
  const ingest = await post(reshelf.url);
  line('bare node:http GET', bareGet);
  line('reshelf GET slice', sliceRun, bareGet);
  line('bare node:http POST', barePost);
  line('reshelf POST /v1/signals', ingest, barePost);
  reshelf.child.kill();
  bare.child.kill();
}
