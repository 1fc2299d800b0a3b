import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA } from './store/migrations';
import { SqliteStore, openSqliteStore } from './store/sqlite';
import { CAMPAIGN, batch, counts, tempDir } from './test-fixtures';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));
function tmpFile(name = 'reshelf.sqlite'): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return join(t.dir, 'nested', name);
}

describe('SqliteStore migrations', () => {
  it('creates the schema on a fresh file, in WAL mode with synchronous=FULL', async () => {
    const path = tmpFile();
    const store = openSqliteStore(path);
    expect(store.schemaVersion).toBe(LATEST_SCHEMA);
    await store.close();
    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((r) => r.name);
    expect(tables).toEqual(['batches', 'campaigns', 'item_stats', 'meta', 'pairs', 'similarity', 'stock']);
    db.close();
  });

  it('reopens an existing file without re-running migrations and keeps the data', async () => {
    const path = tmpFile();
    const a = openSqliteStore(path);
    await a.putCampaign(CAMPAIGN);
    await a.ingest(batch('b1', [counts('a1', 0)], [{ from: 'a1', to: 'a2', weight: 1 }]));
    await a.close();
    const b = openSqliteStore(path);
    expect(b.schemaVersion).toBe(LATEST_SCHEMA);
    expect(await b.listCampaignIds()).toEqual(['spring-sale']);
    expect((await b.ingest(batch('b1'))).duplicate).toBe(true);
    expect((await b.readTransitions()).transitions.get('a1')?.get('a2')).toBe(1);
    await b.close();
  });

  it('refuses a database written by a newer schema', async () => {
    const path = tmpFile();
    (await openSqliteStore(path).close());
    const db = new Database(path);
    db.pragma(`user_version = ${LATEST_SCHEMA + 1}`);
    db.close();
    expect(() => new SqliteStore(path)).toThrow(/newer than this reshelf understands/);
  });

  it('sets synchronous=FULL on every connection', () => {
    const store = new SqliteStore(':memory:');
    // 2 = FULL; NORMAL (1) could lose an acknowledged batch on power loss in WAL mode.
    expect((store as unknown as { db: Database.Database }).db.pragma('synchronous', { simple: true })).toBe(2);
    void store.close();
  });
});

describe('SqliteStore data', () => {
  it('merges live stock into the campaign and replaces it on put', async () => {
    const store = new SqliteStore(':memory:');
    expect(await store.putCampaign(CAMPAIGN)).toEqual({ created: true });
    await store.setStock(CAMPAIGN.id, { a1: 2 });
    const c = await store.getCampaign(CAMPAIGN.id);
    expect(c?.items.find((i) => i.id === 'a1')?.stock).toBe(2);
    expect(c?.items.find((i) => i.id === 'a2')?.stock).toBe(5);
    expect((await store.getStock(CAMPAIGN.id))?.a1).toBe(2);
    expect(await store.putCampaign(CAMPAIGN)).toEqual({ created: false });
    expect((await store.getStock(CAMPAIGN.id))?.a1).toBe(10);
    expect(await store.getCampaign('nope')).toBeNull();
    expect(await store.getStock('nope')).toBeNull();
    expect(await store.hasCampaign('nope')).toBe(false);
    await store.close();
  });

  it('counts a batch id once, however often it is sent', async () => {
    const store = new SqliteStore(':memory:');
    const b = batch('dup-1', [counts('a1', 0, { clicks: 1, revenue: 9.5 })], [{ from: 'a1', to: 'k1', weight: 1 }]);
    expect(await store.ingest(b)).toEqual({ duplicate: false });
    expect(await store.ingest(b)).toEqual({ duplicate: true });
    // Same id with different content is still the same batch (a retry must never double count).
    expect(await store.ingest({ ...b, items: [counts('a1', 0, { clicks: 7 })] })).toEqual({ duplicate: true });
    expect(await store.itemStats(CAMPAIGN.id)).toEqual([
      { arm: 'treatment', itemId: 'a1', position: 0, impressions: 1, clicks: 1, carts: 0, purchases: 0, revenue: 9.5 },
    ]);
    expect((await store.readTransitions()).transitions.get('a1')?.get('k1')).toBe(1);
    expect(await store.pairsSinceBuild()).toBe(1);
    await store.close();
  });

  it('keeps arms and positions apart in item stats', async () => {
    const store = new SqliteStore(':memory:');
    await store.ingest(batch('t1', [counts('a1', 0), counts('a1', 3)]));
    await store.ingest(batch('c1', [counts('a1', 0, { clicks: 1 })], [], { arm: 'control' }));
    const rows = await store.itemStats(CAMPAIGN.id);
    expect(rows.map((r) => `${r.arm}/${r.itemId}@${r.position}:${r.impressions}/${r.clicks}`)).toEqual([
      'control/a1@0:1/1',
      'treatment/a1@0:1/0',
      'treatment/a1@3:1/0',
    ]);
    expect(await store.itemStats('other')).toEqual([]);
    await store.close();
  });

  it('saves and loads similarity with its version and clears the dirty marker up to the snapshot', async () => {
    const store = new SqliteStore(':memory:');
    expect(await store.loadSimilarity()).toEqual({ version: 0, neighbours: new Map() });
    await store.ingest(batch('p1', [], [{ from: 'a1', to: 'a2', weight: 1 }]));
    const snap = await store.readTransitions();
    await store.ingest(batch('p2', [], [{ from: 'a2', to: 'a3', weight: 1 }])); // arrives mid-build
    await store.saveSimilarity(1, new Map([['a1', [['a2', 1]]]]), snap.pairsSeq);
    expect(await store.loadSimilarity()).toEqual({ version: 1, neighbours: new Map([['a1', [['a2', 1]]]]) });
    expect(await store.similarityVersion()).toBe(1);
    expect(await store.pairsSinceBuild()).toBe(1);
    await store.close();
  });
});
