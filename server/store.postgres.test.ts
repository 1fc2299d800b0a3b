import pg from 'pg';
import { afterEach, expect, it, vi } from 'vitest';
import { openStore } from './store/open';
import { PG_LATEST_SCHEMA } from './store/pg-migrations';
import { openPostgresStore, type PostgresStore } from './store/postgres';
import { PG_URL, describePg, dropSchema, uniqueSchema } from './store-factories';
import { CAMPAIGN, batch, counts } from './test-fixtures';

const opened: PostgresStore[] = [];
const schemas: string[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  for (const s of schemas.splice(0)) await dropSchema(s);
});
function freshSchema(): string {
  const s = uniqueSchema();
  schemas.push(s);
  return s;
}
async function open(schema: string): Promise<PostgresStore> {
  const s = await openPostgresStore(PG_URL ?? '', { schema, poolSize: 4 });
  opened.push(s);
  return s;
}
async function sql<T extends pg.QueryResultRow>(schema: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await c.connect();
  try {
    return (await c.query<T>(text)).rows;
  } finally {
    await c.end();
  }
}

describePg('PostgresStore migrations', () => {
  it('creates the schema once, even when instances start together', async () => {
    const schema = freshSchema();
    const [a, b, c] = await Promise.all([open(schema), open(schema), open(schema)]);
    expect([a.schemaVersion, b.schemaVersion, c.schemaVersion]).toEqual([PG_LATEST_SCHEMA, PG_LATEST_SCHEMA, PG_LATEST_SCHEMA]);
    expect(await sql(schema, 'SELECT version, name FROM schema_migrations ORDER BY version')).toEqual([
      { version: 1, name: 'initial schema' },
      { version: 2, name: 'per-batch totals for report variances' },
      { version: 3, name: 'sales recorded from the merchant order system' },
      { version: 4, name: 'shopper-level moments sent as increments' },
    ]);
    const tables = await sql<{ t: string }>(schema, `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = '${schema}' ORDER BY 1`);
    expect(tables.map((r) => r.t)).toEqual(['batch_totals', 'batches', 'campaigns', 'item_stats', 'merchant_sales', 'meta', 'pair_seq_shards', 'pairs', 'schema_migrations', 'similarity', 'stock', 'unit_moments']);
  });

  it('refuses a database migrated by a newer reshelf', async () => {
    const schema = freshSchema();
    await (await open(schema)).close();
    await sql(schema, `INSERT INTO schema_migrations (version, name) VALUES (${PG_LATEST_SCHEMA + 1}, 'from the future')`);
    await expect(openPostgresStore(PG_URL ?? '', { schema })).rejects.toThrow(/newer than this reshelf understands/);
  });

  it('is selected by a postgres:// URL and rejects bad configuration', async () => {
    const schema = freshSchema();
    const store = await openStore({ databaseUrl: PG_URL, databaseSchema: schema });
    expect(store.kind).toBe('postgres');
    await store.close();
    await expect(openStore({ databaseUrl: 'mysql://x' })).rejects.toThrow(/postgres:\/\//);
    await expect(openStore({ databaseUrl: PG_URL, dbPath: 'x.sqlite' })).rejects.toThrow(/not both/);
    await expect(openPostgresStore(PG_URL ?? '', { schema: 'Bad-Name' })).rejects.toThrow(/schema must match/);
  });
});

describePg('PostgresStore across instances', () => {
  it('hears stock changes and saved builds made through another instance', async () => {
    const schema = freshSchema();
    const [a, b] = [await open(schema), await open(schema)];
    const stock: string[] = [];
    const builds: number[] = [];
    b.onStockChange((id) => stock.push(id));
    b.onSimilaritySaved((v) => builds.push(v));
    await a.putCampaign(CAMPAIGN);
    await a.setStock(CAMPAIGN.id, { a1: 0 });
    await a.saveSimilarity(1, new Map(), 0);
    await vi.waitFor(() => {
      expect(stock).toEqual([CAMPAIGN.id, CAMPAIGN.id]);
      expect(builds).toEqual([1]);
    });
    expect((await b.getStock(CAMPAIGN.id))?.a1).toBe(0);
  });

  it('reconnects a lost LISTEN connection and then announces every campaign', async () => {
    const schema = freshSchema();
    const store = await open(schema);
    const heard: string[] = [];
    store.onStockChange((id) => heard.push(id));
    await store.putCampaign(CAMPAIGN);
    await store.putCampaign({ ...CAMPAIGN, id: 'other-sale' });
    await vi.waitFor(() => expect(heard).toHaveLength(2)); // the puts' own notifications
    heard.length = 0;
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await sql(schema, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'reshelf-listen' AND query LIKE '%${schema}%'`);
      await vi.waitFor(() => expect(heard.sort()).toEqual(['other-sale', CAMPAIGN.id]), { timeout: 5000 });
      expect(String(error.mock.calls[0]?.[0])).toMatch(/notification connection lost/);
    } finally {
      error.mockRestore();
    }
    heard.length = 0;
    await store.setStock(CAMPAIGN.id, { a1: 3 }); // listening again
    await vi.waitFor(() => expect(heard).toEqual([CAMPAIGN.id]));
  });

  it('lets one instance build at a time; the other waits and does not build', async () => {
    const schema = freshSchema();
    const [a, b] = [await open(schema), await open(schema)];
    let finish!: () => void;
    const aBuilding = a.exclusiveBuild(() => new Promise<string>((resolve) => (finish = () => resolve('a built'))));
    await vi.waitFor(() => expect(finish).toBeTypeOf('function'));
    let bDone = false;
    const bBuild = vi.fn(async () => 'b built');
    const bResult = b.exclusiveBuild(bBuild).finally(() => (bDone = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(bDone).toBe(false); // waiting for a
    finish();
    expect(await aBuilding).toBe('a built');
    expect(await bResult).toBeNull();
    expect(bBuild).not.toHaveBeenCalled();
    expect(await b.exclusiveBuild(async () => 'b next')).toBe('b next');
  });

  it('counts concurrent batches with overlapping keys exactly, without deadlocks', async () => {
    const schema = freshSchema();
    const [a, b] = [await open(schema), await open(schema)];
    const items = ['a1', 'a2', 'a3', 'k1', 'k2', 's1'];
    const pairs = items.slice(1).map((to, i) => ({ from: items[i] ?? 'a1', to, weight: 1 }));
    const sends = Array.from({ length: 40 }, (_, i) => {
      // Opposite key orders on the two instances: the store sorts, so rows lock in one order.
      const order = i % 2 === 0 ? items : [...items].reverse();
      const store = i % 2 === 0 ? a : b;
      return store.ingest(batch(`c${i % 20}`, order.map((id) => counts(id, 0, { clicks: 1 })), i % 2 === 0 ? pairs : [...pairs].reverse()));
    });
    const results = await Promise.all(sends);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(20);
    const rows = await a.itemStats(CAMPAIGN.id);
    expect(rows.map((r) => [r.itemId, r.impressions, r.clicks])).toEqual(items.map((id) => [id, 20, 20]));
    expect((await b.readTransitions()).transitions.get('a1')?.get('a2')).toBe(20);
    expect(await b.pairsSinceBuild()).toBe(20 * pairs.length);
  });
});
