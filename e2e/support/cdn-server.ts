/**
 * A second origin for the cross-origin tests: the built SDK (dist/) served the way a CDN would,
 * at `/sdk/…` with CORS and at `/no-cors/…` without (a CDN set up for classic scripts only).
 * Loopback on its own port, so it is another origin than the shop; counts the files asked for.
 */
import { resolve } from 'node:path';
import { HASHED_NAME, serveStatic } from '../../server/http/static';
import { listenOnLoopback } from './loopback';

const DIST = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../../dist');

export interface Cdn {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Paths asked for, in order. */
  hits: string[];
  close(): Promise<void>;
}

export async function startCdn(): Promise<Cdn> {
  const hits: string[] = [];
  const server = await listenOnLoopback(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://cdn.invalid');
    hits.push(url.pathname);
    const [, prefix = '', ...rest] = url.pathname.split('/');
    const cors = prefix === 'sdk';
    const found = cors || prefix === 'no-cors' ? await serveStatic(DIST, rest.join('/'), new Request(url), { immutable: HASHED_NAME }) : null;
    const response = found ?? new Response('not found', { status: 404 });
    res.statusCode = response.status;
    response.headers.forEach((v, k) => res.setHeader(k, v));
    if (cors) res.setHeader('Access-Control-Allow-Origin', '*');
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  return { origin: server.origin, hits, close: server.close };
}
