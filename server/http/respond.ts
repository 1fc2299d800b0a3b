/**
 * Responses for the hot public routes (slice reads, signal ingest), built from a plain header
 * record: @hono/node-server writes those straight to the socket, while Hono's c.header() and
 * c.json() first build a WHATWG Headers object per response.
 *
 * A middleware that must add headers to every response (CORS) registers them with
 * `addResponseHeaders` before the route runs; `respond` merges them, and `applyResponseHeaders`
 * adds them afterwards to responses built any other way. Headers a middleware sets with
 * c.header() are not merged by `respond`, so the routes using it have no such middleware.
 */
import type { Context } from 'hono';
import type { StatusCode } from 'hono/utils/http-status';

const pending = new WeakMap<Context, Readonly<Record<string, string>>>();
const merged = new WeakSet<Response>();

/** `headers` is kept, not copied: pass a record that is not changed afterwards. */
export function addResponseHeaders(c: Context, headers: Readonly<Record<string, string>>): void {
  const before = pending.get(c);
  pending.set(c, before ? { ...before, ...headers } : headers);
}

export function respond(c: Context, status: StatusCode, body: string | null, headers: Record<string, string>): Response {
  const extra = pending.get(c);
  if (!extra) return new Response(body, { status, headers });
  const all = { ...headers, ...extra };
  if (headers.Vary !== undefined && extra.Vary !== undefined) all.Vary = `${headers.Vary}, ${extra.Vary}`;
  const res = new Response(body, { status, headers: all });
  merged.add(res);
  return res;
}

/** After the route ran: adds the registered headers unless `respond` already did. */
export function applyResponseHeaders(c: Context): void {
  const extra = pending.get(c);
  if (!extra || merged.has(c.res)) return;
  // Through c.res.headers, not c.header(): the latter rebuilds a finished response around its body stream.
  const headers = c.res.headers;
  for (const [name, value] of Object.entries(extra)) {
    if (name === 'Vary') headers.append(name, value);
    else headers.set(name, value);
  }
}
