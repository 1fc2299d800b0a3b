/**
 * PostgreSQL implementation of `Store` (node-postgres pool), for several server instances on one
 * database. Ingest is one statement (batch id insert + counter upserts, so it is atomic and
 * idempotent across instances); similarity builds take an advisory lock; stock changes and
 * saved builds are announced with NOTIFY and heard by every instance's LISTEN connection.
 */
import pg from 'pg';
import { parseCampaign, type Campaign, type SignalBatch } from '../../src/core/protocol';
import type { Neighbours } from '../../src/core/similarity';
import { RATIO_METRIC_NAMES, batchTotals, type ArmMoments } from '../../src/core/report/totals';
import type { Arm, ItemId } from '../../src/core/types';
import { Listeners } from './listeners';
import { mergeBatch, stockOf } from './merge';
import { momentsFromRow, momentsSql, type MomentsRow } from './moments-sql';
import { lockKey, migratePg } from './pg-migrate';
import { PgListener } from './pg-listen';
import { PAIR_SEQ_SHARDS } from './pg-migrations';
import type { UnitMessage } from '../../src/core/unit-protocol';
import { insertUnitSql, unitMomentsFromRow, unitMomentsSql, unitRow, type UnitMomentsRow } from './unit-moments-sql';
import type { IngestResult, ItemStatRow, SaleLine, StockListener, StockMap, Store, StoredSimilarity, TransitionSnapshot, Transitions } from './types';

export interface PostgresStoreOptions {
  /** Schema holding the tables (created when missing); default: the connection's search_path. */
  schema?: string | undefined;
  /** Connections in the pool (at least 2: a similarity build holds one for its lock). @defaultValue 10 */
  poolSize?: number | undefined;
  /** Hear other instances' stock changes and builds. Off for one-shot tools. @defaultValue true */
  listen?: boolean | undefined;
}

const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,39}$/;
const META = { builtPairsSeq: 'built_pairs_seq', similarityVersion: 'similarity_version' } as const;
/** Rows per INSERT when saving a build, to bound the size of one statement. */
const SAVE_CHUNK = 5000;
/** Deadlock / serialization failure: safe to retry an idempotent statement. */
const RETRYABLE = new Set(['40P01', '40001']);

const INGEST_SQL = `
  WITH b AS (
    INSERT INTO batches (batch_id, campaign_id, arm, received_at) VALUES ($1, $2, $3, $4)
    ON CONFLICT (batch_id) DO NOTHING RETURNING 1
  ), s AS (
    INSERT INTO item_stats (campaign_id, arm, item_id, position, impressions, clicks, carts, purchases, revenue)
    SELECT $2, $3, u.* FROM unnest($5::text[], $6::int[], $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::float8[]) AS u
    WHERE EXISTS (SELECT 1 FROM b)
    ON CONFLICT (campaign_id, arm, item_id, position) DO UPDATE SET
      impressions = item_stats.impressions + EXCLUDED.impressions, clicks = item_stats.clicks + EXCLUDED.clicks,
      carts = item_stats.carts + EXCLUDED.carts, purchases = item_stats.purchases + EXCLUDED.purchases,
      revenue = item_stats.revenue + EXCLUDED.revenue
  ), p AS (
    INSERT INTO pairs (from_id, to_id, weight)
    SELECT u.* FROM unnest($12::text[], $13::text[], $14::float8[]) AS u
    WHERE EXISTS (SELECT 1 FROM b)
    ON CONFLICT (from_id, to_id) DO UPDATE SET weight = pairs.weight + EXCLUDED.weight
  ), q AS (
    INSERT INTO pair_seq_shards (shard, n) SELECT $15::smallint, $16::bigint
    WHERE $16::bigint > 0 AND EXISTS (SELECT 1 FROM b)
    ON CONFLICT (shard) DO UPDATE SET n = pair_seq_shards.n + EXCLUDED.n
  ), t AS (
    INSERT INTO batch_totals (batch_id, campaign_id, arm, sessions, impressions, clicks, carts, purchases, revenue, received_at)
    SELECT $1, $2, $3, $17, $18, $19, $20, $21, $22, $4 WHERE EXISTS (SELECT 1 FROM b)
  )
  SELECT count(*)::int AS inserted FROM b`;

const MOMENTS_PG_SQL = momentsSql('double precision', '$1');
/** PostgreSQL folds unquoted aliases (x_addToCartRate) to lower case; map them back. */
const ALIASES = new Map(RATIO_METRIC_NAMES.map((k) => [`x_${k}`.toLowerCase(), `x_${k}`]));
const unfold = (row: MomentsRow): MomentsRow => Object.fromEntries(Object.entries(row).map(([k, v]) => [ALIASES.get(k) ?? k, v])) as MomentsRow;

const INSERT_UNIT_SQL = insertUnitSql((i) => `$${i + 1}`, 'postgres');
const UNIT_MOMENTS_PG_SQL = unitMomentsSql('double precision', '$1');

const PAIRS_SEQ_SQL = 'SELECT coalesce(sum(n), 0)::float8 AS seq FROM pair_seq_shards';

export class PostgresStore implements Store {
  readonly kind = 'postgres';
  private readonly stockListeners = new Listeners<string>('stock change');
  private readonly similarityListeners = new Listeners<number>('similarity saved');
  private readonly channels: { stock: string; similarity: string };
  private listener: PgListener | null = null;
  private closing: Promise<void> | null = null;
  schemaVersion = 0;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly config: pg.PoolConfig,
    private readonly schema: string | undefined,
  ) {
    // Channels are per database: a schema (tenant, test) gets its own.
    const suffix = schema === undefined ? '' : `_${schema}`;
    this.channels = { stock: `reshelf_stock${suffix}`, similarity: `reshelf_similarity${suffix}` };
  }

  /** Connects, migrates (under an advisory lock) and, unless `listen: false`, starts LISTENing. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const { schema } = options;
    if (schema !== undefined && !SCHEMA_RE.test(schema)) throw new Error(`schema must match ${SCHEMA_RE}, got ${JSON.stringify(schema)}`);
    const config: pg.PoolConfig = {
      connectionString: url,
      max: Math.max(2, options.poolSize ?? 10),
      application_name: 'reshelf',
      ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    };
    const pool = new pg.Pool(config);
    // An idle client's error (server restart) must not crash the process; the pool replaces it.
    pool.on('error', (e) => console.error('reshelf: idle PostgreSQL connection failed', e.message));
    const store = new PostgresStore(pool, config, schema);
    try {
      store.schemaVersion = await migratePg(pool, schema);
      if (options.listen ?? true) await store.startListening();
    } catch (e) {
      await store.close();
      throw e;
    }
    return store;
  }

  private async startListening(): Promise<void> {
    const { stock, similarity } = this.channels;
    this.listener = new PgListener({
      config: { ...this.config, application_name: 'reshelf-listen' },
      channels: [stock, similarity],
      onNotify: (channel, payload) => {
        if (channel === stock) this.stockListeners.emit(payload);
        else if (channel === similarity) this.similarityListeners.emit(Number(payload));
      },
      // Notifications sent while disconnected are gone: tell listeners everything may have changed.
      onReconnect: () => {
        void (async () => {
          for (const id of await this.listCampaignIds()) this.stockListeners.emit(id);
          this.similarityListeners.emit(await this.similarityVersion());
        })().catch((e: unknown) => console.error('reshelf: resync after reconnect failed', e));
      },
    });
    await this.listener.start();
  }

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query(begin);
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  private async meta(key: string): Promise<number> {
    const { rows } = await this.pool.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]);
    return Number(rows[0]?.value ?? 0);
  }

  async getCampaign(id: string): Promise<Campaign | null> {
    const { rows } = await this.pool.query<{ json: string; stock: Record<string, number> | null }>(
      `SELECT c.json, (SELECT json_object_agg(s.item_id, s.stock) FROM stock s WHERE s.campaign_id = c.id) AS stock
       FROM campaigns c WHERE c.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    const parsed = parseCampaign(JSON.parse(row.json));
    if (!parsed.ok) throw new Error(`stored campaign ${id} is invalid: ${parsed.error}`);
    const stock = row.stock ?? {};
    const c = parsed.value;
    return { ...c, items: c.items.map((it) => ({ ...it, stock: stock[it.id] ?? it.stock })) };
  }

  async hasCampaign(id: string): Promise<boolean> {
    return (await this.pool.query('SELECT 1 FROM campaigns WHERE id = $1', [id])).rowCount === 1;
  }

  async putCampaign(campaign: Campaign, at: number = Date.now()): Promise<{ created: boolean }> {
    return this.tx(async (c) => {
      const { rows } = await c.query<{ created: boolean }>(
        `INSERT INTO campaigns (id, json, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET json = EXCLUDED.json, updated_at = EXCLUDED.updated_at
         RETURNING (xmax = 0) AS created`,
        [campaign.id, JSON.stringify(campaign), at],
      );
      await c.query('DELETE FROM stock WHERE campaign_id = $1', [campaign.id]);
      await c.query('INSERT INTO stock (campaign_id, item_id, stock) SELECT $1, u.* FROM unnest($2::text[], $3::int[]) AS u', [
        campaign.id,
        campaign.items.map((it) => it.id),
        campaign.items.map((it) => it.stock),
      ]);
      // Delivered on commit, to every instance (this one included).
      await c.query('SELECT pg_notify($1, $2)', [this.channels.stock, campaign.id]);
      return { created: rows[0]?.created === true };
    });
  }

  async setStock(campaignId: string, stock: StockMap): Promise<void> {
    const entries = Object.entries(stock);
    await this.pool.query(
      `WITH up AS (
         INSERT INTO stock (campaign_id, item_id, stock) SELECT $1, u.* FROM unnest($2::text[], $3::int[]) AS u
         ON CONFLICT (campaign_id, item_id) DO UPDATE SET stock = EXCLUDED.stock
       ) SELECT pg_notify($4, $1)`,
      [campaignId, entries.map(([id]) => id), entries.map(([, n]) => n), this.channels.stock],
    );
  }

  async recordSales(campaignId: string, sales: readonly SaleLine[], at: number = Date.now()): Promise<{ applied: number; duplicates: number }> {
    // One statement: new order lines are inserted, and only those lower stock.
    const { rows } = await this.pool.query<{ applied: string }>(
      `WITH ins AS (
         INSERT INTO merchant_sales (campaign_id, order_id, item_id, quantity, recorded_at)
         SELECT $1, u.order_id, u.item_id, u.quantity, $5 FROM unnest($2::text[], $3::text[], $4::int[]) AS u(order_id, item_id, quantity)
         ON CONFLICT DO NOTHING
         RETURNING item_id, quantity
       ), sold AS (
         SELECT item_id, sum(quantity)::int AS q FROM ins GROUP BY item_id
       ), lowered AS (
         UPDATE stock s SET stock = greatest(0, s.stock - sold.q) FROM sold WHERE s.campaign_id = $1 AND s.item_id = sold.item_id RETURNING 1
       )
       SELECT (SELECT count(*) FROM ins) AS applied, (SELECT count(*) FROM lowered) AS lowered`,
      [campaignId, sales.map((s) => s.orderId), sales.map((s) => s.itemId), sales.map((s) => s.quantity), at],
    );
    const applied = Number(rows[0]?.applied ?? 0);
    if (applied > 0) await this.pool.query('SELECT pg_notify($1, $2)', [this.channels.stock, campaignId]);
    return { applied, duplicates: sales.length - applied };
  }

  async getStock(campaignId: string): Promise<StockMap | null> {
    const c = await this.getCampaign(campaignId);
    return c ? stockOf(c) : null;
  }

  async listCampaignIds(): Promise<string[]> {
    // COLLATE "C": the same byte order as SQLite, whatever the database's locale.
    const { rows } = await this.pool.query<{ id: string }>('SELECT id FROM campaigns ORDER BY id COLLATE "C"');
    return rows.map((r) => r.id);
  }

  async ingest(batch: SignalBatch, at: number = Date.now()): Promise<IngestResult> {
    const { items, pairs } = mergeBatch(batch);
    const t = batchTotals(batch);
    const params = [
      batch.batchId, batch.campaignId, batch.arm, at,
      items.map((c) => c.itemId), items.map((c) => c.position), items.map((c) => c.impressions), items.map((c) => c.clicks),
      items.map((c) => c.carts), items.map((c) => c.purchases), items.map((c) => c.revenue),
      pairs.map((p) => p.from), pairs.map((p) => p.to), pairs.map((p) => p.weight),
      Math.floor(Math.random() * PAIR_SEQ_SHARDS), batch.pairs.length,
      t.sessions, t.impressions, t.clicks, t.carts, t.purchases, t.revenue,
    ];
    for (let attempt = 1; ; attempt++) {
      try {
        const { rows } = await this.pool.query<{ inserted: number }>(INGEST_SQL, params);
        return { duplicate: rows[0]?.inserted !== 1 };
      } catch (e) {
        // The statement is atomic and idempotent, so a deadlock victim can simply run again.
        if (attempt >= 3 || !RETRYABLE.has((e as { code?: string }).code ?? '')) throw e;
      }
    }
  }

  async readTransitions(): Promise<TransitionSnapshot> {
    // One snapshot: the pairs and the watermark agree.
    return this.tx(async (c) => {
      const transitions: Transitions = new Map();
      const { rows } = await c.query<{ from_id: string; to_id: string; weight: number }>('SELECT from_id, to_id, weight FROM pairs');
      for (const r of rows) {
        let row = transitions.get(r.from_id);
        if (!row) transitions.set(r.from_id, (row = new Map()));
        row.set(r.to_id, r.weight);
      }
      const seq = await c.query<{ seq: number }>(PAIRS_SEQ_SQL);
      return { transitions, pairsSeq: seq.rows[0]?.seq ?? 0 };
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async saveSimilarity(version: number, neighbours: Neighbours, pairsSeq: number): Promise<void> {
    const entries = [...neighbours];
    await this.tx(async (c) => {
      // DELETE, not TRUNCATE: readers keep their snapshot instead of waiting for an exclusive lock.
      await c.query('DELETE FROM similarity');
      for (let i = 0; i < entries.length; i += SAVE_CHUNK) {
        const chunk = entries.slice(i, i + SAVE_CHUNK);
        await c.query('INSERT INTO similarity (item_id, neighbours, version) SELECT u.*, $3 FROM unnest($1::text[], $2::text[]) AS u', [
          chunk.map(([id]) => id),
          chunk.map(([, list]) => JSON.stringify(list)),
          version,
        ]);
      }
      await c.query(
        'INSERT INTO meta (key, value) VALUES ($1, $2), ($3, $4) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value',
        [META.similarityVersion, version, META.builtPairsSeq, pairsSeq],
      );
      await c.query('SELECT pg_notify($1, $2)', [this.channels.similarity, String(version)]);
    });
  }

  async loadSimilarity(): Promise<StoredSimilarity> {
    return this.tx(async (c) => {
      const neighbours: Neighbours = new Map();
      const { rows } = await c.query<{ item_id: string; neighbours: string }>('SELECT item_id, neighbours FROM similarity');
      for (const r of rows) neighbours.set(r.item_id, JSON.parse(r.neighbours) as Array<[ItemId, number]>);
      const v = await c.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [META.similarityVersion]);
      return { version: Number(v.rows[0]?.value ?? 0), neighbours };
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async similarityVersion(): Promise<number> {
    return this.meta(META.similarityVersion);
  }

  async pairsSinceBuild(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      `SELECT greatest(0, (${PAIRS_SEQ_SQL}) - coalesce((SELECT value FROM meta WHERE key = $1), 0))::float8 AS n`,
      [META.builtPairsSeq],
    );
    return rows[0]?.n ?? 0;
  }

  async itemStats(campaignId: string): Promise<ItemStatRow[]> {
    const { rows } = await this.pool.query<{ arm: string; item_id: string; position: number; impressions: string; clicks: string; carts: string; purchases: string; revenue: number }>(
      `SELECT arm, item_id, position, impressions, clicks, carts, purchases, revenue
       FROM item_stats WHERE campaign_id = $1 ORDER BY arm COLLATE "C", item_id COLLATE "C", position`,
      [campaignId],
    );
    return rows.map((r) => ({
      arm: r.arm as Arm,
      itemId: r.item_id,
      position: r.position,
      impressions: Number(r.impressions),
      clicks: Number(r.clicks),
      carts: Number(r.carts),
      purchases: Number(r.purchases),
      revenue: r.revenue,
    }));
  }

  async batchMoments(campaignId: string): Promise<ArmMoments[]> {
    return (await this.pool.query<MomentsRow>(MOMENTS_PG_SQL, [campaignId])).rows.map((r) => momentsFromRow(unfold(r)));
  }

  async ingestUnits(message: UnitMessage, at: number = Date.now()): Promise<IngestResult> {
    // One statement: the primary key makes a retry on any instance a no-op.
    const res = await this.pool.query(INSERT_UNIT_SQL, unitRow(message, at));
    return { duplicate: res.rowCount === 0 };
  }

  async unitMoments(campaignId: string): Promise<ArmMoments[]> {
    return (await this.pool.query<UnitMomentsRow>(UNIT_MOMENTS_PG_SQL, [campaignId])).rows.map(unitMomentsFromRow);
  }

  async exclusiveBuild<T>(build: () => Promise<T>): Promise<T | null> {
    // Session-level lock on a dedicated connection: if the process dies, the lock goes with it.
    const key = lockKey('similarity', this.schema);
    const client = await this.pool.connect();
    let broken = false;
    const lock = async (sql: string) => {
      try {
        return (await client.query<{ ok: boolean }>(sql, [key])).rows[0]?.ok;
      } catch (e) {
        broken = true; // dropping the connection releases whatever it held
        throw e;
      }
    };
    try {
      if ((await lock('SELECT pg_try_advisory_lock(hashtext($1)) AS ok')) !== true) {
        // Another instance is building: wait until it is done; the caller reloads its result.
        await lock('SELECT pg_advisory_lock(hashtext($1))');
        await lock('SELECT pg_advisory_unlock(hashtext($1)) AS ok');
        return null;
      }
      try {
        return await build();
      } finally {
        await lock('SELECT pg_advisory_unlock(hashtext($1)) AS ok').catch(() => undefined);
      }
    } finally {
      client.release(broken);
    }
  }

  onStockChange(listener: StockListener): () => void {
    return this.stockListeners.add(listener);
  }

  onSimilaritySaved(listener: (version: number) => void): () => void {
    return this.similarityListeners.add(listener);
  }

  close(): Promise<void> {
    return (this.closing ??= (async () => {
      await this.listener?.close();
      await this.pool.end();
    })());
  }
}

export const openPostgresStore = (url: string, options?: PostgresStoreOptions): Promise<PostgresStore> => PostgresStore.open(url, options);
