/**
 * Serves the built SDK, worker, wasm and model files under one URL prefix. Deliberately tiny:
 * no directory listings, no dotfiles, nothing outside `root` (checked after resolving symlinks).
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';

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
  /** Files whose name carries a content hash: cached for a year, never revalidated. */
  immutable?: RegExp | undefined;
  /** Only these extensions are served (lower case, with the dot). Default: every known type. */
  extensions?: ReadonlySet<string> | undefined;
  /** Extensions gzipped on the fly when the client accepts gzip (small text files). */
  gzip?: ReadonlySet<string> | undefined;
}

export const IMMUTABLE = 'public, max-age=31536000, immutable';

const acceptsGzip = (request: Request) => /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');

/** A regular file inside `realRoot` (symlinks resolved), or null. */
async function fileInside(realRoot: string, rel: string) {
  try {
    const file = await realpath(join(realRoot, rel));
    if (!file.startsWith(realRoot + sep)) return null; // a symlink pointing outside
    const info = await stat(file);
    return info.isFile() ? { file, info } : null;
  } catch {
    return null;
  }
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
  const ext = extname(rel).toLowerCase();
  if (options.extensions && !options.extensions.has(ext)) return null;
  const realRoot = await realpath(root).catch(() => null);
  if (realRoot === null) return null;
  const found = await fileInside(realRoot, rel);
  if (!found) return null;

  // A precompressed sibling (`x.wasm.gz`, written by the build) is sent when the client accepts gzip;
  // otherwise small text types may be gzipped on the fly.
  const gzip = acceptsGzip(request);
  const sibling = gzip ? await fileInside(realRoot, `${rel}.gz`) : null;
  const onTheFly = gzip && !sibling && options.gzip?.has(ext) === true;
  const { file, info } = sibling ?? found;
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  const type = rel.endsWith('.d.ts') ? CONTENT_TYPES['.d.ts'] : CONTENT_TYPES[ext];
  const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}${sibling || onTheFly ? '-gz' : ''}"`;
  const headers = new Headers({
    'Content-Type': type ?? 'application/octet-stream',
    'Cache-Control': options.immutable?.test(name) ? IMMUTABLE : (options.cacheControl ?? 'public, max-age=300'),
    'X-Content-Type-Options': 'nosniff',
    ETag: etag,
    'Last-Modified': info.mtime.toUTCString(),
  });
  if (sibling || options.gzip?.has(ext)) headers.set('Vary', 'Accept-Encoding');
  if (sibling || onTheFly) headers.set('Content-Encoding', 'gzip');
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  if (!onTheFly) headers.set('Content-Length', String(info.size));
  if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
  const stream = onTheFly ? createReadStream(file).pipe(createGzip()) : createReadStream(file);
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status: 200, headers });
}

/** Content-hashed build outputs: the worker's on-demand chunk and the onnxruntime-web files. */
export const HASHED_NAME = /^reshelf-[a-z]+-[\w-]{8}\.js$|\.[0-9a-f]{10}\.(mjs|wasm)$/;

const MODEL_FILES: ReadonlySet<string> = new Set(['.json', '.onnx', '.txt']);
const MODEL_TEXT: ReadonlySet<string> = new Set(['.json', '.txt']);

/**
 * A file of a model folder (`<name>/config.json`, `<name>/onnx/model_quantized.onnx`, …): only
 * folders that hold a config.json count as models (not the training pipeline's folders), and only
 * json, onnx and txt files are served.
 */
export async function serveModelFile(modelsDir: string, encodedPath: string, request: Request): Promise<Response | null> {
  const rel = safeRelativePath(encodedPath);
  const folder = rel?.split('/')[0];
  if (!rel || !folder || folder === rel) return null;
  const realRoot = await realpath(modelsDir).catch(() => null);
  if (realRoot === null || !(await fileInside(realRoot, `${folder}/config.json`))) return null;
  return serveStatic(modelsDir, encodedPath, request, { extensions: MODEL_FILES, gzip: MODEL_TEXT });
}
