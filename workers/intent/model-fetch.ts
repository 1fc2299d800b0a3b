/**
 * The only network access transformers.js gets (`env.fetch`). Its loader only works for model
 * folders under a *path* (with a URL it takes every file for missing), so it is pointed at a
 * virtual path that this fetch maps to the merchant's model URL, which may be another origin.
 * Anything else is refused: nothing is ever fetched from a hub or a CDN. The same file asked for
 * twice in one load (transformers.js probes a file with a GET, then loads it) is fetched once,
 * bytes are counted for progress, and an abort (the load's timeout) stops every download.
 */

/** What `env.fetch` is called with. */
export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface ModelFetchOptions {
  /** Absolute URL the virtual path stands for (the model base URL, ending in `/`). */
  baseUrl: string;
  /** Path transformers.js is told the models live under (`env.localModelPath`). */
  virtualPath: string;
  /** The worker's own URL, against which transformers.js's paths resolve. */
  origin: string;
  fetch: FetchLike;
  signal: AbortSignal;
  /** Bytes received so far and in all (files whose size the server told). */
  onProgress?: ((loaded: number, total: number) => void) | undefined;
}

/** A short, stable tag of the model URL: cached files of another URL are never mistaken for these. */
export function virtualPathFor(baseUrl: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < baseUrl.length; i++) h = Math.imul(h ^ baseUrl.charCodeAt(i), 0x01000193);
  return `/reshelf-model/${(h >>> 0).toString(36)}/`;
}

export function createModelFetch(o: ModelFetchOptions): FetchLike {
  const inflight = new Map<string, Promise<Response>>();
  const files = new Map<string, { loaded: number; total: number }>();

  const report = () => {
    let loaded = 0;
    let total = 0;
    for (const f of files.values()) {
      if (f.total === 0) continue; // size unknown (compressed): left out of both sides
      loaded += Math.min(f.loaded, f.total);
      total += f.total;
    }
    o.onProgress?.(loaded, total);
  };

  /** The response with its body counted as it streams (the consumer's pace, not ours). */
  const counted = (key: string, res: Response): Response => {
    if (!res.body) return res;
    // Content-Length is the size on the wire: exact unless the server compressed the file.
    const total = res.headers.get('content-encoding') ? 0 : Number(res.headers.get('content-length')) || 0;
    const file = { loaded: 0, total };
    files.set(key, file);
    const body = res.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, out) {
          file.loaded += chunk.byteLength;
          report();
          out.enqueue(chunk);
        },
      }),
    );
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };

  return async (input, init) => {
    const requested = new URL(String(input), o.origin);
    if (requested.origin !== new URL(o.origin).origin || !requested.pathname.startsWith(o.virtualPath)) {
      throw new Error(`reshelf loads model files from its model URL only; refused ${requested.href}`);
    }
    const real = new URL(requested.pathname.slice(o.virtualPath.length) + requested.search, o.baseUrl).href;
    let pending = inflight.get(real);
    if (!pending) {
      pending = o.fetch(real, { ...init, signal: o.signal }).then((res) => counted(real, res));
      inflight.set(real, pending);
    }
    // Every caller gets its own copy of the body; the one nobody reads is dropped with this load.
    return (await pending).clone();
  };
}
