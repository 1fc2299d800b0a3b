/**
 * Serves the built SDK, worker, wasm and model files under one URL prefix. Deliberately tiny:
 * no directory listings, no dotfiles, nothing outside `root` (checked after resolving symlinks).
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { Readable } from 'node:stream';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.d.ts': 'text/plain; charset=utf-8',
};

export interface StaticOptions {
  /** Cache-Control for served files. */
  cacheControl?: string;
}

/**
 * Maps a URL sub-path (still percent-encoded) to a safe relative path, or null when it could
 * escape the root or names something we never serve.
 */
export function safeRelativePath(encoded: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    return null;
  }
  if (decoded.length === 0 || decoded.length > 512 || decoded.includes('\0') || decoded.includes('\\')) return null;
  const parts = decoded.split('/');
  for (const p of parts) {
    // Empty, '.', '..' and dotfiles are all refused rather than normalised.
    if (p === '' || p.startsWith('.')) return null;
  }
  return parts.join('/');
}

/** Returns the file response, or null for "not found" (the caller renders the 404). */
export async function serveStatic(root: string, encodedPath: string, request: Request, options: StaticOptions = {}): Promise<Response | null> {
  const rel = safeRelativePath(encodedPath);
  if (rel === null) return null;
  let file: string;
  let realRoot: string;
  try {
    realRoot = await realpath(root);
    file = await realpath(join(realRoot, rel));
  } catch {
    return null;
  }
  if (!file.startsWith(realRoot + sep)) return null; // a symlink pointing outside
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return null;

  const type = rel.endsWith('.d.ts') ? CONTENT_TYPES['.d.ts'] : CONTENT_TYPES[extname(rel).toLowerCase()];
  const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  const headers = new Headers({
    'Content-Type': type ?? 'application/octet-stream',
    'Cache-Control': options.cacheControl ?? 'public, max-age=300',
    'X-Content-Type-Options': 'nosniff',
    ETag: etag,
    'Last-Modified': info.mtime.toUTCString(),
  });
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  headers.set('Content-Length', String(info.size));
  if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
  const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers });
}
