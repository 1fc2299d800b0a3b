import { describe, expect, it } from 'vitest';
import { parseSignalBatch, type SignalBatch } from '../src/core/protocol';
import type { ShopperEvent } from '../src/core/types';
import { memoryStore, type OutboxEntry } from './db';
import { enqueue, flushOutbox, OUTBOX_MAX } from './outbox';
import { CAMPAIGN, click, config, ENDPOINT, fakeFetch, harness, json, T0, value, type FetchCall, type Harness, type Responder } from './test-helpers';

const signals = (answer: Responder): Responder => (url, init) => (url.includes('/slice?') ? json({ v: 1, campaignId: CAMPAIGN, version: 1, neighbors: {} }) : answer(url, init));

async function withEvents(h: Harness = harness()): Promise<Harness> {
  value(await h.engine.init(config()));
  const events: ShopperEvent[] = [
    { type: 'impression', itemId: 'a1', position: 0, t: T0 },
    { type: 'impression', itemId: 's1', position: 1, t: T0 },
    click('s1', 'shoes', T0),
    { type: 'search', text: 'red running shoes for my secret trip', t: T0 },
    { type: 'cart', itemId: 's1', position: 1, price: 30, t: T0 },
    { type: 'purchase', itemId: 's1', price: 30, quantity: 2, t: T0 },
    click('a1', 'audio', T0),
  ];
  value(await h.engine.track(events));
  return h;
}

const bodyOf = (c: FetchCall) => JSON.parse(String(c.init?.body)) as unknown;

describe('engine flush', () => {
  it('seals events into valid batches POSTed to /v1/signals without search text', async () => {
    const h = await withEvents();
    const report = value(await h.engine.flush(false));
    expect(report).toMatchObject({ sent: 1, duplicates: 0, rejected: 0, failed: 0, pending: 0, droppedTotal: 0 });
    const [call] = h.signalCalls();
    expect(call!.url).toBe(`${ENDPOINT}/v1/signals`);
    expect(call!.init).toMatchObject({ method: 'POST', credentials: 'omit', keepalive: false });
    expect(String(call!.init?.body)).not.toMatch(/secret|running|search/);
    const parsed = parseSignalBatch(bodyOf(call!));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toMatchObject({ campaignId: CAMPAIGN, arm: 'treatment' });
    // Clicks without a position count at -1, like purchases.
    expect(parsed.value.items).toContainEqual({ itemId: 's1', position: 1, impressions: 1, clicks: 0, carts: 1, purchases: 0, revenue: 0 });
    expect(parsed.value.items).toContainEqual({ itemId: 's1', position: -1, impressions: 0, clicks: 1, carts: 0, purchases: 2, revenue: 60 });
    expect(parsed.value.pairs).toEqual([{ from: 's1', to: 'a1', weight: 1 }]);
    expect(await h.store.count('outbox')).toBe(0);
    expect(await h.store.get('pending', CAMPAIGN)).toMatchObject({ items: {}, pairs: {} });
    // Nothing new: nothing sent.
    expect(value(await h.engine.flush(false)).sent).toBe(0);
    expect(h.signalCalls()).toHaveLength(1);
  });

  it('counts a {duplicate:true} ack as duplicate and removes the batch', async () => {
    const h = await withEvents(harness({ responder: signals(() => json({ batchId: 'x', duplicate: true })) }));
    expect(value(await h.engine.flush(false))).toMatchObject({ sent: 0, duplicates: 1, pending: 0 });
  });

  it('drops a batch the server rejects with 400 and counts it', async () => {
    const h = await withEvents(harness({ responder: signals(() => json({ error: 'bad' }, 400)) }));
    expect(value(await h.engine.flush(false))).toMatchObject({ rejected: 1, failed: 0, pending: 0 });
    expect(await h.store.get('meta', 'outboxRejected')).toBe(1);
  });

  it.each([
    ['a 503', () => json({ error: 'down' }, 503)],
    ['a network error', () => Promise.reject(new TypeError('Failed to fetch'))],
  ])('keeps the batch on %s, backs off, then retries with the same batchId', async (_name, answer) => {
    const h = await withEvents(harness({ responder: signals(answer) }));
    expect(value(await h.engine.flush(false))).toMatchObject({ sent: 0, failed: 1, pending: 1 });
    const [entry] = await h.store.outbox();
    expect(entry).toMatchObject({ attempts: 1 });
    expect(entry!.nextAttemptAt).toBeGreaterThan(h.now());
    const firstId = (bodyOf(h.signalCalls()[0]!) as SignalBatch).batchId;
    expect(entry!.batch.batchId).toBe(firstId);

    // Within the backoff: not even tried.
    expect(value(await h.engine.flush(false))).toMatchObject({ sent: 0, failed: 0, pending: 1 });
    expect(h.signalCalls()).toHaveLength(1);

    h.advance(10 * 60_000);
    h.respond(signals(() => json({ batchId: firstId, duplicate: false })));
    expect(value(await h.engine.flush(false))).toMatchObject({ sent: 1, pending: 0 });
    expect(h.signalCalls().map((c) => (bodyOf(c) as SignalBatch).batchId)).toEqual([firstId, firstId]);
  });

  it('keepalive flush ignores the backoff and asks for keepalive', async () => {
    const h = await withEvents(harness({ responder: signals(() => json({}, 503)) }));
    value(await h.engine.flush(false));
    h.respond(signals(() => json({ duplicate: false })));
    expect(value(await h.engine.flush(true))).toMatchObject({ sent: 1, pending: 0 });
    expect(h.signalCalls()[1]!.init).toMatchObject({ keepalive: true });
  });
});

const batch = (i: number): SignalBatch => ({
  v: 1,
  batchId: `b-${String(i).padStart(4, '0')}`,
  campaignId: CAMPAIGN,
  arm: 'treatment',
  items: [{ itemId: `i${i}`, position: 0, impressions: 1, clicks: 0, carts: 0, purchases: 0, revenue: 0 }],
  pairs: [],
});

function outbox(responder: Responder, now = T0) {
  const store = memoryStore();
  const calls: FetchCall[] = [];
  let clock = now;
  let answer = responder;
  const send = (keepalive = false) => flushOutbox(store, { endpoint: ENDPOINT, keepalive, now: () => clock, fetch: fakeFetch(calls, () => answer) });
  return { store, calls, send, set: (r: Responder) => void (answer = r), advance: (ms: number) => void (clock += ms), ids: () => calls.map((c) => (bodyOf(c) as SignalBatch).batchId) };
}

describe('outbox', () => {
  it('sends due batches oldest first and stops at the first failure', async () => {
    const o = outbox((_u, init) => ((bodyOf({ url: '', init }) as SignalBatch).batchId === 'b-0002' ? json({}, 503) : json({ duplicate: false })));
    for (let i = 1; i <= 3; i++) await enqueue(o.store, [batch(i)], T0 + i);
    o.advance(10);
    expect(await o.send()).toMatchObject({ sent: 1, failed: 1, pending: 2 });
    expect(o.ids()).toEqual(['b-0001', 'b-0002']);
    const left = await o.store.outbox();
    expect(left.map((e) => [e.batch.batchId, e.attempts])).toEqual([['b-0002', 1], ['b-0003', 0]]);
    // Next flush within the backoff skips b-0002 but sends b-0003.
    expect(await o.send()).toMatchObject({ sent: 1, pending: 1 });
    expect(o.ids()).toEqual(['b-0001', 'b-0002', 'b-0003']);
  });

  it('grows the backoff with attempts', async () => {
    const o = outbox(() => json({}, 503));
    await enqueue(o.store, [batch(1)], T0);
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      await o.send(true);
      const [e] = await o.store.outbox();
      waits.push(e!.nextAttemptAt - T0);
    }
    expect((await o.store.outbox())[0]!.attempts).toBe(6);
    // Full jitter within [ceiling/2, ceiling]: attempt 6's floor (32 s) is above attempt 1's ceiling (2 s).
    expect(waits[0]).toBeGreaterThanOrEqual(1000);
    expect(waits[0]).toBeLessThanOrEqual(2000);
    expect(waits[5]).toBeGreaterThanOrEqual(32_000);
  });

  it('treats 408 and 429 as retryable, other 4xx as rejected', async () => {
    for (const [status, outcome] of [[408, 'failed'], [429, 'failed'], [413, 'rejected'], [422, 'rejected']] as const) {
      const o = outbox(() => json({}, status));
      await enqueue(o.store, [batch(1)], T0);
      expect(await o.send(), String(status)).toMatchObject({ [outcome]: 1 });
      expect(await o.store.count('outbox')).toBe(outcome === 'failed' ? 1 : 0);
    }
  });

  it(`is bounded at OUTBOX_MAX (${OUTBOX_MAX}): the oldest are dropped and counted`, async () => {
    const o = outbox(() => json({}, 503));
    for (let i = 0; i < OUTBOX_MAX + 5; i++) await enqueue(o.store, [batch(i)], T0 + i);
    expect(await o.store.count('outbox')).toBe(OUTBOX_MAX);
    const ids = (await o.store.outbox()).map((e) => e.batch.batchId);
    expect(ids[0]).toBe('b-0005');
    expect(ids).not.toContain('b-0004');
    await enqueue(o.store, [batch(999), batch(998)], T0 + 10_000);
    expect(await o.store.count('outbox')).toBe(OUTBOX_MAX);
    o.advance(20_000);
    expect(await o.send()).toMatchObject({ failed: 1, pending: OUTBOX_MAX, droppedTotal: 7 });
  });

  // Stored entries are validated (workers/stored.ts): a corrupted one must not block the others.
  it('skips a corrupted stored entry and still sends the others', async () => {
    const o = outbox((_u, init) => (parseSignalBatch(bodyOf({ url: '', init })).ok ? json({ duplicate: false }) : json({ error: 'bad' }, 400)));
    const corrupt = { batch: null, createdAt: T0, attempts: 0, nextAttemptAt: T0 } as unknown as OutboxEntry;
    await o.store.put('outbox', 'corrupt', corrupt);
    await enqueue(o.store, [batch(1)], T0);
    const report = await o.send().catch((e: unknown) => e);
    // The corrupted entry is deleted and counted as dropped; the valid one goes out.
    expect(report).toMatchObject({ sent: 1, pending: 0, droppedTotal: 1 });
  });
});
