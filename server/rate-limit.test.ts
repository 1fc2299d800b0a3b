import { describe, expect, it } from 'vitest';
import { batch, testApp } from './test-fixtures';

const post = (body: unknown, ip = '10.0.0.1') => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
});

describe('rate limits', () => {
  it('answers 429 with Retry-After past the burst, per client, and refills with time', async () => {
    let now = 1_000_000;
    const { app } = await testApp({
      now: () => now,
      rateLimits: { signals: { perMinute: 60, burst: 3, trustProxy: true }, reads: { perMinute: 60, burst: 3, trustProxy: true } },
    });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await app.request('/v1/signals', post(batch(`b${i}`)))).status);
    expect(codes).toEqual([202, 202, 202, 429, 429]);
    const limited = await app.request('/v1/signals', post(batch('b9')));
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    // Another client is not affected.
    expect((await app.request('/v1/signals', post(batch('c1'), '10.0.0.2'))).status).toBe(202);
    now += 2000; // two tokens back at 1/s
    expect((await app.request('/v1/signals', post(batch('b5')))).status).toBe(202);
  });
  it('can be turned off', async () => {
    const { app } = await testApp({ rateLimits: false });
    for (let i = 0; i < 200; i++) expect((await app.request('/v1/signals', post(batch(`x${i}`)))).status).toBe(202);
  });
});
