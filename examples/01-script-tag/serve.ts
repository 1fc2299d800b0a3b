/**
 * The runnable demo: the reshelf backend (API, similarity, dashboard, /reshelf/* static files)
 * with the demo shop mounted on the same origin, its campaign seeded on first start.
 *
 *   npm start                              # builds dist/ if needed, then runs dist/demo.js
 *   npx tsx examples/01-script-tag/serve.ts  # straight from the sources (needs a built dist/ for the SDK)
 *
 * Environment: PORT (8080), HOST (127.0.0.1), RESHELF_DB (.data/demo.sqlite),
 * RESHELF_ADMIN_TOKEN (random per start when unset), RESHELF_DEMO_WARM (simulated sessions, 300),
 * RESHELF_DEMO_SIMULATE (SIMULATED shoppers for the dashboard's `sim-campaign`, 2000; 0 turns it off).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseCampaign, type Campaign } from '../../src/core/protocol';
import { startServer, type RunningServer } from '../../server/main';
import { seedCampaign, warmSimilarity } from '../../server/seed';
import { DEMO_SIM_CAMPAIGN, DEMO_SIM_LIFT, demoShoppersFromEnv, simulateDemoCampaign } from '../../server/simulate/demo';
import { openStore } from '../../server/store/open';
import type { Store } from '../../server/store/types';
import { SimilarityService } from '../../server/similarity-job';
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
  /**
   * SIMULATED shoppers (planted +10% click-through lift) run into this store as campaign
   * `sim-campaign` at every start, so the dashboard has a campaign with lift to show. 0 turns it off.
   * @defaultValue process.env.RESHELF_DEMO_SIMULATE, else 0 when `warmSessions` is 0 (a bare demo, as tests start it), else 2000
   */
  simulateShoppers?: number | undefined;
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
  /** The SIMULATED campaign's id and size, when one was run. */
  simulated: { campaignId: string; shoppers: number; lift: number; ms: number } | null;
  /** The dashboard, with the simulated campaign (or else the demo campaign) preselected. */
  dashboardUrl: string;
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

/**
 * The demo campaign, as a daily flash sale: it runs from midnight to midnight (UTC) of the day
 * the demo starts, so its countdown, sell-through rates and stock advice read like a real sale
 * whatever the date in the file.
 */
export function loadDemoCampaign(file?: string, now: number = Date.now()): Campaign {
  const path = file ?? findNearby(['../data/demo-campaign.json', '../examples/data/demo-campaign.json', 'examples/data/demo-campaign.json'], 'the demo campaign');
  const parsed = parseCampaign(JSON.parse(readFileSync(path, 'utf8')) as unknown);
  if (!parsed.ok) throw new Error(`demo: ${path} is not a valid campaign: ${parsed.error}`);
  const day = Math.floor(now / 86_400_000) * 86_400_000;
  return { ...parsed.value, startsAt: new Date(day).toISOString(), endsAt: new Date(day + 86_400_000).toISOString() };
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
  const simShoppers = opts.simulateShoppers ?? (process.env.RESHELF_DEMO_SIMULATE === undefined && warm === 0 ? 0 : demoShoppersFromEnv(process.env.RESHELF_DEMO_SIMULATE));
  let simulated: RunningDemo['simulated'] = null;
  const simulate = async (store: Store, similarity: SimilarityService): Promise<RunningDemo['simulated']> => {
    if (simShoppers <= 0) return null;
    const t0 = performance.now();
    await simulateDemoCampaign({ store, similarity }, simShoppers);
    return { campaignId: DEMO_SIM_CAMPAIGN, shoppers: simShoppers, lift: DEMO_SIM_LIFT, ms: Math.round(performance.now() - t0) };
  };

  // Seed before listening, so the first request already sees the campaign and its similarity.
  let seeded = false;
  if (!inMemory) {
    const store = await openStore(storeConfig);
    try {
      // A new day is a new sale: fresh stock (similarity learned so far stays).
      const stored = await store.getCampaign(campaign.id);
      if (opts.reset || !stored || stored.startsAt !== campaign.startsAt) {
        await seed(store, campaign, stored && !opts.reset ? 0 : warm);
        seeded = true;
      }
      // Before listening, so the dashboard never shows a half-ingested simulation.
      simulated = await simulate(store, await SimilarityService.open(store));
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
    simulated = await simulate(running.store, running.similarity);
  }
  const dashboardUrl = `${running.url}/dashboard?campaign=${encodeURIComponent(simulated ? DEMO_SIM_CAMPAIGN : campaign.id)}`;
  return { ...running, campaignId: campaign.id, adminToken, seeded, simulated, dashboardUrl };
}

async function main(): Promise<void> {
  const demo = await startDemo();
  console.log(`reshelf demo shop: ${demo.url}/`);
  console.log(`  campaign "${demo.campaignId}"${demo.seeded ? ' seeded (with SIMULATED warm-up sessions for similarity)' : ' loaded from the database'}`);
  if (demo.simulated) {
    const s = demo.simulated;
    console.log(`  campaign "${s.campaignId}": SIMULATED, ${s.shoppers} synthetic shoppers with a planted +${Math.round(s.lift * 100)}% click-through lift (${s.ms} ms; RESHELF_DEMO_SIMULATE=0 turns it off)`);
  }
  console.log(`  dashboard: ${demo.dashboardUrl}`);
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
