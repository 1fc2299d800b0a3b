import { describe, expect, it } from 'vitest';
import { parseUnitMessage } from '../src/core/unit-protocol';
import { UNIT_MIN_INTERVAL_MS } from '../src/core/unit-state';
import { config, harness, json, okBackend, T0, value, type Harness } from './test-helpers';
import { unitKey } from './unit-outbox';

const unitCalls = (h: Harness) => h.calls.filter((c) => c.url.endsWith('/v1/units'));
const bodyOf = (c: { init: RequestInit | undefined }) => JSON.parse(String(c.init?.body)) as unknown;
const visit = (t: number, clicks: number) => [
  { type: 'impression' as const, itemId: 'a1', position: 0, t },
  { type: 'impression' as const, itemId: 'b1', position: 1, t: t + 1 },
  ...Array.from({ length: clicks }, (_, i) => ({ type: 'click' as const, itemId: i % 2 ? 'b1' : 'a1', position: i % 2, t: t + 2 + i })),
];

/** An engine on a page whose first flush (the one after a previous page's hide) is behind it. */
async function started(over = {}) {
  const h = harness();
  value(await h.engine.init(config(over)));
  value(await h.engine.flush(false));
  return h;
}

describe('unit messages from the engine', () => {
  it('sends the shopper totals once at page hide, item-free, after the batches', async () => {
    const h = await started();
    value(await h.engine.track(visit(T0, 2)));
    value(await h.engine.flush(false));
    expect(unitCalls(h)).toHaveLength(0); // mid-visit: batches only
    value(await h.engine.flush(true));
    const [call] = unitCalls(h);
    expect(call?.init?.keepalive).toBe(true);
    const msg = parseUnitMessage(bodyOf(call!));
    expect(msg).toMatchObject({ ok: true, value: { first: 1, arm: 'treatment', sum: { sessions: 1, impressions: 2, clicks: 2, carts: 0, purchases: 0 } } });
    expect(String(call?.init?.body)).not.toMatch(/a1|b1/);
    expect(h.calls.indexOf(call!)).toBeGreaterThan(h.calls.indexOf(h.signalCalls().at(-1)!));
    // Page hidden again soon after: nothing new leaves (at most one every few minutes).
    value(await h.engine.track(visit(T0 + 10_000, 1)));
    value(await h.engine.flush(true));
    expect(unitCalls(h)).toHaveLength(1);
    h.advance(UNIT_MIN_INTERVAL_MS);
    value(await h.engine.flush(true));
    expect(unitCalls(h)).toHaveLength(2);
    expect(parseUnitMessage(bodyOf(unitCalls(h)[1]!))).toMatchObject({ ok: true, value: { first: 0, sum: { clicks: 1, impressions: 2, sessions: 0 } } });
  });

  it('retries a failed message with the same id and rolls a refused one into the next', async () => {
    const h = await started();
    value(await h.engine.track(visit(T0, 1)));
    value(await h.engine.flush(false)); // batches acknowledged
    h.respond((url) => (url.endsWith('/v1/units') ? new Response('down', { status: 503 }) : okBackend(url, undefined)));
    value(await h.engine.flush(true));
    h.advance(60_000);
    value(await h.engine.flush(false));
    const ids = unitCalls(h).map((c) => (bodyOf(c) as { unitBatchId: string }).unitBatchId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
    h.respond((url) => (url.endsWith('/v1/units') ? json({ error: { code: 'INVALID_BODY', message: 'no' } }, 400) : okBackend(url, undefined)));
    h.advance(60_000);
    value(await h.engine.flush(true));
    expect(unitCalls(h)).toHaveLength(3);
    h.respond(okBackend);
    value(await h.engine.track(visit(T0 + UNIT_MIN_INTERVAL_MS + 200_000, 2)));
    h.advance(UNIT_MIN_INTERVAL_MS);
    value(await h.engine.flush(true));
    // The refused increment rolled into this one: totals since zero, still the first for this shopper.
    expect(parseUnitMessage(bodyOf(unitCalls(h).at(-1)!))).toMatchObject({ ok: true, value: { first: 1, sum: { clicks: 3, impressions: 4, sessions: 1 } } });
  });

  it('sends on the first flush of the next page when the last page hide could not', async () => {
    const h = await started();
    value(await h.engine.track(visit(T0, 1)));
    value(await h.engine.flush(false));
    expect(unitCalls(h)).toHaveLength(0);
    // The tab navigated away and its worker died before a page-hide flush; the next page's engine:
    const next = harness({ store: h.store });
    value(await next.engine.init(config()));
    value(await next.engine.flush(false));
    expect(unitCalls(next)).toHaveLength(1);
    expect(parseUnitMessage(bodyOf(unitCalls(next)[0]!))).toMatchObject({ ok: true, value: { first: 1, sum: { clicks: 1, impressions: 2 } } });
  });

  it('sends none with local privacy and forgets what was kept', async () => {
    const h = await started();
    value(await h.engine.track(visit(T0, 1)));
    value(await h.engine.flush(false));
    expect(await h.store.get('meta', unitKey('spring-sale'))).toBeDefined();
    const p = harness({ store: h.store });
    value(await p.engine.init(config({ privacy: { epsilon: 1 } })));
    expect(await p.store.get('meta', unitKey('spring-sale'))).toBeUndefined();
    value(await p.engine.track(visit(T0 + 1000, 2)));
    value(await p.engine.flush(true));
    expect(p.signalCalls().length).toBeGreaterThan(0);
    expect(unitCalls(p)).toHaveLength(0);
  });

  it('sends nothing while the batches cannot be delivered', async () => {
    const h = await started();
    h.respond(() => new Response('down', { status: 503 }));
    value(await h.engine.track(visit(T0, 1)));
    value(await h.engine.flush(true));
    expect(unitCalls(h)).toHaveLength(0);
  });
});
