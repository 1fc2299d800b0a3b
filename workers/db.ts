/**
 * The engine's IndexedDB database (via idb): versioned schema with forward migrations, and an
 * in-memory stand-in with the same surface when IndexedDB is unavailable or broken.
 */
import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Accumulator } from '../src/core/aggregate';
import type { SignalBatch } from '../src/core/protocol';
import type { ItemId, SimilaritySlice, Tile } from '../src/core/types';

export const DB_NAME = 'reshelf';
export const DB_VERSION = 1;

export interface OutboxEntry {
  batch: SignalBatch;
  createdAt: number;
  /** Order among batches sealed in the same flush (same createdAt). */
  seq: number;
  attempts: number;
  nextAttemptAt: number;
}

export interface WidgetMemo {
  tiles: Tile[];
  next: ItemId[];
  at: number;
}

export interface StoredSlice {
  slice: SimilaritySlice;
  /** History items the slice was fetched for. */
  items: ItemId[];
  fetchedAt: number;
}

interface ReshelfSchema extends DBSchema {
  meta: { key: string; value: unknown };
  profile: { key: string; value: unknown };
  slices: { key: string; value: StoredSlice };
  outbox: { key: string; value: OutboxEntry; indexes: { createdAt: number } };
  widgets: { key: string; value: WidgetMemo };
  pending: { key: string; value: Accumulator };
}

export type StoreName = 'meta' | 'profile' | 'slices' | 'outbox' | 'widgets' | 'pending';

/** What the engine needs from storage; both IndexedDB and memory implement it. */
export interface EngineStore {
  readonly kind: 'indexeddb' | 'memory';
  get<T>(store: StoreName, key: string): Promise<T | undefined>;
  put(store: StoreName, key: string, value: unknown): Promise<void>;
  /** Several writes that land together or not at all (one IndexedDB transaction). */
  putAll(writes: ReadonlyArray<{ store: StoreName; key: string; value: unknown }>): Promise<void>;
  delete(store: StoreName, key: string): Promise<void>;
  /** Every key and value of a store. */
  entries<T>(store: StoreName): Promise<Array<[string, T]>>;
  /** Outbox entries, oldest first. */
  outbox(): Promise<OutboxEntry[]>;
  count(store: StoreName): Promise<number>;
  close(): void;
  destroy(): Promise<void>;
}

/** Each entry upgrades from version i to i + 1; never edit a shipped step, add one. */
const MIGRATIONS: Array<(db: IDBPDatabase<ReshelfSchema>) => void> = [
  (db) => {
    db.createObjectStore('meta');
    db.createObjectStore('profile');
    db.createObjectStore('slices');
    db.createObjectStore('outbox').createIndex('createdAt', 'createdAt');
    db.createObjectStore('widgets');
    db.createObjectStore('pending');
  },
];

export async function openIndexedDbStore(name = DB_NAME): Promise<EngineStore> {
  if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available in this context');
  const db = await openDB<ReshelfSchema>(name, DB_VERSION, {
    upgrade(database, oldVersion) {
      for (let v = oldVersion; v < DB_VERSION; v++) MIGRATIONS[v]!(database);
    },
    blocking() {
      // A newer tab wants to upgrade: step aside rather than block it.
      db.close();
    },
  });
  const anyStore = (s: StoreName) => s as 'meta';
  return {
    kind: 'indexeddb',
    get: async <T>(store: StoreName, key: string) => (await db.get(anyStore(store), key)) as T | undefined,
    put: async (store, key, value) => {
      await db.put(anyStore(store), value, key);
    },
    delete: (store, key) => db.delete(anyStore(store), key),
    putAll: async (writes) => {
      const names = [...new Set(writes.map((w) => anyStore(w.store)))];
      const tx = db.transaction(names, 'readwrite');
      await Promise.all([...writes.map((w) => tx.objectStore(anyStore(w.store)).put(w.value, w.key)), tx.done]);
    },
    entries: async <T>(store: StoreName) => {
      const tx = db.transaction(anyStore(store));
      const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
      return keys.map((k, i): [string, T] => [String(k), values[i] as T]);
    },
    outbox: () => db.getAllFromIndex('outbox', 'createdAt'),
    count: (store) => db.count(anyStore(store)),
    close: () => db.close(),
    destroy: async () => {
      db.close();
      await deleteDB(name);
    },
  };
}

export function memoryStore(): EngineStore {
  const stores = new Map<StoreName, Map<string, unknown>>();
  const of = (s: StoreName) => {
    let m = stores.get(s);
    if (!m) stores.set(s, (m = new Map()));
    return m;
  };
  // structuredClone keeps the same copy semantics as IndexedDB.
  return {
    kind: 'memory',
    get: async <T>(s: StoreName, k: string) => structuredClone(of(s).get(k)) as T | undefined,
    put: async (s, k, v) => void of(s).set(k, structuredClone(v)),
    delete: async (s, k) => void of(s).delete(k),
    putAll: async (writes) => { for (const w of writes) of(w.store).set(w.key, structuredClone(w.value)); },
    entries: async <T>(s: StoreName) => [...of(s).entries()].map(([k, v]): [string, T] => [k, structuredClone(v) as T]),
    outbox: async () => [...of('outbox').values()].map((v) => structuredClone(v) as OutboxEntry).sort((a, b) => a.createdAt - b.createdAt),
    count: async (s) => of(s).size,
    close: () => undefined,
    destroy: async () => stores.clear(),
  };
}
