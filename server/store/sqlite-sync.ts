/**
 * How durable a SQLite commit is before /v1/signals answers 202 (WAL mode either way):
 *
 * - `normal` (default): commits reach the OS page cache and the WAL is fsynced at checkpoints.
 *   An acknowledged batch survives a process crash (kill -9, OOM, a failed deploy): the kernel
 *   still writes those bytes out. An OS crash or power cut can roll back the commits since the
 *   last checkpoint (never corrupt the file).
 * - `full`: the WAL is fsynced at every group commit, so an acknowledged batch also survives a
 *   power cut. better-sqlite3 is synchronous, so every request (slice reads too) waits behind
 *   that fsync on the event loop.
 *
 * Why `normal` by default: the store holds aggregate counts, where the rare power cut costs a
 * few seconds of counts in both arms alike, while `full` costs every request on every day.
 * Set RESHELF_SQLITE_SYNC=full (or the `sqliteSync` option), or use PostgreSQL, when an
 * acknowledged batch must survive power loss too.
 */
export type SqliteSync = 'full' | 'normal';

export const DEFAULT_SQLITE_SYNC: SqliteSync = 'normal';

export function parseSqliteSync(value: string | undefined): SqliteSync {
  if (value === undefined || value === '') return DEFAULT_SQLITE_SYNC;
  const v = value.trim().toLowerCase();
  if (v === 'full' || v === 'normal') return v;
  throw new Error(`RESHELF_SQLITE_SYNC must be "full" or "normal", got ${JSON.stringify(value.slice(0, 40))}`);
}

export function sqliteSyncFromEnv(env: NodeJS.ProcessEnv = process.env): SqliteSync {
  return parseSqliteSync(env.RESHELF_SQLITE_SYNC);
}
