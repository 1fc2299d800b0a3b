/**
 * Ingest throughput over loopback HTTP: the same signal batches POSTed to SQLite, to one
 * PostgreSQL instance and to two instances sharing PostgreSQL (round robin), interleaved in one
 * run so the figures compare. Needs RESHELF_PG_URL; for a fair comparison with SQLite's
 * synchronous=full, start PostgreSQL with fsync on (SQLite's default, synchronous=normal, runs too):
 *   eval "$(scripts/pg-test-server.sh start --durable)" && npx tsx scripts/bench-ingest.ts
 * Env: BENCH_BATCHES (per run, default 1500), BENCH_RUNS (default 3), BENCH_CONCURRENCY (default 16).
 */
import pg from 'pg';
import type { Campaign, SignalBatch } from '../src/core/protocol';
import { startServer, type RunningServer } from '../server/main';
import { dropSchema, uniqueSchema } from '../server/store-factories';
import { tempDir } from '../server/test-fixtures';

const PG_URL = process.env.RESHELF_PG_URL;
const BATCHES = Number(process.env.BENCH_BATCHES ?? 1500);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
if (!PG_URL) {
  console.error('bench-ingest: set RESHELF_PG_URL (eval "$(scripts/pg-test-server.sh start --durable)")');
  process.exit(2);
}

const ITEMS = Array.from({ length: 50 }, (_, i) => `sku-${i}`);
const CAMPAIGN: Campaign = {
  id: 'bench', name: 'Bench sale', currency: 'EUR', startsAt: '2025-03-01T00:00:00.000Z', endsAt: '2030-03-02T00:00:00.000Z',
  items: ITEMS.map((id, i) => ({ id, title: `Item ${i}`, category: `c${i % 5}`, price: 10 + i, listPrice: 20 + i, stock: 100, initialStock: 100 })),
};

/** A shopper's flush: 8 items seen at their positions, a few clicks, the 7 transitions between them. */
function makeBatch(id: string, seed: number): SignalBatch {
  const seen = Array.from({ length: 8 }, (_, i) => ITEMS[(seed * 7 + i * 13) % ITEMS.length] ?? 'sku-0');
  return {
    v: 1, batchId: id, campaignId: CAMPAIGN.id, arm: seed % 10 === 0 ? 'control' : 'treatment',
    items: seen.map((itemId, position) => ({ itemId, position, impressions: 1, clicks: position < 2 ? 1 : 0, carts: position === 0 ? 1 : 0, purchases: 0, revenue: 0 })),
    pairs: seen.slice(1).map((to, i) => ({ from: seen[i] ?? 'sku-0', to, weight: 1 })),
  };
}

async function post(urls: string[], batches: SignalBatch[]): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < batches.length; i = next++) {
      const res = await fetch(`${urls[i % urls.length]}/v1/signals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batches[i]) });
      if (res.status !== 202) throw new Error(`batch ${i}: HTTP ${res.status} ${await res.text()}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return batches.length / ((performance.now() - started) / 1000);
}

interface Setup { name: string; start(): Promise<{ servers: RunningServer[]; cleanup(): Promise<void> }> }
const common = { port: 0, rebuildEverySeconds: 0, rateLimits: false } as const;
const setups: Setup[] = [
  ...(['full', 'normal'] as const).map((sqliteSync): Setup => ({ name: `SQLite (WAL, synchronous=${sqliteSync}), 1 instance`, async start() {
    const t = tempDir();
    const s = await startServer({ ...common, dbPath: `${t.dir}/bench.sqlite`, sqliteSync });
    return { servers: [s], cleanup: async () => { await s.close(); t.cleanup(); } };
  } })),
  ...[1, 2].map((n): Setup => ({ name: `PostgreSQL, ${n} instance${n > 1 ? 's' : ''}`, async start() {
    const schema = uniqueSchema();
    const servers: RunningServer[] = [];
    for (let i = 0; i < n; i++) servers.push(await startServer({ ...common, databaseUrl: PG_URL, databaseSchema: schema }));
    return { servers, cleanup: async () => { for (const s of servers) await s.close(); await dropSchema(schema); } };
  } })),
];

async function pgSettings(): Promise<string> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  const get = async (k: string) => (await c.query<Record<string, string>>(`SHOW ${k}`)).rows[0]?.[k];
  const out = `PostgreSQL ${await get('server_version')}, fsync=${await get('fsync')}, synchronous_commit=${await get('synchronous_commit')}`;
  await c.end();
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const results = new Map<string, number[]>(setups.map((s) => [s.name, []]));
console.log(`bench-ingest: ${BATCHES} batches (8 items + 7 pairs each) per run, ${RUNS} runs, concurrency ${CONCURRENCY}, loopback HTTP; ${await pgSettings()}`);
for (let run = 0; run < RUNS; run++) {
  for (const setup of setups) {
    const { servers, cleanup } = await setup.start();
    try {
      await servers[0]?.store.putCampaign(CAMPAIGN);
      const urls = servers.map((s) => s.url);
      await post(urls, Array.from({ length: 100 }, (_, i) => makeBatch(`warm-${run}-${i}`, i))); // JIT, pools
      const rate = await post(urls, Array.from({ length: BATCHES }, (_, i) => makeBatch(`r${run}-${i}`, i)));
      results.get(setup.name)?.push(rate);
    } finally {
      await cleanup();
    }
  }
}
const base = median(results.get(setups[0]?.name ?? '') ?? []);
for (const [name, rates] of results) {
  const m = median(rates);
  console.log(`${name.padEnd(44)} median ${m.toFixed(0).padStart(6)} batches/s  (${(m / base).toFixed(2)}× SQLite; runs: ${rates.map((r) => r.toFixed(0)).join(', ')})`);
}
