/**
 * The HTTP API as a Hono app. No sockets here: `main.ts` listens, tests call `app.request()`.
 */
import { Hono } from 'hono';
import { CampaignCache } from './campaign-cache';
import { ObjectiveCache } from './objective-cache';
import { corsAllowList } from './http/cors';
import { errorBody, jsonError } from './http/errors';
import { rateLimit, type RateLimitOptions } from './http/rate-limit';
import { join } from 'node:path';
import { HASHED_NAME, serveModelFile, serveStatic } from './http/static';
import { mountAdminRoutes } from './routes/admin';
import { mountPublicRoutes } from './routes/public';
import { mountUnitRoutes, UNITS_PATH } from './routes/units';
import { mountStockStream } from './routes/stock-stream';
import { mountReportRoutes } from './routes/report';
import { mountDashboardRoutes } from './routes/dashboard';
import type { SimilarityService } from './similarity-job';
import type { Store } from './store/types';
import { packageVersion } from './version';

export interface AppDeps {
  store: Store;
  similarity: SimilarityService;
  /** Bearer token for /v1/admin/*. Without one the admin API answers 401 to everything. */
  adminToken?: string | undefined;
  /** Origins allowed to call /v1/campaigns/* and /v1/signals cross-origin; '*' allows any. Default: none. */
  corsOrigins?: readonly string[] | undefined;
  /** Directory served at /reshelf/* (built SDK, worker, wasm, models). */
  staticDir?: string | undefined;
  /**
   * Directory of model folders served at /models/<name>/* (the text model's default base URL).
   * @defaultValue `models/` beside `staticDir` (the repository layout), when `staticDir` is set
   */
  modelsDir?: string | undefined;
  /**
   * Directory of the onnxruntime-web files served at /ort/* (the model runtime's default URL).
   * @defaultValue `ort/` inside `staticDir`, when it is set
   */
  ortDir?: string | undefined;
  now?: (() => number) | undefined;
  /** Reported by /healthz; defaults to the package version. */
  version?: string | undefined;
  /**
   * Per-client limits on the public API (requests per minute, burst). `false` turns them off.
   * @defaultValue signals 600/min burst 120, reads 1200/min burst 240
   */
  rateLimits?: { signals: RateLimitOptions; reads: RateLimitOptions } | false | undefined;
  /** Where unexpected errors are logged (never sent to the client). Defaults to console.error. */
  logError?: ((error: unknown, request: Request) => void) | undefined;
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const now = deps.now ?? Date.now;
  const logError = deps.logError ?? ((e: unknown, req: Request) => console.error(`reshelf: ${req.method} ${new URL(req.url).pathname} failed`, e));

  const corsMw = corsAllowList({ origins: deps.corsOrigins ?? [], methods: ['GET', 'HEAD', 'POST', 'OPTIONS'], headers: ['Content-Type'], maxAgeSeconds: 600 });
  // Admin routes get no CORS: the dashboard is same-origin, and a token never belongs in a storefront.
  app.use('/v1/campaigns/*', corsMw);
  app.use('/v1/signals', corsMw);
  app.use(UNITS_PATH, corsMw);
  if (deps.rateLimits !== false) {
    // Generous enough for shoppers behind one NAT; a scripted flood from one address gets 429s.
    const limits = deps.rateLimits ?? { signals: { perMinute: 600, burst: 120 }, reads: { perMinute: 1200, burst: 240 } };
    app.post('/v1/signals', rateLimit({ now, ...limits.signals }));
    app.post(UNITS_PATH, rateLimit({ now, ...limits.signals }));
    app.get('/v1/campaigns/*', rateLimit({ now, ...limits.reads }));
  }

  const campaigns = new CampaignCache(deps.store, now);
  const routeDeps = { store: deps.store, similarity: deps.similarity, campaigns, objective: new ObjectiveCache(deps.store, campaigns, now), now };
  mountPublicRoutes(app, routeDeps, deps.version ?? packageVersion());
  mountUnitRoutes(app, routeDeps);
  mountStockStream(app, routeDeps);
  mountAdminRoutes(app, routeDeps, deps.adminToken);
  mountReportRoutes(app, routeDeps);
  mountDashboardRoutes(app, routeDeps, deps.version ?? packageVersion());

  if (deps.staticDir !== undefined) {
    const root = deps.staticDir;
    app.get('/reshelf/*', async (c) => {
      // The raw (still encoded) path: decoded exactly once, by safeRelativePath.
      const sub = new URL(c.req.url).pathname.slice('/reshelf/'.length);
      const res = await serveStatic(root, sub, c.req.raw, { immutable: HASHED_NAME });
      return res ?? jsonError(c, 404, 'NOT_FOUND', `no file ${JSON.stringify(sub.slice(0, 200))}`);
    });
  }
  // The text model and its runtime, at the SDK's default URLs (same origin as the shop in the demo).
  const modelsDir = deps.modelsDir ?? (deps.staticDir === undefined ? undefined : join(deps.staticDir, '..', 'models'));
  const ortDir = deps.ortDir ?? (deps.staticDir === undefined ? undefined : join(deps.staticDir, 'ort'));
  const mountFiles = (prefix: string, serve: (sub: string, req: Request) => Promise<Response | null>) =>
    app.get(`${prefix}*`, async (c) => {
      const sub = new URL(c.req.url).pathname.slice(prefix.length);
      return (await serve(sub, c.req.raw)) ?? jsonError(c, 404, 'NOT_FOUND', `no file ${JSON.stringify(sub.slice(0, 200))}`);
    });
  if (modelsDir !== undefined) mountFiles('/models/', (sub, req) => serveModelFile(modelsDir, sub, req));
  if (ortDir !== undefined) mountFiles('/ort/', (sub, req) => serveStatic(ortDir, sub, req, { immutable: HASHED_NAME, extensions: new Set(['.mjs', '.wasm']) }));

  app.notFound((c) => jsonError(c, 404, 'NOT_FOUND', `no route for ${c.req.method} ${c.req.path}`));
  app.onError((err, c) => {
    logError(err, c.req.raw);
    return c.json(errorBody('INTERNAL', 'internal error; the server log has details'), 500, { 'Cache-Control': 'no-store' });
  });
  return app;
}
