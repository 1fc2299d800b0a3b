/**
 * Applies pending PostgreSQL migrations under an advisory lock, so instances starting together
 * migrate once; refuses a schema written by a newer reshelf.
 */
import type { Pool, PoolClient } from 'pg';
import type { Migration } from './migrations';
import { PG_LATEST_SCHEMA, PG_MIGRATIONS } from './pg-migrations';

/** Advisory lock ids are per database: the key names the schema so tenants/tests don't block each other. */
export const lockKey = (what: string, schema: string | undefined) => `reshelf:${what}:${schema ?? ''}`;

export async function migratePg(pool: Pool, schema: string | undefined, migrations: readonly Migration[] = PG_MIGRATIONS): Promise<number> {
  const client = await pool.connect();
  const key = lockKey('migrate', schema);
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
    try {
      return await applyPending(client, schema, migrations);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
    }
  } finally {
    client.release();
  }
}

async function applyPending(client: PoolClient, schema: string | undefined, migrations: readonly Migration[]): Promise<number> {
  if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const latest = migrations[migrations.length - 1]?.version ?? PG_LATEST_SCHEMA;
  let current = await appliedVersion(client);
  if (current > latest) {
    throw new Error(`database schema v${current} is newer than this reshelf understands (v${latest}); upgrade reshelf`);
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    await client.query('BEGIN');
    try {
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK');
      throw new Error(`migration v${m.version} (${m.name}) failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    current = m.version;
  }
  return current;
}

async function appliedVersion(client: PoolClient): Promise<number> {
  const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return rows[0]?.v ?? 0;
}
