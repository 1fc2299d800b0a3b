/**
 * SQLite implementation of `Store` (better-sqlite3). WAL for concurrent readers; the
 * durability of a commit is `SqliteSync` (see sqlite-sync.ts).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { parseCampaign, type Campaign, type SignalBatch } from '../../src/core/protocol';
import type { Neighbours } from '../../src/core/similarity';
import type { Arm, ItemId } from '../../src/core/types';
import type { ArmMoments } from '../../src/core/report/totals';
import { Listeners } from './listeners';
import { mergeBatch, stockOf } from './merge';
import { batchTotals } from '../../src/core/report/totals';
import { MOMENTS_SQL, momentsFromRow, type MomentsRow } from './moments-sql';
import { LATEST_SCHEMA, MIGRATIONS } from './migrations';
import { startCheckpointer, type Checkpointer } from './sqlite-checkpointer';
import { sqliteSyncFromEnv, type SqliteSync } from './sqlite-sync';
import { SqliteUnitMoments } from './unit-moments-sqlite';
import type { UnitMessage } from '../../src/core/unit-protocol';
import type { IngestResult, ItemStatRow, SaleLine, StockListener, StockMap, Store, StoredSimilarity, TransitionSnapshot, Transitions } from './types';

type Db = Database.Database;

interface PendingIngest {
  batch: SignalBatch;
  at: number;
  merged: ReturnType<typeof mergeBatch>;
  resolve: (r: IngestResult) => void;
  reject: (e: unknown) => void;
}

/** Applies pending migrations; refuses a file written by a newer reshelf. Returns the final version. */
export function migrate(db: Db): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_SCHEMA) {
    throw new Error(`database schema v${current} is newer than this reshelf understands (v${LATEST_SCHEMA}); upgrade reshelf`);
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}

function prepare(db: Db) {
  return {
    getCampaign: db.prepare<[string], { json: string }>('SELECT json FROM campaigns WHERE id = ?'),
    hasCampaign: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM campaigns WHERE id = ?'),
    upsertCampaign: db.prepare<[string, string, number]>(
      'INSERT INTO campaigns (id, json, updated_at) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at',
    ),
    listCampaigns: db.prepare<[], { id: string }>('SELECT id FROM campaigns ORDER BY id'),
    clearStock: db.prepare<[string]>('DELETE FROM stock WHERE campaign_id = ?'),
    upsertStock: db.prepare<[string, string, number]>(
      'INSERT INTO stock (campaign_id, item_id, stock) VALUES (?, ?, ?) ON CONFLICT(campaign_id, item_id) DO UPDATE SET stock = excluded.stock',
    ),
    insertSale: db.prepare<[string, string, string, number, number]>(
      'INSERT OR IGNORE INTO merchant_sales (campaign_id, order_id, item_id, quantity, recorded_at) VALUES (?, ?, ?, ?, ?)',
    ),
    lowerStock: db.prepare<[number, string, string]>('UPDATE stock SET stock = MAX(0, stock - ?) WHERE campaign_id = ? AND item_id = ?'),
    readStock: db.prepare<[string], { item_id: string; stock: number }>('SELECT item_id, stock FROM stock WHERE campaign_id = ?'),
    insertBatch: db.prepare<[string, string, string, number]>(
      'INSERT OR IGNORE INTO batches (batch_id, campaign_id, arm, received_at) VALUES (?, ?, ?, ?)',
    ),
    addItemStats: db.prepare<[string, string, string, number, number, number, number, number, number]>(
      `INSERT INTO item_stats (campaign_id, arm, item_id, position, impressions, clicks, carts, purchases, revenue)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(campaign_id, arm, item_id, position) DO UPDATE SET
         impressions = impressions + excluded.impressions, clicks = clicks + excluded.clicks,
         carts = carts + excluded.carts, purchases = purchases + excluded.purchases,
         revenue = revenue + excluded.revenue`,
    ),
    addPair: db.prepare<[string, string, number]>(
      'INSERT INTO pairs (from_id, to_id, weight) VALUES (?, ?, ?) ON CONFLICT(from_id, to_id) DO UPDATE SET weight = weight + excluded.weight',
    ),
    readPairs: db.prepare<[], { from_id: string; to_id: string; weight: number }>('SELECT from_id, to_id, weight FROM pairs'),
    getMeta: db.prepare<[string], { value: number | string }>('SELECT value FROM meta WHERE key = ?'),
    setMeta: db.prepare<[string, number]>('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
    addMeta: db.prepare<[string, number]>(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = value + excluded.value',
    ),
    clearSimilarity: db.prepare('DELETE FROM similarity'),
    insertSimilarity: db.prepare<[string, string, number]>('INSERT INTO similarity (item_id, neighbours, version) VALUES (?, ?, ?)'),
    readSimilarity: db.prepare<[], { item_id: string; neighbours: string }>('SELECT item_id, neighbours FROM similarity'),
    insertTotals: db.prepare<[string, string, string, number, number, number, number, number, number, number]>(
      `INSERT INTO batch_totals (batch_id, campaign_id, arm, sessions, impressions, clicks, carts, purchases, revenue, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    batchMoments: db.prepare<[string], MomentsRow>(MOMENTS_SQL),
    itemStats: db.prepare<[string], { arm: string; item_id: string; position: number; impressions: number; clicks: number; carts: number; purchases: number; revenue: number }>(
      `SELECT arm, item_id, position, impressions, clicks, carts, purchases, revenue
       FROM item_stats WHERE campaign_id = ? ORDER BY arm, item_id, position`,
    ),
  };
}

const META = { pairsSeq: 'pairs_seq', builtPairsSeq: 'built_pairs_seq', similarityVersion: 'similarity_version' } as const;

export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  readonly schemaVersion: number;
  private readonly db: Db;
  private readonly q: ReturnType<typeof prepare>;
  // One process owns the file, so events stay in-process.
  private readonly stockListeners = new Listeners<string>('stock change');
  private readonly ingestQueue: PendingIngest[] = [];
  /** Built once: better-sqlite3's transaction() wraps a function anew on every call. */
  private readonly writeIngests: Database.Transaction<(group: readonly PendingIngest[]) => IngestResult[]>;
  private ingestScheduled = false;
  private readonly similarityListeners = new Listeners<number>('similarity saved');
  private readonly units: SqliteUnitMoments;

  readonly sync: SqliteSync;
  private readonly checkpointer: Checkpointer | null = null;

  /** `path` is a file path, or ':memory:' for tests. */
  constructor(path: string, sync: SqliteSync = sqliteSyncFromEnv()) {
    this.db = new Database(path);
    this.sync = sync;
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${sync.toUpperCase()}`);
      this.db.pragma('foreign_keys = ON');
      this.db.pragma('busy_timeout = 5000');
      this.schemaVersion = migrate(this.db);
      this.q = prepare(this.db);
      this.units = new SqliteUnitMoments(this.db);
      this.writeIngests = this.db.transaction((group: readonly PendingIngest[]) => group.map((g) => this.ingestOne(g.batch, g.at, g.merged)));
    } catch (e) {
      this.db.close();
      throw e;
    }
    if (path !== ':memory:' && !path.startsWith('file:')) {
      // Checkpoints (and their fsyncs) move to a worker thread; see sqlite-checkpointer.ts.
      this.db.pragma('wal_autocheckpoint = 0');
      this.checkpointer = startCheckpointer(path, sync, (e) => {
        console.error('reshelf: the SQLite checkpoint worker stopped; checkpointing on the main thread again', e);
        if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
      });
    }
  }

  private meta(key: string): number {
    return Number(this.q.getMeta.get(key)?.value ?? 0);
  }

  private stockOf(campaignId: string): Map<string, number> {
    return new Map(this.q.readStock.all(campaignId).map((r) => [r.item_id, r.stock]));
  }

  async getCampaign(id: string): Promise<Campaign | null> {
    const row = this.q.getCampaign.get(id);
    if (!row) return null;
    const parsed = parseCampaign(JSON.parse(row.json));
    if (!parsed.ok) throw new Error(`stored campaign ${id} is invalid: ${parsed.error}`);
    const stock = this.stockOf(id);
    const c = parsed.value;
    return { ...c, items: c.items.map((it) => ({ ...it, stock: stock.get(it.id) ?? it.stock })) };
  }

  async hasCampaign(id: string): Promise<boolean> {
    return this.q.hasCampaign.get(id) !== undefined;
  }

  async putCampaign(campaign: Campaign, at: number = Date.now()): Promise<{ created: boolean }> {
    const result = this.db.transaction(() => {
      const created = !this.q.hasCampaign.get(campaign.id);
      this.q.upsertCampaign.run(campaign.id, JSON.stringify(campaign), at);
      this.q.clearStock.run(campaign.id);
      for (const it of campaign.items) this.q.upsertStock.run(campaign.id, it.id, it.stock);
      return { created };
    })();
    this.stockListeners.emit(campaign.id);
    return result;
  }

  async setStock(campaignId: string, stock: StockMap): Promise<void> {
    this.db.transaction(() => {
      for (const [itemId, n] of Object.entries(stock)) this.q.upsertStock.run(campaignId, itemId, n);
    })();
    this.stockListeners.emit(campaignId);
  }

  async recordSales(campaignId: string, sales: readonly SaleLine[], at: number = Date.now()): Promise<{ applied: number; duplicates: number }> {
    const applied = this.db.transaction(() => {
      let n = 0;
      for (const s of sales) {
        if (this.q.insertSale.run(campaignId, s.orderId, s.itemId, s.quantity, at).changes === 0) continue;
        this.q.lowerStock.run(s.quantity, campaignId, s.itemId);
        n++;
      }
      return n;
    })();
    if (applied > 0) this.stockListeners.emit(campaignId);
    return { applied, duplicates: sales.length - applied };
  }

  async getStock(campaignId: string): Promise<StockMap | null> {
    const c = await this.getCampaign(campaignId);
    return c ? stockOf(c) : null;
  }

  async listCampaignIds(): Promise<string[]> {
    return this.q.listCampaigns.all().map((r) => r.id);
  }

  /**
   * Group commit: batches arriving in the same turn of the event loop are written in ONE
   * transaction (one fsync with synchronous=full), and each is acknowledged only after that
   * commit. A batch that makes the group fail is retried alone, so it cannot sink the others.
   */
  async ingest(batch: SignalBatch, at: number = Date.now()): Promise<IngestResult> {
    const merged = mergeBatch(batch);
    return new Promise<IngestResult>((resolve, reject) => {
      this.ingestQueue.push({ batch, at, merged, resolve, reject });
      if (!this.ingestScheduled) {
        this.ingestScheduled = true;
        realSetImmediate(() => this.commitIngests());
      }
    });
  }

  private commitIngests(): void {
    this.ingestScheduled = false;
    const group = this.ingestQueue.splice(0);
    if (group.length === 0) return;
    try {
      const results = this.writeIngests.immediate(group);
      group.forEach((g, i) => g.resolve(results[i]!));
    } catch {
      for (const g of group) {
        try {
          g.resolve(this.writeIngests.immediate([g])[0]!);
        } catch (e) {
          g.reject(e);
        }
      }
    }
  }

  private ingestOne(batch: SignalBatch, at: number, merged: ReturnType<typeof mergeBatch>): IngestResult {
    const inserted = this.q.insertBatch.run(batch.batchId, batch.campaignId, batch.arm, at).changes;
    if (inserted === 0) return { duplicate: true };
    const t = batchTotals(batch);
    this.q.insertTotals.run(batch.batchId, batch.campaignId, batch.arm, t.sessions, t.impressions, t.clicks, t.carts, t.purchases, t.revenue, at);
    for (const c of merged.items) {
      this.q.addItemStats.run(batch.campaignId, batch.arm, c.itemId, c.position, c.impressions, c.clicks, c.carts, c.purchases, c.revenue);
    }
    for (const p of merged.pairs) this.q.addPair.run(p.from, p.to, p.weight);
    if (batch.pairs.length > 0) this.q.addMeta.run(META.pairsSeq, batch.pairs.length);
    return { duplicate: false };
  }

  async readTransitions(): Promise<TransitionSnapshot> {
    // One read transaction: the pairs and the watermark come from the same snapshot.
    return this.db.transaction((): TransitionSnapshot => {
      const transitions: Transitions = new Map();
      for (const r of this.q.readPairs.iterate()) {
        let row = transitions.get(r.from_id);
        if (!row) transitions.set(r.from_id, (row = new Map()));
        row.set(r.to_id, r.weight);
      }
      return { transitions, pairsSeq: this.meta(META.pairsSeq) };
    })();
  }

  async saveSimilarity(version: number, neighbours: Neighbours, pairsSeq: number): Promise<void> {
    this.db.transaction(() => {
      this.q.clearSimilarity.run();
      for (const [id, list] of neighbours) this.q.insertSimilarity.run(id, JSON.stringify(list), version);
      this.q.setMeta.run(META.similarityVersion, version);
      this.q.setMeta.run(META.builtPairsSeq, pairsSeq);
    }).immediate();
    this.similarityListeners.emit(version);
  }

  async loadSimilarity(): Promise<StoredSimilarity> {
    return this.db.transaction((): StoredSimilarity => {
      const neighbours: Neighbours = new Map();
      for (const r of this.q.readSimilarity.iterate()) {
        neighbours.set(r.item_id, JSON.parse(r.neighbours) as Array<[ItemId, number]>);
      }
      return { version: this.meta(META.similarityVersion), neighbours };
    })();
  }

  async similarityVersion(): Promise<number> {
    return this.meta(META.similarityVersion);
  }

  async pairsSinceBuild(): Promise<number> {
    return Math.max(0, this.meta(META.pairsSeq) - this.meta(META.builtPairsSeq));
  }

  async itemStats(campaignId: string): Promise<ItemStatRow[]> {
    return this.q.itemStats.all(campaignId).map((r) => ({
      arm: r.arm as Arm,
      itemId: r.item_id,
      position: r.position,
      impressions: r.impressions,
      clicks: r.clicks,
      carts: r.carts,
      purchases: r.purchases,
      revenue: r.revenue,
    }));
  }

  async batchMoments(campaignId: string): Promise<ArmMoments[]> {
    return this.q.batchMoments.all(campaignId).map(momentsFromRow);
  }

  async ingestUnits(message: UnitMessage, at: number = Date.now()): Promise<IngestResult> {
    return this.units.ingest(message, at);
  }

  async unitMoments(campaignId: string): Promise<ArmMoments[]> {
    return this.units.moments(campaignId);
  }

  /** In-process only: SimilarityService already shares one build per process. */
  async exclusiveBuild<T>(build: () => Promise<T>): Promise<T | null> {
    return build();
  }

  onStockChange(listener: StockListener): () => void {
    return this.stockListeners.add(listener);
  }

  onSimilaritySaved(listener: (version: number) => void): () => void {
    return this.similarityListeners.add(listener);
  }

  async close(): Promise<void> {
    // Batches still waiting for their group commit are written, not dropped.
    if (this.db.open) this.commitIngests();
    await this.checkpointer?.close();
    if (!this.db.open) return;
    this.commitIngests(); // any that arrived while the worker finished
    this.db.close();
  }
}

/** The real one, even when a test fakes timers: a group commit must never wait on a fake clock. */
const realSetImmediate = globalThis.setImmediate;

/** Opens (creating the parent directory of) a database file, or ':memory:'. */
export function openSqliteStore(path: string, sync?: SqliteSync): SqliteStore {
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(resolve(path)), { recursive: true });
  return new SqliteStore(path, sync);
}
