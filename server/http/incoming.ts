/**
 * The Node request behind a Hono context, when @hono/node-server serves it. Its headers are a
 * plain object and its body a Node stream; reading them directly skips building a WHATWG
 * Headers/Request/ReadableStream per request, which cost more than the route itself. Without a
 * Node request (tests calling `app.request()`), the web objects are used instead.
 */
import { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

export function nodeIncoming(c: Context): IncomingMessage | undefined {
  const env = c.env as { incoming?: unknown } | undefined;
  return env?.incoming instanceof IncomingMessage ? env.incoming : undefined;
}

/** A request header by its lower-case name (the first value when repeated). */
export function requestHeader(c: Context, name: Lowercase<string>): string | undefined {
  const incoming = nodeIncoming(c);
  if (!incoming) return c.req.header(name);
  const v = incoming.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
