/**
 * Ordered schema migrations for the PostgreSQL store; `schema_migrations` records the applied
 * ones. Append new entries, never edit a shipped one.
 */
import type { Migration } from './migrations';

/** Shards of the pair counter: each batch bumps a random one, so ingests never queue on one row. */
export const PAIR_SEQ_SHARDS = 16;

export const PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE campaigns (
        id text PRIMARY KEY,
        json text NOT NULL,
        updated_at bigint NOT NULL
      );
      CREATE TABLE stock (
        campaign_id text NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        item_id text NOT NULL,
        stock integer NOT NULL CHECK (stock >= 0),
        PRIMARY KEY (campaign_id, item_id)
      );
      -- The primary key is what makes ingest idempotent across instances.
      CREATE TABLE batches (
        batch_id text PRIMARY KEY,
        campaign_id text NOT NULL,
        arm text NOT NULL,
        received_at bigint NOT NULL
      );
      CREATE INDEX batches_campaign ON batches (campaign_id, received_at);
      -- Leading campaign_id: rows of one campaign cluster together and the table can be
      -- partitioned by campaign later without changing a query.
      CREATE TABLE item_stats (
        campaign_id text NOT NULL,
        arm text NOT NULL,
        item_id text NOT NULL,
        position integer NOT NULL,
        impressions bigint NOT NULL DEFAULT 0,
        clicks bigint NOT NULL DEFAULT 0,
        carts bigint NOT NULL DEFAULT 0,
        purchases bigint NOT NULL DEFAULT 0,
        revenue double precision NOT NULL DEFAULT 0,
        PRIMARY KEY (campaign_id, arm, item_id, position)
      );
      CREATE TABLE pairs (
        from_id text NOT NULL,
        to_id text NOT NULL,
        weight double precision NOT NULL,
        PRIMARY KEY (from_id, to_id)
      );
      CREATE TABLE pair_seq_shards (
        shard smallint PRIMARY KEY,
        n bigint NOT NULL
      );
      CREATE TABLE similarity (
        item_id text PRIMARY KEY,
        neighbours text NOT NULL,
        version bigint NOT NULL
      );
      CREATE TABLE meta (
        key text PRIMARY KEY,
        value bigint NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'per-batch totals for report variances',
    // Mirrors SQLite v2: one row per counted batch, written in the ingest statement.
    sql: `
      CREATE TABLE batch_totals (
        batch_id text PRIMARY KEY REFERENCES batches(batch_id) ON DELETE CASCADE,
        campaign_id text NOT NULL,
        arm text NOT NULL,
        sessions integer NOT NULL,
        impressions bigint NOT NULL,
        clicks bigint NOT NULL,
        carts bigint NOT NULL,
        purchases bigint NOT NULL,
        revenue double precision NOT NULL,
        received_at bigint NOT NULL
      );
      CREATE INDEX batch_totals_campaign ON batch_totals (campaign_id, arm);
    `,
  },
  {
    version: 3,
    name: 'sales recorded from the merchant order system',
    // Mirrors SQLite v3: one row per order line, so a re-sent order lowers stock once.
    sql: `
      CREATE TABLE merchant_sales (
        campaign_id text NOT NULL,
        order_id text NOT NULL,
        item_id text NOT NULL,
        quantity integer NOT NULL,
        recorded_at bigint NOT NULL,
        PRIMARY KEY (campaign_id, order_id, item_id)
      );
    `,
  },
  {
    version: 4,
    name: 'shopper-level moments sent as increments',
    // Mirrors SQLite v4: one row per unit message, no item ids, arrival kept only to the hour.
    sql: `
      CREATE TABLE unit_moments (
        unit_batch_id text PRIMARY KEY,
        campaign_id text NOT NULL,
        arm text NOT NULL,
        first smallint NOT NULL,
        s_sessions bigint NOT NULL, s_impressions bigint NOT NULL, s_clicks bigint NOT NULL, s_carts bigint NOT NULL, s_purchases bigint NOT NULL,
        q_sessions bigint NOT NULL, q_impressions bigint NOT NULL, q_clicks bigint NOT NULL, q_carts bigint NOT NULL, q_purchases bigint NOT NULL,
        x_ctr bigint NOT NULL, x_add_to_cart_rate bigint NOT NULL, x_conversion_rate bigint NOT NULL,
        received_hour bigint NOT NULL
      );
      CREATE INDEX unit_moments_campaign ON unit_moments (campaign_id, arm);
    `,
  },
];

export const PG_LATEST_SCHEMA = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]?.version ?? 0;
