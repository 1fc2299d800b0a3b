import { afterEach, describe, expect, it, vi } from 'vitest';
import { followStock, parseStockSnapshot } from './live-stock';

afterEach(() => vi.useRealTimers());

describe('parseStockSnapshot', () => {
  it('accepts a snapshot of the campaign and refuses anything else', () => {
    expect(parseStockSnapshot({ campaignId: 'c1', stock: { a: 3, b: 0 } }, 'c1')).toEqual({ a: 3, b: 0 });
    expect(parseStockSnapshot({ campaignId: 'c2', stock: { a: 3 } }, 'c1')).toBeUndefined();
    expect(parseStockSnapshot({ campaignId: 'c1', stock: { a: -1 } }, 'c1')).toBeUndefined();
    expect(parseStockSnapshot({ campaignId: 'c1', stock: { '<b>': 1 } }, 'c1')).toBeUndefined();
    expect(parseStockSnapshot('nope', 'c1')).toBeUndefined();
  });
});

describe('followStock without EventSource', () => {
  it('polls /stock and passes on valid snapshots only', async () => {
    vi.useFakeTimers();
    const bodies = [{ campaignId: 'c1', stock: { a: 2 } }, { campaignId: 'c1', stock: { a: 'x' } }, { campaignId: 'c1', stock: { a: 0 } }];
    const urls: string[] = [];
    const fetchImpl = vi.fn(async (url: string) => {
      urls.push(url);
      return new Response(JSON.stringify(bodies.shift()), { status: 200 });
    }) as unknown as typeof fetch;
    const seen: Array<Record<string, number>> = [];
    const stop = followStock('https://shop.example', 'c1', (s) => seen.push(s), { fetch: fetchImpl, EventSource: undefined, pollMs: 1000 });
    await vi.advanceTimersByTimeAsync(2500);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(urls).toEqual(Array(3).fill('https://shop.example/v1/campaigns/c1/stock'));
    expect(seen).toEqual([{ a: 2 }, { a: 0 }]);
  });
});
