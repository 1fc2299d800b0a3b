/**
 * CORS for the public API: an allow-list of origins ('*' allows any). Hono's `cors()` adds
 * `Vary` with c.header() after the route, which makes @hono/node-server rebuild the finished
 * response as a web stream (a sixth of a slice read); these headers go through respond.ts.
 */
import type { MiddlewareHandler } from 'hono';
import { requestHeader } from './incoming';
import { addResponseHeaders, applyResponseHeaders } from './respond';

export interface CorsOptions {
  origins: readonly string[];
  methods: readonly string[];
  headers: readonly string[];
  maxAgeSeconds: number;
}

export function corsAllowList(o: CorsOptions): MiddlewareHandler {
  const any = o.origins.includes('*');
  const allowed = new Set(o.origins);
  const methods = o.methods.join(',');
  const headers = o.headers.join(',');
  const maxAge = String(o.maxAgeSeconds);
  // Header records built once per allowed origin (so bounded by the list), not per request.
  // The answer depends on Origin unless every origin gets the same one.
  const vary: Readonly<Record<string, string>> = any ? {} : { Vary: 'Origin' };
  const granted = new Map<string, Readonly<Record<string, string>>>();
  const headersFor = (allow: string | null): Readonly<Record<string, string>> => {
    if (allow === null) return vary;
    let h = granted.get(allow);
    if (!h) granted.set(allow, (h = { ...vary, 'Access-Control-Allow-Origin': allow }));
    return h;
  };
  return async (c, next) => {
    const origin = requestHeader(c, 'origin');
    const allow = any ? '*' : origin !== undefined && allowed.has(origin) ? origin : null;
    if (c.req.method === 'OPTIONS') {
      const h: Record<string, string> = {
        'Access-Control-Allow-Methods': methods,
        'Access-Control-Allow-Headers': headers,
        'Access-Control-Max-Age': maxAge,
        Vary: any ? 'Access-Control-Request-Headers' : 'Origin, Access-Control-Request-Headers',
      };
      if (allow !== null) h['Access-Control-Allow-Origin'] = allow;
      return c.body(null, 204, h);
    }
    addResponseHeaders(c, headersFor(allow));
    await next();
    applyResponseHeaders(c);
    return undefined;
  };
}
