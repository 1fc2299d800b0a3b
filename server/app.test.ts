import { describe, expect, it } from 'vitest';
import { parseCampaign, parseSlice } from '../src/core/protocol';
import { CAMPAIGN, batch, counts, testApp } from './test-fixtures';

const post = (body: string, type: string | null = 'application/json', headers: Record<string, string> = {}) => ({
  method: 'POST',
  body,
  headers: { ...(type ? { 'Content-Type': type } : {}), ...headers },
});
const signal = (b: unknown, type?: string | null) => post(JSON.stringify(b), type);
const good = batch('b-1', [counts('a1', 0, { clicks: 1 })], [{ from: 'a1', to: 'a2', weight: 1 }]);

async function errorOf(res: Response) {
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.message).not.toMatch(/\n\s+at /); // never a stack trace
  return body.error;
}

describe('GET /healthz and unknown routes', () => {
  it('reports ok, the version and the store', async () => {
    const { app } = await testApp({ version: '9.9.9' });
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, version: '9.9.9', store: 'sqlite' });
  });
  it('answers unknown routes with a JSON 404', async () => {
    const { app } = await testApp();
    const res = await app.request('/v2/nothing');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('NOT_FOUND');
  });
  it('turns a thrown error into a bare INTERNAL 500 and logs it server-side', async () => {
    const { app, store, errors } = await testApp();
    store.getCampaign = () => Promise.reject(new Error('disk on fire'));
    const res = await app.request('/v1/campaigns/spring-sale');
    expect(res.status).toBe(500);
    const err = await errorOf(res);
    expect(err.code).toBe('INTERNAL');
    expect(err.message).not.toContain('disk on fire');
    expect(errors).toHaveLength(1);
  });
});

describe('campaign and stock', () => {
  it('returns the campaign with live stock merged, valid for the SDK parser', async () => {
    const { app, store } = await testApp();
    await store.setStock(CAMPAIGN.id, { k1: 1 });
    const res = await app.request('/v1/campaigns/spring-sale');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const parsed = parseCampaign(await res.json());
    expect(parsed.ok && parsed.value.items.find((i) => i.id === 'k1')?.stock).toBe(1);
  });
  it('serves a stock snapshot', async () => {
    const { app } = await testApp();
    const res = await app.request('/v1/campaigns/spring-sale/stock');
    expect(await res.json()).toEqual({
      campaignId: 'spring-sale',
      at: '2025-03-01T12:00:00.000Z',
      stock: { a1: 10, a2: 5, a3: 0, k1: 3, k2: 7, s1: 9 },
    });
  });
  it('404s unknown or malformed campaign ids', async () => {
    const { app } = await testApp();
    for (const path of ['/v1/campaigns/nope', '/v1/campaigns/nope/stock', '/v1/campaigns/nope/slice?items=a1', '/v1/campaigns/%20bad/stock']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect((await errorOf(res)).code).toBe('NOT_FOUND');
    }
  });
});

describe('POST /v1/signals', () => {
  it('accepts a valid batch (JSON or text/plain) and acknowledges a replay as duplicate', async () => {
    const { app, store } = await testApp();
    const first = await app.request('/v1/signals', signal(good));
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ batchId: 'b-1', duplicate: false });
    const again = await app.request('/v1/signals', signal(good, 'text/plain;charset=UTF-8'));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ batchId: 'b-1', duplicate: true });
    const rows = await store.itemStats(CAMPAIGN.id);
    expect(rows).toEqual([{ arm: 'treatment', itemId: 'a1', position: 0, impressions: 1, clicks: 1, carts: 0, purchases: 0, revenue: 0 }]);
  });

  it.each([
    ['malformed JSON', post('{"v":1,'), /not valid JSON/],
    ['an empty body', post(''), /empty/],
    ['an extra field', signal({ ...good, userId: 'u1' }), /unknown field "userId"/],
    ['a negative count', signal({ ...good, items: [counts('a1', 0, { clicks: -1 })] }), /batch\.items\[0\]\.clicks/],
    ['a wrong protocol version', signal({ ...good, v: 2 }), /batch\.v must be 1/],
    ['a non-object', post('[1,2]'), /JSON object/],
  ])('400s %s with a clear message', async (_name, init, message) => {
    const { app, store } = await testApp();
    const res = await app.request('/v1/signals', init);
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    expect(err.code).toBe('INVALID_BODY');
    expect(err.message).toMatch(message);
    expect(await store.pairsSinceBuild()).toBe(0);
  });

  it('413s a body over 64 KB before parsing it', async () => {
    const { app } = await testApp();
    const big = JSON.stringify({ ...good, pad: 'x'.repeat(70 * 1024) });
    const res = await app.request('/v1/signals', post(big));
    expect(res.status).toBe(413);
    expect((await errorOf(res)).code).toBe('PAYLOAD_TOO_LARGE');
    // Also without a Content-Length: the streamed bytes are counted.
    const streamed = await app.request('/v1/signals', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it('415s other content types', async () => {
    const { app } = await testApp();
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']) {
      const res = await app.request('/v1/signals', signal(good, type));
      expect(res.status, type).toBe(415);
      expect((await errorOf(res)).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    // A typeless Blob body sends no Content-Type at all.
    const none = await app.request('/v1/signals', { method: 'POST', body: new Blob([JSON.stringify(good)]) });
    expect(none.status).toBe(415);
  });

  it('404s a batch for an unknown campaign and stores nothing', async () => {
    const { app, store } = await testApp();
    const res = await app.request('/v1/signals', signal({ ...good, campaignId: 'other' }));
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('NOT_FOUND');
    expect(await store.ingest(good)).toEqual({ duplicate: false });
  });
});

describe('GET /v1/campaigns/:id/slice', () => {
  it('is versioned and restricted to the campaign items', async () => {
    const { app, store, similarity } = await testApp();
    await store.ingest(batch('p', [], [
      { from: 'a1', to: 'a2', weight: 3 },
      { from: 'a1', to: 'x-not-in-campaign', weight: 5 },
      { from: 'k1', to: 'a1', weight: 1 },
    ]));
    const empty = await (await app.request('/v1/campaigns/spring-sale/slice?items=a1')).json();
    expect(empty).toEqual({ v: 1, campaignId: 'spring-sale', version: 0, neighbors: {} });
    await similarity.rebuild();
    const res = await app.request('/v1/campaigns/spring-sale/slice?items=a1,unknown-item,x-not-in-campaign&k=5');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(parseSlice(body).ok).toBe(true);
    expect(body.version).toBe(1);
    const neighbors = body.neighbors as Record<string, Array<[string, number]>>;
    expect(Object.keys(neighbors).sort()).toEqual(['a1', 'x-not-in-campaign']);
    expect(neighbors.a1!.map(([id]) => id)).toEqual(['a2', 'k1']);
    expect(neighbors['x-not-in-campaign']!.map(([id]) => id)).toEqual(['a1']);
    const k1 = (await (await app.request('/v1/campaigns/spring-sale/slice?items=a1&k=1')).json()) as { neighbors: Record<string, unknown[]> };
    expect(k1.neighbors.a1).toHaveLength(1);
  });

  it.each([
    ['', 'no items'],
    ['?items=', 'empty items'],
    ['?items=a1,bad%20id', 'an invalid id'],
    [`?items=${Array.from({ length: 51 }, (_, i) => `i${i}`).join(',')}`, 'more than 50 items'],
    ['?items=a1&k=0', 'k too small'],
    ['?items=a1&k=51', 'k too large'],
    ['?items=a1&k=2.5', 'k not an integer'],
  ])('400s %s (%s)', async (query) => {
    const { app } = await testApp();
    const res = await app.request(`/v1/campaigns/spring-sale/slice${query}`);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('INVALID_QUERY');
  });
});

describe('CORS', () => {
  it('allows listed origins only, with a preflight for POST /v1/signals', async () => {
    const { app } = await testApp({ corsOrigins: ['https://shop.example'] });
    const pre = (origin: string) =>
      app.request('/v1/signals', { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } });
    const ok = await pre('https://shop.example');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    expect((await pre('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    const get = await app.request('/v1/campaigns/spring-sale', { headers: { Origin: 'https://shop.example' } });
    expect(get.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });
  it('allows no cross origin by default', async () => {
    const { app } = await testApp();
    const res = await app.request('/v1/campaigns/spring-sale', { headers: { Origin: 'https://shop.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
