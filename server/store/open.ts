/** Picks the storage adapter from configuration: a postgres:// URL selects PostgreSQL, a path SQLite. */
import { openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';
import type { SqliteSync } from './sqlite-sync';
import type { Store } from './types';

export interface StoreConfig {
  /** SQLite file (its directory is created), or ':memory:'. */
  dbPath?: string | undefined;
  /** postgres://user@host:port/db — several instances may share it. */
  databaseUrl?: string | undefined;
  /** PostgreSQL schema for the tables (one per tenant or test); default: the search_path. */
  databaseSchema?: string | undefined;
  /** SQLite commit durability (see sqlite-sync.ts). @defaultValue RESHELF_SQLITE_SYNC, else 'normal' */
  sqliteSync?: SqliteSync | undefined;
}

export async function openStore(config: StoreConfig): Promise<Store> {
  const { dbPath, databaseUrl } = config;
  if (databaseUrl !== undefined && dbPath !== undefined) throw new Error('give either a database URL (PostgreSQL) or a database path (SQLite), not both');
  if (databaseUrl !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error(`database URL must start with postgres:// or postgresql://, got ${JSON.stringify(databaseUrl.replace(/:[^:@/]*@/, ':***@'))}`);
    return openPostgresStore(databaseUrl, { schema: config.databaseSchema });
  }
  if (dbPath === undefined) throw new Error('no store configured: give a database path (SQLite) or a database URL (PostgreSQL)');
  return openSqliteStore(dbPath, config.sqliteSync);
}
