/**
 * A small origin for the text-model tests and benchmark: the built SDK (dist/), the model
 * folders and the onnxruntime-web files, served by reshelf's own static code (server/http), a
 * test page with chosen headers (CSP, cross-origin isolation), and a count of every request.
 * No backend API: the engine tolerates a missing one (ranking from the profile alone).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { HASHED_NAME, serveModelFile, serveStatic } from '../../server/http/static';
import { listenOnLoopback } from './loopback';

export const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../..');

export interface IntentServerOptions {
  /** Folder holding model folders, served at /models/. */
  modelsDir: string;
  /** Headers on every response (e.g. COOP/COEP for a cross-origin isolated page). */
  headers?: Record<string, string> | undefined;
  /** Headers on the test page only (e.g. a strict CSP). */
  pageHeaders?: Record<string, string> | undefined;
  /** Script put before the engine worker's code (e.g. a stubbed `navigator.gpu`). */
  workerPrelude?: string | undefined;
}

export interface IntentServer {
  url: string;
  /** Requests per path since the last `resetHits()`. */
  hits: Map<string, number>;
  /** Bytes sent per path (body bytes as sent, i.e. gzip when compressed). */
  bytes: Map<string, number>;
  resetHits(): void;
  close(): Promise<void>;
}

const PAGE = '<!doctype html><html lang="en"><meta charset="utf-8"><title>reshelf text model</title><script type="module" src="/harness.js"></script><body><input data-reshelf-search></body></html>';

/** The ESM API for the page, bundled from the sources (the worker comes from dist/). */
async function harnessBundle(): Promise<string> {
  const out = await build({ entryPoints: [resolve(ROOT, 'e2e/support/intent-harness.ts')], bundle: true, format: 'esm', platform: 'browser', write: false, minify: true, target: 'es2020' });
  return out.outputFiles[0]!.text;
}

export async function startIntentServer(options: IntentServerOptions): Promise<IntentServer> {
  if (!existsSync(resolve(ROOT, 'dist/reshelf-worker.js'))) throw new Error('dist/reshelf-worker.js is missing: run `npm run build` first');
  const harness = await harnessBundle();
  const hits = new Map<string, number>();
  const bytes = new Map<string, number>();
  const dist = resolve(ROOT, 'dist');

  async function route(path: string, request: Request): Promise<Response | null> {
    if (path === '/') return new Response(PAGE, { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...options.pageHeaders } });
    if (path === '/harness.js') return new Response(harness, { headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' } });
    if (path === '/reshelf/reshelf-worker.js' && options.workerPrelude) {
      const code = await (await serveStatic(dist, 'reshelf-worker.js', new Request(request.url)))!.text();
      return new Response(`${options.workerPrelude}\n${code}`, { headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' } });
    }
    if (path.startsWith('/reshelf/')) return serveStatic(dist, path.slice(9), request, { immutable: HASHED_NAME });
    if (path.startsWith('/models/')) return serveModelFile(options.modelsDir, path.slice(8), request);
    if (path.startsWith('/ort/')) return serveStatic(resolve(dist, 'ort'), path.slice(5), request, { immutable: HASHED_NAME, extensions: new Set(['.mjs', '.wasm']) });
    return null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const found = await route(url.pathname, new Request(url, { method: req.method ?? 'GET', headers }));
    const response = found ?? new Response('not found', { status: 404 });
    res.statusCode = response.status;
    response.headers.forEach((v, k) => res.setHeader(k, v));
    for (const [k, v] of Object.entries(options.headers ?? {})) res.setHeader(k, v);
    const body = response.body ? Buffer.from(await response.arrayBuffer()) : Buffer.alloc(0);
    bytes.set(url.pathname, (bytes.get(url.pathname) ?? 0) + body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const server = await listenOnLoopback(handle);
  return {
    url: server.origin,
    hits,
    bytes,
    resetHits: () => {
      hits.clear();
      bytes.clear();
    },
    close: server.close,
  };
}

/**
 * Where the text model comes from: RESHELF_INTENT_MODELS (a folder of model folders) and
 * RESHELF_INTENT_MODEL (the folder name), else the shipped models/reshelf-intent.
 */
export function intentModel(): { modelsDir: string; name: string; present: boolean } {
  const modelsDir = resolve(ROOT, process.env.RESHELF_INTENT_MODELS ?? 'models');
  const name = process.env.RESHELF_INTENT_MODEL ?? 'reshelf-intent';
  return { modelsDir, name, present: existsSync(resolve(modelsDir, name, 'onnx/model_quantized.onnx')) };
}
