/**
 * Ordered schema migrations for the SQLite store. `PRAGMA user_version` records the applied
 * version; append new entries, never edit a shipped one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE campaigns (
        id TEXT PRIMARY KEY,
        json TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE stock (
        campaign_id TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        stock INTEGER NOT NULL CHECK (stock >= 0),
        PRIMARY KEY (campaign_id, item_id)
      ) WITHOUT ROWID;
      CREATE TABLE batches (
        batch_id TEXT PRIMARY KEY,
        campaign_id TEXT NOT NULL,
        arm TEXT NOT NULL,
        received_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX batches_campaign ON batches (campaign_id, received_at);
      CREATE TABLE item_stats (
        campaign_id TEXT NOT NULL,
        arm TEXT NOT NULL,
        item_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        impressions INTEGER NOT NULL DEFAULT 0,
        clicks INTEGER NOT NULL DEFAULT 0,
        carts INTEGER NOT NULL DEFAULT 0,
        purchases INTEGER NOT NULL DEFAULT 0,
        revenue REAL NOT NULL DEFAULT 0,
        PRIMARY KEY (campaign_id, arm, item_id, position)
      ) WITHOUT ROWID;
      CREATE TABLE pairs (
        from_id TEXT NOT NULL,
        to_id TEXT NOT NULL,
        weight REAL NOT NULL,
        PRIMARY KEY (from_id, to_id)
      ) WITHOUT ROWID;
      CREATE TABLE similarity (
        item_id TEXT PRIMARY KEY,
        neighbours TEXT NOT NULL,
        version INTEGER NOT NULL
      ) WITHOUT ROWID;
      -- Untyped value column so integers stay integers.
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'per-batch totals for report variances',
    // One row per counted batch, written with it; batches stored before v2 have none.
    sql: `
      CREATE TABLE batch_totals (
        batch_id TEXT PRIMARY KEY REFERENCES batches(batch_id) ON DELETE CASCADE,
        campaign_id TEXT NOT NULL,
        arm TEXT NOT NULL,
        sessions INTEGER NOT NULL,
        impressions INTEGER NOT NULL,
        clicks INTEGER NOT NULL,
        carts INTEGER NOT NULL,
        purchases INTEGER NOT NULL,
        revenue REAL NOT NULL,
        received_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX batch_totals_campaign ON batch_totals (campaign_id, arm);
    `,
  },
  {
    version: 3,
    name: 'sales recorded from the merchant order system',
    // One row per order line: a re-sent order is recognised and does not lower stock twice.
    sql: `
      CREATE TABLE merchant_sales (
        campaign_id TEXT NOT NULL,
        order_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        quantity INTEGER NOT NULL,
        recorded_at INTEGER NOT NULL,
        PRIMARY KEY (campaign_id, order_id, item_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    name: 'shopper-level moments sent as increments',
    // One row per unit message (POST /v1/units), by its random id so a retry counts once. No item
    // ids; the arrival time is kept only to the hour, so rows cannot be paired with batches by time.
    sql: `
      CREATE TABLE unit_moments (
        unit_batch_id TEXT PRIMARY KEY,
        campaign_id TEXT NOT NULL,
        arm TEXT NOT NULL,
        first INTEGER NOT NULL,
        s_sessions INTEGER NOT NULL, s_impressions INTEGER NOT NULL, s_clicks INTEGER NOT NULL, s_carts INTEGER NOT NULL, s_purchases INTEGER NOT NULL,
        q_sessions INTEGER NOT NULL, q_impressions INTEGER NOT NULL, q_clicks INTEGER NOT NULL, q_carts INTEGER NOT NULL, q_purchases INTEGER NOT NULL,
        x_ctr INTEGER NOT NULL, x_add_to_cart_rate INTEGER NOT NULL, x_conversion_rate INTEGER NOT NULL,
        received_hour INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX unit_moments_campaign ON unit_moments (campaign_id, arm);
    `,
  },
];

export const LATEST_SCHEMA = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
