/**
 * The lean paths of the two hot routes (slice reads, signal ingest): cached slice bodies with
 * ETags, CORS headers on every kind of response, and the body guards when the Node request is
 * read directly (a real server, not `app.request()`).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer, type RunningServer } from './main';
import { SqliteStore } from './store/sqlite';
import { parseSqliteSync } from './store/sqlite-sync';
import { batch, CAMPAIGN, counts, tempDir, testApp } from './test-fixtures';

const SLICE = '/v1/campaigns/spring-sale/slice?items=a1&k=5';

describe('slice reads', () => {
  it('serve one cached body per query with an ETag, 304 on a match, a new body after a rebuild', async () => {
    const { app, store, similarity } = await testApp();
    await store.ingest(batch('p', [], [{ from: 'a1', to: 'a2', weight: 3 }]));
    const first = await app.request(SLICE);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get('content-type')).toBe('application/json');
    expect(await first.json()).toMatchObject({ version: 0, neighbors: {} });
    expect((await app.request(SLICE)).headers.get('etag')).toBe(etag);

    const cached = await app.request(SLICE, { headers: { 'If-None-Match': `"x", ${etag!}` } });
    expect(cached.status).toBe(304);
    expect(cached.headers.get('etag')).toBe(etag);
    expect(await cached.text()).toBe('');

    await similarity.rebuild();
    const rebuilt = await app.request(SLICE, { headers: { 'If-None-Match': etag! } });
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.headers.get('etag')).not.toBe(etag);
    expect(await rebuilt.json()).toMatchObject({ version: 1, neighbors: { a1: [['a2', 1]] } });
  });

  it('drop items the campaign no longer has, even for a cached query', async () => {
    const { app, store, similarity } = await testApp({ adminToken: 'tok' });
    await store.ingest(batch('p', [], [{ from: 'a1', to: 'a2', weight: 3 }, { from: 'a1', to: 'k1', weight: 1 }]));
    await similarity.rebuild();
    const before = (await (await app.request(SLICE)).json()) as { neighbors: Record<string, Array<[string, number]>> };
    expect(before.neighbors.a1!.map(([id]) => id)).toEqual(['a2', 'k1']);
    const put = await app.request('/v1/admin/campaigns/spring-sale', {
      method: 'PUT',
      headers: { authorization: 'Bearer tok', 'content-type': 'application/json' },
      body: JSON.stringify({ ...CAMPAIGN, items: CAMPAIGN.items.filter((i) => i.id !== 'a2') }),
    });
    expect(put.status).toBeLessThan(300);
    const after = (await (await app.request(SLICE)).json()) as { neighbors: Record<string, Array<[string, number]>> };
    expect(after.neighbors.a1!.map(([id]) => id)).toEqual(['k1']);
  });
});

describe('CORS on the hot routes', () => {
  it('adds the allowed origin and Vary to slices, acks and errors alike', async () => {
    const { app } = await testApp({ corsOrigins: ['https://shop.example'] });
    const shop = { Origin: 'https://shop.example' };
    const responses = [
      await app.request(SLICE, { headers: shop }),
      await app.request('/v1/signals', { method: 'POST', headers: { ...shop, 'content-type': 'text/plain' }, body: JSON.stringify(batch('c1', [counts('a1', 0)])) }),
      await app.request('/v1/campaigns/spring-sale/slice?items=bad%20id', { headers: shop }),
      await app.request('/v1/campaigns/nope', { headers: shop }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 202, 400, 404]);
    for (const r of responses) {
      expect(r.headers.get('access-control-allow-origin')).toBe('https://shop.example');
      expect(r.headers.get('vary')).toBe('Origin');
    }
    const other = await app.request(SLICE, { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('vary')).toBe('Origin');
  });

  it("answers '*' without Vary", async () => {
    const { app } = await testApp({ corsOrigins: ['*'] });
    const res = await app.request(SLICE, { headers: { Origin: 'https://any.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('vary')).toBeNull();
  });
});

describe('POST /v1/signals on a real server (the Node request read directly)', () => {
  let server: RunningServer;
  let cleanup: () => void;
  beforeAll(async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    server = await startServer({ port: 0, dbPath: join(t.dir, 'hot.sqlite'), rebuildEverySeconds: 0, rateLimits: false });
    await server.store.putCampaign(CAMPAIGN, 0);
  });
  afterAll(async () => {
    await server.close();
    cleanup();
  });
  const post = (body: BodyInit, type = 'application/json', extra: RequestInit = {}) =>
    fetch(`${server.url}/v1/signals`, { method: 'POST', headers: { 'content-type': type }, body, ...extra });
  const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

  it('counts a batch once: 202, then 200 duplicate', async () => {
    const body = JSON.stringify(batch('real-1', [counts('a1', 0, { clicks: 1 })]));
    const first = await post(body, 'text/plain;charset=UTF-8');
    expect(first.status).toBe(202);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(await first.json()).toEqual({ batchId: 'real-1', duplicate: false });
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ batchId: 'real-1', duplicate: true });
    const clicks = (await server.store.itemStats(CAMPAIGN.id)).filter((r) => r.itemId === 'a1').reduce((n, r) => n + r.clicks, 0);
    expect(clicks).toBe(1);
  });

  it('413s over 64 KB, announced or streamed, and keeps serving', async () => {
    const big = JSON.stringify({ ...batch('real-big'), pad: 'x'.repeat(70 * 1024) });
    const announced = await post(big);
    expect(announced.status).toBe(413);
    expect((await errorOf(announced)).code).toBe('PAYLOAD_TOO_LARGE');
    const chunks = [big.slice(0, 40_000), big.slice(40_000)];
    const streamed = await post(new ReadableStream({ pull: (ctl) => { const c = chunks.shift(); if (c === undefined) ctl.close(); else ctl.enqueue(new TextEncoder().encode(c)); } }), 'application/json', { duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await post(JSON.stringify(batch('real-2')))).status).toBe(202);
  });

  it('gives clear 4xx errors without stack traces', async () => {
    const cases: Array<[BodyInit, string, number, string]> = [
      ['', 'application/json', 400, 'body is empty'],
      ['{"v":1,', 'application/json', 400, 'not valid JSON'],
      ['{"v":1}', 'application/json', 400, 'batchId'],
      ['a=1', 'application/x-www-form-urlencoded', 415, 'Content-Type must be'],
      [JSON.stringify(batch('real-3', [], [], { campaignId: 'nope' })), 'application/json', 404, 'no campaign'],
    ];
    for (const [body, type, status, message] of cases) {
      const res = await post(body, type);
      expect(res.status, message).toBe(status);
      const text = await res.text();
      expect(text).toContain(message);
      expect(text).not.toMatch(/\n\s+at /);
    }
  });

  it('serves slices with 304 revalidation', async () => {
    const first = await fetch(`${server.url}${SLICE}`);
    const etag = first.headers.get('etag')!;
    expect(first.status).toBe(200);
    const again = await fetch(`${server.url}${SLICE}`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });
});

describe('SQLite durability setting', () => {
  it('reads RESHELF_SQLITE_SYNC: normal by default, full on request, anything else refused', () => {
    expect(parseSqliteSync(undefined)).toBe('normal');
    expect(parseSqliteSync('')).toBe('normal');
    expect(parseSqliteSync(' FULL ')).toBe('full');
    expect(parseSqliteSync('normal')).toBe('normal');
    expect(() => parseSqliteSync('off')).toThrow(/full" or "normal/);
    expect(new SqliteStore(':memory:', 'full').sync).toBe('full');
  });

  it('checkpoints the WAL on a worker thread, not the serving connection, and closes cleanly', async () => {
    const t = tempDir();
    try {
      const path = join(t.dir, 'wal.sqlite');
      const store = new SqliteStore(path, 'normal');
      await store.putCampaign(CAMPAIGN, 0);
      await new Promise((r) => setTimeout(r, 300)); // the worker's first checkpoints
      const before = statSync(path).size;
      await Promise.all(Array.from({ length: 400 }, (_, i) => store.ingest(batch(`w${i}-${'x'.repeat(40)}`, [counts('a1', i % 20, { clicks: 1 })]))));
      // The serving connection never checkpoints (wal_autocheckpoint=0): the file grows only through the worker.
      await vi.waitFor(() => expect(statSync(path).size).toBeGreaterThan(before), { timeout: 3000 });
      await store.close();
      expect(existsSync(`${path}-wal`)).toBe(false);
      const reopened = new SqliteStore(path, 'normal');
      const clicks = (await reopened.itemStats(CAMPAIGN.id)).reduce((n, r) => n + r.clicks, 0);
      expect(clicks).toBe(400);
      await reopened.close();
    } finally {
      t.cleanup();
    }
  });
});
