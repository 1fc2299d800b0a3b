/** Body guards shared by the write routes: media type, size cap on the raw bytes, JSON parse. */
import type { Context, MiddlewareHandler } from 'hono';
import type { IncomingMessage } from 'node:http';
import { fail, ok, type Result } from '../../src/core/result';
import { jsonError } from './errors';
import { nodeIncoming, requestHeader } from './incoming';

/** sendBeacon and `fetch(..., { keepalive })` with a string body send text/plain. */
export const JSON_OR_TEXT = ['application/json', 'text/plain'] as const;

export function requireMediaType(allowed: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    const raw = requestHeader(c, 'content-type') ?? '';
    const type = raw.split(';')[0]!.trim().toLowerCase();
    if (!allowed.includes(type)) {
      return jsonError(c, 415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Type must be ${allowed.join(' or ')}, got ${raw ? JSON.stringify(raw) : 'none'}`);
    }
    await next();
    return undefined;
  };
}

/** Bodies read by `capBody`, for `readJson` (a context lives for one request). */
const bodies = new WeakMap<Context, string>();
const TOO_LARGE = Symbol('too large');
const ABORTED = Symbol('aborted');
type Read = string | typeof TOO_LARGE | typeof ABORTED;

/**
 * Reads the body, refusing more than `maxBytes` counted on the raw bytes (or announced by
 * Content-Length) before any parsing; `readJson` then parses what was read.
 */
export function capBody(maxBytes: number): MiddlewareHandler {
  return async (c, next) => {
    const declared = requestHeader(c, 'content-length');
    const text = declared !== undefined && Number(declared) > maxBytes ? TOO_LARGE : await readCapped(c, maxBytes);
    if (text === TOO_LARGE) return jsonError(c, 413, 'PAYLOAD_TOO_LARGE', `body must be at most ${maxBytes} bytes`);
    if (text === ABORTED) return jsonError(c, 400, 'INVALID_BODY', 'the request body ended early');
    bodies.set(c, text);
    await next();
    return undefined;
  };
}

function readCapped(c: Context, maxBytes: number): Promise<Read> {
  const incoming = nodeIncoming(c);
  // Untouched Node stream: read it directly. Otherwise (tests, or already wrapped) the web body.
  return incoming && !incoming.readableDidRead ? readIncoming(incoming, maxBytes) : readWeb(c.req.raw.body, maxBytes);
}

function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<Read> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (r: Read) => {
      incoming.off('data', onData).off('end', onEnd).off('close', onClose).off('error', onClose);
      resolve(r);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // The adapter drains (bounded) or closes what is left once the 413 is sent.
        incoming.pause();
        done(TOO_LARGE);
      } else chunks.push(chunk);
    };
    const onEnd = () => done(decode(Buffer.concat(chunks, size)));
    const onClose = () => done(ABORTED);
    incoming.on('data', onData).on('end', onEnd).on('close', onClose).on('error', onClose);
  });
}

async function readWeb(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Read> {
  if (!body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return TOO_LARGE;
    }
    chunks.push(value);
  }
  return decode(Buffer.concat(chunks, size));
}

const utf8 = new TextDecoder('utf-8'); // like Request.text(): invalid bytes become U+FFFD, a BOM is dropped

function decode(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

export async function readJson(c: Context): Promise<Result<unknown>> {
  const text = bodies.get(c) ?? (await c.req.text());
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (e) {
    // Checked only on failure: a blank body is not valid JSON either.
    if (/^\s*$/.test(text)) return fail('body is empty; expected a JSON object');
    return fail(`body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}
