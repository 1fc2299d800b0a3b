/**
 * Where transformers.js keeps the model files between visits (`env.customCache`): one Cache
 * Storage bucket, with the relative keys transformers.js uses resolved against a base that can
 * take a path. Its own browser cache resolves them against the worker's location, which fails
 * when the worker runs from a `blob:` module (the SDK on a CDN): the load would throw. Cache
 * Storage that cannot be opened (blocked storage, an opaque origin) means no cache, not a failure.
 */

/** The part of `CacheStorage` used here. */
export interface CacheStorageLike {
  open(name: string): Promise<Pick<Cache, 'match' | 'put'>>;
}

/** The shape transformers.js asks of `env.customCache`. */
export interface ModelCache {
  match(key: string): Promise<Response | undefined>;
  put(key: string, response: Response): Promise<void>;
}

/**
 * A URL relative paths can resolve against, for a script at `href`: the script's own URL, or
 * for a `blob:` script the origin that created it (a `blob:` URL is no base for paths).
 */
export function pathBase(href: string): string {
  const url = new URL(href);
  return url.protocol === 'blob:' ? `${url.origin}/` : url.href;
}

export function createModelCache(storage: CacheStorageLike | undefined, name: string, base: string): ModelCache {
  let opened: Promise<Pick<Cache, 'match' | 'put'> | null> | undefined;
  const bucket = () => (opened ??= storage ? storage.open(name).catch(() => null) : Promise.resolve(null));
  const absolute = (key: string) => new URL(key, base).href;
  return {
    async match(key) {
      const cache = await bucket();
      return (await cache?.match(absolute(key))) ?? undefined;
    },
    async put(key, response) {
      const cache = await bucket();
      // Only http(s) keys are storable; anything else just is not cached.
      const url = absolute(key);
      if (cache && /^https?:/.test(url)) await cache.put(url, response);
    },
  };
}
