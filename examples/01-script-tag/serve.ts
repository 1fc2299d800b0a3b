/**
 * The runnable demo: the reshelf backend (API, similarity, dashboard, /reshelf/* static files)
 * with the demo shop mounted on the same origin, its campaign seeded on first start.
 *
 *   npm start                              # builds dist/ if needed, then runs dist/demo.js
 *   npx tsx examples/01-script-tag/serve.ts  # straight from the sources (needs a built dist/ for the SDK)
 *
 * Environment: PORT (8080), HOST (127.0.0.1), RESHELF_DB (.data/demo.sqlite),
 * RESHELF_ADMIN_TOKEN (random per start when unset), RESHELF_DEMO_WARM (simulated sessions, 300).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseCampaign, type Campaign } from '../../src/core/protocol';
import { startServer, type RunningServer } from '../../server/main';
import { seedCampaign, warmSimilarity } from '../../server/seed';
import { openStore } from '../../server/store/open';
import type { Store } from '../../server/store/types';
import type { SimilarityService } from '../../server/similarity-job';
import { storefrontRoutes } from './storefront';

export interface DemoOptions {
  /** @defaultValue Number(process.env.PORT) || 8080; 0 picks a free port. */
  port?: number | undefined;
  /** @defaultValue process.env.HOST ?? '127.0.0.1' */
  host?: string | undefined;
  /** SQLite file or ':memory:'. @defaultValue process.env.RESHELF_DB ?? '.data/demo.sqlite' */
  dbPath?: string | undefined;
  /** PostgreSQL instead of SQLite (several demo instances may share it). @defaultValue process.env.RESHELF_DATABASE_URL */
  databaseUrl?: string | undefined;
  /** PostgreSQL schema for the demo's tables. */
  databaseSchema?: string | undefined;
  /** Directory with the built SDK (served at /reshelf/*). @defaultValue the `dist/` next to this code */
  staticDir?: string | undefined;
  /** Bearer token for /v1/admin/* and the dashboard. @defaultValue process.env.RESHELF_ADMIN_TOKEN, else random */
  adminToken?: string | undefined;
  /** Campaign JSON. @defaultValue examples/data/demo-campaign.json */
  campaignFile?: string | undefined;
  /** SIMULATED shopper sessions ingested on first seed so similarity is not empty. @defaultValue 300 */
  warmSessions?: number | undefined;
  /** Re-seed even when the database already holds the campaign (resets live stock). */
  reset?: boolean | undefined;
  rebuildEverySeconds?: number | undefined;
  /** Backend URL the shop's SDK tag sends to, when the API is another server. @defaultValue this server */
  sdkEndpoint?: string | undefined;
  /** Origins allowed to call this server's public API cross-origin. */
  corsOrigins?: readonly string[] | undefined;
}

export interface RunningDemo extends RunningServer {
  campaignId: string;
  adminToken: string;
  /** True when this start stored the campaign (fresh database or `reset`). */
  seeded: boolean;
}

const WARM_SEED = 1;

/** First existing path among candidates relative to this module (works from the sources and from dist/demo.js). */
function findNearby(candidates: readonly string[], what: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const tried = [...candidates.map((c) => resolve(here, c)), ...candidates.map((c) => resolve(process.cwd(), c))];
  const found = tried.find((p) => existsSync(p));
  if (!found) throw new Error(`demo: cannot find ${what}; looked in ${tried.join(', ')}`);
  return found;
}

export function loadDemoCampaign(file?: string): Campaign {
  const path = file ?? findNearby(['../data/demo-campaign.json', '../examples/data/demo-campaign.json', 'examples/data/demo-campaign.json'], 'the demo campaign');
  const parsed = parseCampaign(JSON.parse(readFileSync(path, 'utf8')) as unknown);
  if (!parsed.ok) throw new Error(`demo: ${path} is not a valid campaign: ${parsed.error}`);
  return parsed.value;
}

function defaultStaticDir(): string {
  try {
    return dirname(findNearby(['reshelf.js', '../../dist/reshelf.js', 'dist/reshelf.js'], 'the built SDK (dist/reshelf.js)'));
  } catch {
    // Not built yet: the shop still works (merchant order, no reshelf); say how to fix it.
    console.warn('demo: dist/reshelf.js not found; run `npm run build` to serve the SDK at /reshelf/reshelf.js');
    return resolve(process.cwd(), 'dist');
  }
}

/** The framework-style example (examples/02-esm): its page and stylesheet; its bundle is under /reshelf/examples/. */
function mountEsmExample(app: Parameters<NonNullable<Parameters<typeof startServer>[0]['extraRoutes']>>[0]): void {
  let dir: string | undefined;
  try {
    dir = dirname(findNearby(['../02-esm/index.html', '../examples/02-esm/index.html', 'examples/02-esm/index.html'], 'the ESM example'));
  } catch {
    return; // an installed package without examples/: nothing to mount
  }
  const page = (file: string, type: string) => () =>
    new Response(readFileSync(resolve(dir!, file)), { headers: { 'Content-Type': type, 'Cache-Control': 'no-cache' } });
  app.get('/examples/esm', page('index.html', 'text/html; charset=utf-8'));
  app.get('/examples/esm/style.css', page('style.css', 'text/css; charset=utf-8'));
}

async function seed(store: Store, campaign: Campaign, sessions: number, similarity?: SimilarityService): Promise<void> {
  await seedCampaign(store, campaign);
  if (sessions > 0) await warmSimilarity(store, campaign, { sessions, seed: WARM_SEED, ...(similarity ? { similarity } : {}) });
}

export async function startDemo(opts: DemoOptions = {}): Promise<RunningDemo> {
  const campaign = loadDemoCampaign(opts.campaignFile);
  const databaseUrl = opts.databaseUrl ?? process.env.RESHELF_DATABASE_URL;
  const dbPath = databaseUrl ? undefined : (opts.dbPath ?? process.env.RESHELF_DB ?? '.data/demo.sqlite');
  const storeConfig = databaseUrl ? { databaseUrl, databaseSchema: opts.databaseSchema } : { dbPath };
  const adminToken = opts.adminToken ?? process.env.RESHELF_ADMIN_TOKEN ?? randomBytes(16).toString('hex');
  const warm = opts.warmSessions ?? (Number(process.env.RESHELF_DEMO_WARM) >= 0 && process.env.RESHELF_DEMO_WARM ? Number(process.env.RESHELF_DEMO_WARM) : 300);
  const inMemory = dbPath === ':memory:';

  // Seed before listening, so the first request already sees the campaign and its similarity.
  let seeded = false;
  if (!inMemory) {
    const store = await openStore(storeConfig);
    try {
      if (opts.reset || !(await store.getCampaign(campaign.id))) {
        await seed(store, campaign, warm);
        seeded = true;
      }
    } finally {
      await store.close();
    }
  }

  const running = await startServer({
    port: opts.port ?? (Number(process.env.PORT) || 8080),
    host: opts.host ?? process.env.HOST ?? '127.0.0.1',
    ...storeConfig,
    adminToken,
    staticDir: opts.staticDir ?? defaultStaticDir(),
    rebuildEverySeconds: opts.rebuildEverySeconds,
    corsOrigins: opts.corsOrigins,
    extraRoutes: (app, { store }) => {
      app.route('/', storefrontRoutes({ campaignId: campaign.id, getCampaign: (id) => store.getCampaign(id), sdkEndpoint: opts.sdkEndpoint }));
      mountEsmExample(app);
    },
  });
  if (inMemory) {
    await seed(running.store, campaign, warm, running.similarity);
    seeded = true;
  }
  return { ...running, campaignId: campaign.id, adminToken, seeded };
}

async function main(): Promise<void> {
  const demo = await startDemo();
  console.log(`reshelf demo shop: ${demo.url}/`);
  console.log(`  campaign "${demo.campaignId}"${demo.seeded ? ' seeded (with SIMULATED warm-up sessions for similarity)' : ' loaded from the database'}`);
  console.log(`  admin token: ${process.env.RESHELF_ADMIN_TOKEN ? '(from RESHELF_ADMIN_TOKEN)' : demo.adminToken}`);
  const stop = () => {
    demo.close().then(() => process.exit(0), (e: unknown) => {
      console.error(e);
      process.exit(1);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
