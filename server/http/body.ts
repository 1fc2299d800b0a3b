/** Body guards shared by the write routes: media type, size cap on the raw bytes, JSON parse. */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { fail, ok, type Result } from '../../src/core/result';
import { jsonError } from './errors';

/** sendBeacon and `fetch(..., { keepalive })` with a string body send text/plain. */
export const JSON_OR_TEXT = ['application/json', 'text/plain'] as const;

export function requireMediaType(allowed: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    const raw = c.req.header('content-type') ?? '';
    const type = raw.split(';')[0]!.trim().toLowerCase();
    if (!allowed.includes(type)) {
      return jsonError(c, 415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Type must be ${allowed.join(' or ')}, got ${raw ? JSON.stringify(raw) : 'none'}`);
    }
    await next();
    return undefined;
  };
}

/** Refuses bodies over `maxBytes`, counted on the raw stream (or Content-Length) before any parsing. */
export function capBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => jsonError(c, 413, 'PAYLOAD_TOO_LARGE', `body must be at most ${maxBytes} bytes`),
  });
}

export async function readJson(c: Context): Promise<Result<unknown>> {
  const text = await c.req.text();
  if (text.trim().length === 0) return fail('body is empty; expected a JSON object');
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (e) {
    return fail(`body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}
