/**
 * Crash safety with the real SQLite file: `kill -9` of the server while ingests stream in loses
 * no batch it acknowledged, and replaying every batch afterwards counts none twice.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SignalBatch } from '../src/core/protocol';
import type { SqliteSync } from './store/sqlite-sync';
import { tempDir } from './test-fixtures';

const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const CLI = join(process.cwd(), 'server/cli.ts');
const CAMPAIGN_FILE = join(process.cwd(), 'examples/data/demo-campaign.json');
const TOKEN = 'crash-test-token';
const ITEM = 'B07JW9H4J1';
const children: ChildProcess[] = [];
afterEach(() => { for (const c of children.splice(0)) c.kill('SIGKILL'); });

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

async function serve(db: string, port: number, sync: SqliteSync): Promise<ChildProcess> {
  // Node itself with tsx's loader, not the tsx wrapper: SIGKILL to the wrapper would leave the
  // server it spawned running, and nothing would crash.
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', '--port', String(port), '--db', db, '--rebuild-every', '0'], { env: { ...process.env, RESHELF_ADMIN_TOKEN: TOKEN, RESHELF_RATE_LIMITS: 'off', RESHELF_SQLITE_SYNC: sync }, stdio: 'ignore' });
  children.push(child);
  for (let i = 0; i < 100; i++) {
    if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

const batch = (n: number): SignalBatch => ({
  v: 1, batchId: `crash-${n}`, campaignId: 'flash-sale', arm: 'treatment',
  items: [{ itemId: ITEM, position: 3, impressions: 1, clicks: 1, carts: 0, purchases: 0, revenue: 0 }],
  pairs: [],
});

const post = (port: number, b: SignalBatch) =>
  fetch(`http://127.0.0.1:${port}/v1/signals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) });

async function clicks(port: number): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/v1/admin/campaigns/flash-sale/stats`, { headers: { authorization: `Bearer ${TOKEN}` } });
  const rows = ((await res.json()) as { items: Array<{ itemId: string; clicks: number }> }).items;
  return rows.filter((r) => r.itemId === ITEM).reduce((n, r) => n + r.clicks, 0);
}

// Both settings survive a process crash (with `normal` the kernel still holds the WAL bytes);
// only an OS crash or power cut tells them apart, which a test cannot stage here.
describe.each(['normal', 'full'] as const)('kill -9 during a stream of ingests (synchronous=%s)', (sync) => {
  it('keeps every acknowledged batch and counts replays once', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = join(dir, 'crash.sqlite');
      const seeded = spawnSync(TSX, [CLI, 'seed', '--campaign', CAMPAIGN_FILE, '--db', db], { encoding: 'utf8' });
      expect(seeded.status, seeded.stderr).toBe(0);
      const port = await freePort();
      const server = await serve(db, port, sync);

      const acked = new Set<number>();
      let sent = 0;
      let stop = false;
      // Four streams of ingests; the server is killed while they run.
      const stream = async () => {
        while (!stop && sent < 5000) {
          const n = sent++;
          const ok = await post(port, batch(n)).then((r) => r.status === 202, () => false);
          if (ok) acked.add(n);
        }
      };
      let done = false;
      const streams = Promise.all([stream(), stream(), stream(), stream()]).then(() => { done = true; });
      while (acked.size < 150 && !done) await new Promise((r) => setTimeout(r, 10));
      expect(acked.size, `acknowledged before the kill (sent ${sent})`).toBeGreaterThanOrEqual(150);
      server.kill('SIGKILL');
      stop = true;
      await streams;
      if (server.exitCode === null && server.signalCode === null) await new Promise((r) => server.once('exit', r));
      expect(await fetch(`http://127.0.0.1:${port}/healthz`).then(() => 'still answering', () => 'down'), 'the killed server').toBe('down');

      await serve(db, port, sync);
      const stored = await clicks(port);
      expect(stored).toBeGreaterThanOrEqual(acked.size);
      expect(stored).toBeLessThanOrEqual(sent);
      // Every batch again (as outboxes retry): the ones stored are duplicates, the rest count once.
      for (let n = 0; n < sent; n++) await post(port, batch(n));
      expect(await clicks(port)).toBe(sent);
    } finally {
      cleanup();
    }
  }, 60_000);
});
