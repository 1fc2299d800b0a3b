/**
 * WAL checkpoints on a worker thread with its own connection. better-sqlite3 is synchronous, so
 * a checkpoint run by the serving connection (SQLite's automatic one, every 1000 pages) blocks
 * the event loop for its fsyncs: 5–12 ms every few hundred batches under load, which set the
 * ingest p99. PASSIVE checkpoints never block the writer, so the serving connection only
 * appends to the WAL. If the worker cannot run, the serving connection checkpoints again.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** How often the worker copies the WAL into the database file (a no-op when nothing is new). */
const EVERY_MS = 200;

// Evaluated source rather than a file, so the bundles need no extra entry point. Dynamic
// imports only: eval'd code may run as a script or as a module.
const SOURCE = `
(async () => {
  const { parentPort, workerData } = await import('node:worker_threads');
  const { default: Database } = await import(workerData.driver);
  const db = new Database(workerData.path, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = ' + workerData.sync);
  const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)');
  const timer = setInterval(checkpoint, workerData.everyMs);
  parentPort.on('message', () => {
    clearInterval(timer);
    try { checkpoint(); } finally { db.close(); parentPort.close(); }
  });
})();
`;

export interface Checkpointer {
  /** Runs a last checkpoint, closes the worker's connection and waits for the thread to end. */
  close(): Promise<void>;
}

/**
 * Starts the worker for the database file at `path`. `fallback` runs when the worker fails (the
 * caller turns SQLite's automatic checkpoints back on).
 */
export function startCheckpointer(path: string, sync: string, fallback: (error: unknown) => void): Checkpointer {
  const driver = pathToFileURL(createRequire(import.meta.url).resolve('better-sqlite3')).href;
  // No inherited execArgv: the source is plain JavaScript and needs no loader (tsx, vitest).
  const worker = new Worker(SOURCE, { eval: true, execArgv: [], workerData: { driver, path, sync, everyMs: EVERY_MS } });
  worker.unref(); // never keeps a process alive
  let closing = false;
  let failed = false;
  const fail = (e: unknown) => {
    if (closing || failed) return;
    failed = true;
    fallback(e);
  };
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.once('error', fail);
  worker.once('exit', (code) => fail(new Error(`checkpoint worker exited with code ${code}`)));
  return {
    async close() {
      if (closing) return exited;
      closing = true;
      worker.ref(); // the process must wait for the last checkpoint, even with nothing else to do
      worker.postMessage('close');
      return exited;
    },
  };
}
