import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from './commands';
import { LATEST_SCHEMA, MIGRATIONS } from './store/migrations';
import { SqliteStore } from './store/sqlite';
import { batch, CAMPAIGN, counts, tempDir, testApp } from './test-fixtures';

const AUTH = { Authorization: 'Bearer s3cret' };

describe('batch totals in the store', () => {
  it('stores per-batch totals with the batch, once, and returns per-arm moments', async () => {
    const store = new SqliteStore(':memory:');
    await store.putCampaign(CAMPAIGN, 0);
    await store.ingest(batch('b1', [counts('a1', 0, { impressions: 3, clicks: 1 }), counts('a2', 1, { impressions: 2 })], [], { sessions: 1 }));
    await store.ingest(batch('b2', [counts('a1', -1, { impressions: 0, purchases: 2, revenue: 98 })]));
    expect((await store.ingest(batch('b2', [counts('a1', 0, { impressions: 50 })]))).duplicate).toBe(true);
    await store.ingest(batch('c1', [counts('a1', 0, { impressions: 4, clicks: 2 })], [], { arm: 'control', sessions: 2 }));
    const [control, treatment] = await store.batchMoments(CAMPAIGN.id);
    expect(treatment).toEqual({
      arm: 'treatment', batches: 2,
      sum: { sessions: 1, impressions: 5, clicks: 1, carts: 0, purchases: 2, revenue: 98 },
      sumSq: { sessions: 1, impressions: 25, clicks: 1, carts: 0, purchases: 4, revenue: 9604 },
      cross: { ctr: 5, addToCartRate: 0, conversionRate: 0, revenuePerSession: 0 },
    });
    expect(control).toMatchObject({ arm: 'control', batches: 1, sum: { sessions: 2, impressions: 4, clicks: 2 }, cross: { ctr: 8 } });
    expect(await store.batchMoments('unknown')).toEqual([]);
    await store.close();
  });
  it('migrates a v1 database and keeps its batches', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = `${dir}/v1.sqlite`;
      const db = new Database(path);
      db.exec(MIGRATIONS[0]!.sql);
      db.pragma('user_version = 1');
      db.prepare('INSERT INTO batches (batch_id, campaign_id, arm, received_at) VALUES (?, ?, ?, ?)').run('old', CAMPAIGN.id, 'treatment', 1);
      db.close();
      const store = new SqliteStore(path);
      expect(store.schemaVersion).toBe(LATEST_SCHEMA);
      await store.putCampaign(CAMPAIGN, 0);
      expect((await store.ingest(batch('old'))).duplicate).toBe(true);
      await store.ingest(batch('new', [counts('a1', 0)]));
      expect((await store.batchMoments(CAMPAIGN.id)).map((m) => m.batches)).toEqual([1]);
      await store.close();
    } finally {
      cleanup();
    }
  });
});

describe('report routes', () => {
  async function seeded() {
    const t = await testApp({ adminToken: 's3cret' });
    const post = (b: unknown) => t.app.request('/v1/signals', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b) });
    for (let i = 0; i < 6; i++) {
      expect((await post(batch(`t${i}`, [counts('a1', 0, { impressions: 10, clicks: 2 + (i % 3) }), counts('k1', 1, { impressions: 10, clicks: 1 })], [], { sessions: 1 }))).status).toBe(202);
      expect((await post(batch(`c${i}`, [counts('a1', 0, { impressions: 10, clicks: 1 + (i % 2) }), counts('k1', 1, { impressions: 10, clicks: 1 })], [], { arm: 'control', sessions: 1 }))).status).toBe(202);
    }
    return t;
  }
  it('serves the JSON report with lift.<metric>.{estimate, ci: [low, high], p}', async () => {
    const { app } = await seeded();
    expect((await app.request('/v1/admin/campaigns/spring-sale/report')).status).toBe(401);
    expect((await app.request('/v1/admin/campaigns/nope/report', { headers: AUTH })).status).toBe(404);
    const res = await app.request('/v1/admin/campaigns/spring-sale/report', { headers: AUTH });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const r = (await res.json()) as { lift: Record<string, { estimate: number; ci: [number, number]; p: number }>; arms: Record<string, { sessions: number }>; positions: unknown[]; items: unknown[]; summary: { en: string; zh: string } };
    for (const k of ['ctr', 'addToCartRate', 'conversionRate', 'revenuePerSession']) expect(Object.keys(r.lift[k]!)).toEqual(expect.arrayContaining(['estimate', 'ci', 'p']));
    expect(r.lift.ctr!.estimate).toBeCloseTo(24 / 120 / (15 / 120) - 1, 9); // clicks 24 vs 15 on 120 impressions each
    expect(r.lift.ctr!.ci).toHaveLength(2);
    expect(r.lift.ctr!.ci[0]).toBeLessThan(r.lift.ctr!.estimate);
    expect(r.lift.ctr!.p).toBeGreaterThan(0);
    expect(r.arms.treatment!.sessions).toBe(6);
    expect(r.positions).toEqual([
      { position: 0, treatment: { impressions: 60, clicks: 18, ctr: 0.3 }, control: { impressions: 60, clicks: 9, ctr: 0.15 } },
      { position: 1, treatment: { impressions: 60, clicks: 6, ctr: 0.1 }, control: { impressions: 60, clicks: 6, ctr: 0.1 } },
    ]);
    expect(r.items).toHaveLength(CAMPAIGN.items.length);
    expect(r.summary.en).toContain('Click-through rate rose');
    expect(r.summary.zh).toContain('点击率提升');
  });
  it('serves the CSV with a UTF-8 BOM, its content type and escaped fields', async () => {
    const { app } = await seeded();
    const res = await app.request('/v1/admin/campaigns/spring-sale/report.csv', { headers: AUTH });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="reshelf-report-spring-sale.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('\r\nitem_id,title,category,');
    expect(text).toContain('\r\na1,Headphones,audio,49,99,120,27,');
    expect((await app.request('/v1/admin/campaigns/spring-sale/report.csv')).status).toBe(401);
  });
});

describe('reshelf simulate', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    const cli: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, waitForShutdown: async () => undefined };
    return { out, err, cli };
  };
  it('prints { planted, report } with --json', async () => {
    const { out, cli } = io();
    expect(await runCli(['simulate', '--shoppers', '60', '--lift', '0.1', '--seed', '7', '--json'], cli)).toBe(0);
    const parsed = JSON.parse(out.join('\n')) as { planted: number; report: { lift: { ctr: { estimate: number; ci: [number, number]; p: number } } } };
    expect(parsed.planted).toBe(0.1);
    expect(parsed.report.lift.ctr.ci[0]).toBeLessThanOrEqual(parsed.report.lift.ctr.estimate);
    expect(typeof parsed.report.lift.ctr.p).toBe('number');
  });
  it('prints a readable result and refuses bad flags with exit 2', async () => {
    const { out, cli } = io();
    expect(await runCli(['simulate', '--shoppers', '40', '--seed', '1'], cli)).toBe(0);
    expect(out[0]).toMatch(/^SIMULATED: 40 synthetic shoppers, seed 1/);
    const bad = io();
    expect(await runCli(['simulate', '--shoppers', '10', '--lift', '2'], bad.cli)).toBe(2);
    expect(bad.err.join('\n')).toContain('--lift must be a number -0.9..1');
    expect(await runCli(['simulate'], io().cli)).toBe(2);
  });
});
