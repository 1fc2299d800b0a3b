import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA } from './store/migrations';
import { SqliteStore, openSqliteStore } from './store/sqlite';
import { storeContract } from './store-contract';
import { describeEachStore } from './store-factories';
import { CAMPAIGN, batch, counts, tempDir } from './test-fixtures';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));
function tmpFile(name = 'reshelf.sqlite'): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return join(t.dir, 'nested', name);
}

describe('SqliteStore migrations', () => {
  it('creates the schema on a fresh file, in WAL mode', async () => {
    const path = tmpFile();
    const store = openSqliteStore(path);
    expect(store.schemaVersion).toBe(LATEST_SCHEMA);
    await store.close();
    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((r) => r.name);
    expect(tables).toEqual(['batch_totals', 'batches', 'campaigns', 'item_stats', 'merchant_sales', 'meta', 'pairs', 'similarity', 'stock', 'unit_moments']);
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

  it('sets the configured synchronous level on every connection (normal unless told full)', () => {
    const level = (store: SqliteStore) => (store as unknown as { db: Database.Database }).db.pragma('synchronous', { simple: true });
    // 1 = NORMAL: survives a process crash; 2 = FULL: survives a power cut too (store/sqlite-sync.ts).
    for (const [store, expected] of [[new SqliteStore(':memory:', 'normal'), 1], [new SqliteStore(':memory:', 'full'), 2]] as const) {
      expect(level(store)).toBe(expected);
      void store.close();
    }
  });
});

describeEachStore('Store contract', storeContract);
