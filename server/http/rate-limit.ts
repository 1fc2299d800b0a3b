/**
 * Per-client rate limit (token bucket) for the public API. A client is its socket address; with
 * `trustProxy`, the first X-Forwarded-For hop. Over the limit: 429 with Retry-After. The table is
 * bounded so a flood of addresses cannot grow memory without end.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { jsonError } from './errors';
import { requestHeader } from './incoming';

export interface RateLimitOptions {
  /** Sustained requests per minute per client. */
  perMinute: number;
  /** Requests a client may make at once before the sustained rate applies. */
  burst: number;
  trustProxy?: boolean | undefined;
  now?: (() => number) | undefined;
  /** Clients tracked at most; the least recently seen are forgotten first. @defaultValue 50000 */
  maxClients?: number | undefined;
}

interface Bucket { tokens: number; at: number }

/** Where the request came from, without trusting headers unless told to. */
export function clientKey(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = requestHeader(c, 'x-forwarded-for')?.split(',')[0]?.trim();
    if (fwd) return fwd;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

export function rateLimit(o: RateLimitOptions): MiddlewareHandler {
  const buckets = new Map<string, Bucket>();
  const now = o.now ?? Date.now;
  const perMs = o.perMinute / 60_000;
  const max = o.maxClients ?? 50_000;
  return async (c, next) => {
    const key = clientKey(c, o.trustProxy ?? false);
    const t = now();
    const prev = buckets.get(key);
    const tokens = prev ? Math.min(o.burst, prev.tokens + (t - prev.at) * perMs) : o.burst;
    // Re-insert so the Map's order is least-recently-seen first.
    buckets.delete(key);
    if (tokens < 1) {
      buckets.set(key, { tokens, at: t });
      c.header('Retry-After', String(Math.ceil((1 - tokens) / perMs / 1000)));
      return jsonError(c, 429, 'RATE_LIMITED', `more than ${o.perMinute} requests a minute from this client; retry later`);
    }
    buckets.set(key, { tokens: tokens - 1, at: t });
    if (buckets.size > max) buckets.delete(buckets.keys().next().value as string);
    await next();
    return undefined;
  };
}
