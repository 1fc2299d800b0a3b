/**
 * Store factories for the shared storage tests (not shipped): SQLite always, PostgreSQL when
 * RESHELF_PG_URL points at a server (scripts/pg-test-server.sh). Every PostgreSQL store gets a
 * fresh schema, dropped afterwards, so test files running in parallel never see each other.
 */
import { join } from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { openPostgresStore } from './store/postgres';
import { SqliteStore, openSqliteStore } from './store/sqlite';
import type { Store } from './store/types';
import { tempDir } from './test-fixtures';

export const PG_URL = process.env.RESHELF_PG_URL || undefined;
export const PG_MISSING = 'skipped: RESHELF_PG_URL is not set (start a server: eval "$(scripts/pg-test-server.sh start)")';

export interface StoreHandle {
  store: Store;
  /** Another handle on the same database: a second process or server instance. */
  second(): Promise<Store>;
  /** Closes every handle and deletes the database. */
  cleanup(): Promise<void>;
}

export interface StoreFactory {
  name: 'sqlite' | 'postgres';
  /** `memory`: SQLite in memory (fast; `second()` unavailable). PostgreSQL ignores it. */
  open(options?: { memory?: boolean }): Promise<StoreHandle>;
}

export const sqliteFactory: StoreFactory = {
  name: 'sqlite',
  async open({ memory = false } = {}) {
    if (memory) {
      const store = new SqliteStore(':memory:');
      return { store, second: () => Promise.reject(new Error('an in-memory store has no second handle')), cleanup: () => store.close() };
    }
    const t = tempDir();
    const path = join(t.dir, 'reshelf.sqlite');
    const opened: Store[] = [];
    const open = async () => {
      const s = openSqliteStore(path);
      opened.push(s);
      return s;
    };
    return { store: await open(), second: open, cleanup: async () => {
      for (const s of opened) await s.close();
      t.cleanup();
    } };
  },
};

let schemas = 0;
/** A schema name no other test (file, worker, run) uses. */
export function uniqueSchema(): string {
  return `t_${Date.now().toString(36)}_${process.pid}_${schemas++}_${Math.random().toString(36).slice(2, 8)}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

export const postgresFactory: StoreFactory = {
  name: 'postgres',
  async open() {
    if (!PG_URL) throw new Error(PG_MISSING);
    const url = PG_URL;
    const schema = uniqueSchema();
    const opened: Store[] = [];
    const open = async () => {
      const s = await openPostgresStore(url, { schema, poolSize: 4 });
      opened.push(s);
      return s;
    };
    return { store: await open(), second: open, cleanup: async () => {
      for (const s of opened) await s.close();
      await dropSchema(schema);
    } };
  },
};

/** Runs `suite` once per store; the PostgreSQL run is skipped, saying why, without RESHELF_PG_URL. */
export function describeEachStore(title: string, suite: (factory: StoreFactory) => void): void {
  describe(`${title} [sqlite]`, () => suite(sqliteFactory));
  if (PG_URL) describe(`${title} [postgres]`, () => suite(postgresFactory));
  else describe.skip(`${title} [postgres] — ${PG_MISSING}`, () => suite(postgresFactory));
}

/** `describe` when PostgreSQL is available, else `describe.skip` with the reason in the title. */
export function describePg(title: string, suite: () => void): void {
  if (PG_URL) describe(title, suite);
  else describe.skip(`${title} — ${PG_MISSING}`, suite);
}
