import { describe, expect, it } from 'vitest';
import { createModelCache, pathBase, type CacheStorageLike } from './model-cache';

/** An in-memory Cache Storage that, like the real one, only takes absolute http(s) keys. */
function memoryStorage() {
  const buckets = new Map<string, Map<string, string>>();
  const opened: string[] = [];
  const storage: CacheStorageLike = {
    async open(name) {
      opened.push(name);
      const b = buckets.get(name) ?? new Map<string, string>();
      buckets.set(name, b);
      const key = (k: RequestInfo | URL) => {
        const url = new URL(String(k)); // throws on a relative key, as Cache does in a blob: worker
        if (!/^https?:$/.test(url.protocol)) throw new TypeError(`unsupported scheme ${url.protocol}`);
        return url.href;
      };
      return {
        match: async (k: RequestInfo | URL) => {
          const v = b.get(key(k));
          return v === undefined ? undefined : new Response(v);
        },
        put: async (k: RequestInfo | URL, r: Response) => {
          b.set(key(k), await r.text());
        },
      } as unknown as Pick<Cache, 'match' | 'put'>;
    },
  };
  return { storage, buckets, opened };
}

describe('pathBase', () => {
  it('is the script URL itself, or the creating origin for a blob: script', () => {
    expect(pathBase('https://shop.test/reshelf/reshelf-worker.js')).toBe('https://shop.test/reshelf/reshelf-worker.js');
    expect(pathBase('blob:https://shop.test/4f1c2a9e-0000-4000-8000-000000000000')).toBe('https://shop.test/');
    expect(new URL('/reshelf-model/x/config.json', pathBase('blob:https://shop.test:8443/abc')).href).toBe('https://shop.test:8443/reshelf-model/x/config.json');
  });
});

describe('createModelCache', () => {
  it('stores and finds relative keys under their absolute URL, in the named bucket', async () => {
    const { storage, buckets } = memoryStorage();
    const cache = createModelCache(storage, 'reshelf-models', pathBase('blob:https://shop.test/abc'));
    expect(await cache.match('/reshelf-model/x/config.json')).toBeUndefined();
    await cache.put('/reshelf-model/x/config.json', new Response('{"a":1}'));
    expect(await (await cache.match('/reshelf-model/x/config.json'))!.json()).toEqual({ a: 1 });
    expect([...buckets.get('reshelf-models')!.keys()]).toEqual(['https://shop.test/reshelf-model/x/config.json']);
  });

  it('opens the bucket once', async () => {
    const { storage, opened } = memoryStorage();
    const cache = createModelCache(storage, 'reshelf-models', 'https://shop.test/w.js');
    await Promise.all([cache.match('/a'), cache.match('/b'), cache.put('/c', new Response('c'))]);
    expect(opened).toEqual(['reshelf-models']);
  });

  it('without Cache Storage, or when it cannot be opened, caches nothing and does not fail', async () => {
    for (const storage of [undefined, { open: () => Promise.reject(new DOMException('blocked', 'SecurityError')) }]) {
      const cache = createModelCache(storage, 'reshelf-models', 'https://shop.test/w.js');
      await cache.put('/a', new Response('a'));
      expect(await cache.match('/a')).toBeUndefined();
    }
  });

  it('does not try to store keys that are not http(s)', async () => {
    const { storage, buckets } = memoryStorage();
    const cache = createModelCache(storage, 'reshelf-models', 'chrome-extension://abc/worker.js');
    await cache.put('/a', new Response('a'));
    expect(buckets.get('reshelf-models')?.size ?? 0).toBe(0);
  });
});
