/**
 * Opens the store, loads similarity, starts the rebuild scheduler and listens. Signal handling
 * (SIGINT/SIGTERM → close()) belongs to the caller: the CLI, the demo or a test.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp, type AppDeps } from './app';
import { SimilarityService } from './similarity-job';
import { openStore } from './store/open';
import type { SqliteSync } from './store/sqlite-sync';
import type { Store } from './store/types';

export const DEFAULT_REBUILD_EVERY_SECONDS = 60;

export interface StartServerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** @defaultValue '127.0.0.1' */
  host?: string | undefined;
  /** SQLite file (its directory is created), or ':memory:'. Give this or `databaseUrl`. */
  dbPath?: string | undefined;
  /** postgres://… selects PostgreSQL; several instances may share one database. */
  databaseUrl?: string | undefined;
  /** PostgreSQL schema for the tables (one per tenant or test). @defaultValue the search_path */
  databaseSchema?: string | undefined;
  /** SQLite commit durability: 'normal' or 'full' (see store/sqlite-sync.ts). @defaultValue RESHELF_SQLITE_SYNC, else 'normal' */
  sqliteSync?: SqliteSync | undefined;
  adminToken?: string | undefined;
  corsOrigins?: readonly string[] | undefined;
  staticDir?: string | undefined;
  /** Folder of model folders served at /models/. @defaultValue RESHELF_MODELS_DIR, else `models/` beside `staticDir` */
  modelsDir?: string | undefined;
  /** Rebuild similarity this often when new pairs arrived; 0 disables the timer. */
  rebuildEverySeconds?: number | undefined;
  /** Per-client limits of the public API; `false` turns them off. @defaultValue the app's defaults */
  rateLimits?: AppDeps['rateLimits'];
  /** Mounts extra pages (the demo storefront) on the same app, after the API routes. */
  extraRoutes?: ((app: Hono, ctx: { store: Store; similarity: SimilarityService }) => void) | undefined;
}

export interface RunningServer {
  url: string;
  port: number;
  app: Hono;
  store: Store;
  similarity: SimilarityService;
  /** Stops accepting requests, waits for a running rebuild, closes the database. Idempotent. */
  close(): Promise<void>;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const store = await openStore(options);
  let similarity: SimilarityService;
  let server: Server;
  let port: number;
  let app: Hono;
  try {
    similarity = await SimilarityService.open(store);
    app = createApp({
      store, similarity, adminToken: options.adminToken, corsOrigins: options.corsOrigins, staticDir: options.staticDir,
      modelsDir: options.modelsDir ?? process.env.RESHELF_MODELS_DIR,
      // RESHELF_RATE_LIMITS=off for load tests and trusted internal callers.
      rateLimits: options.rateLimits ?? (process.env.RESHELF_RATE_LIMITS === 'off' ? false : undefined),
    });
    options.extraRoutes?.(app, { store, similarity });
    ({ server, port } = await listen(app, options.port, host));
  } catch (e) {
    await store.close();
    throw e;
  }
  similarity.start(options.rebuildEverySeconds ?? DEFAULT_REBUILD_EVERY_SECONDS);
  // Catch up on pairs that arrived while the server was down, without delaying startup.
  similarity.rebuildIfDirty().catch((e: unknown) => console.error('reshelf: initial similarity rebuild failed', e));

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Live-stock streams never end by themselves: give requests in flight a moment, then cut.
        setTimeout(() => server.closeAllConnections(), 500).unref();
      });
      await similarity.stop();
      await store.close();
    })());

  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return { url: `http://${shownHost}:${port}`, port, app, store, similarity, close };
}

function listen(app: Hono, port: number, hostname: string): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
      server.off('error', reject);
      resolve({ server: server as Server, port: info.port });
    }) as Server;
    server.once('error', reject);
  });
}
