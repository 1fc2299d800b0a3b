import { describe, expect, it } from 'vitest';
import { createModelFetch, virtualPathFor, type FetchLike } from './model-fetch';

const BASE = 'https://cdn.shop.test/models/';
const ORIGIN = 'https://shop.test/reshelf/reshelf-worker.js';

function setup(body = 'x'.repeat(1000)) {
  const calls: Array<{ url: string; signal: AbortSignal | null | undefined }> = [];
  const progress: Array<[number, number]> = [];
  const fetch: FetchLike = async (input, init) => {
    calls.push({ url: String(input), signal: init?.signal });
    return new Response(body, { headers: { 'content-length': String(body.length) } });
  };
  const abort = new AbortController();
  const virtualPath = virtualPathFor(BASE);
  const f = createModelFetch({ baseUrl: BASE, virtualPath, origin: ORIGIN, fetch, signal: abort.signal, onProgress: (l, t) => progress.push([l, t]) });
  return { f, calls, progress, abort, virtualPath };
}

describe('createModelFetch', () => {
  it('maps the virtual path to the model URL, even on another origin', async () => {
    const { f, calls, virtualPath } = setup();
    const res = await f(`${virtualPath}reshelf-intent/config.json`);
    expect(await res.text()).toHaveLength(1000);
    expect(calls.map((c) => c.url)).toEqual(['https://cdn.shop.test/models/reshelf-intent/config.json']);
  });

  it('refuses anything else: a hub, a CDN, the worker’s origin outside the virtual path', async () => {
    const { f, calls } = setup();
    for (const url of ['https://model-hub.example/reshelf-intent/resolve/main/config.json', 'https://public-cdn.example/npm/x', '/models/reshelf-intent/config.json']) {
      await expect(f(url)).rejects.toThrow(/refused/);
    }
    expect(calls).toEqual([]);
  });

  it('fetches a file once per load, however often it is asked for, each caller reading its own body', async () => {
    const { f, calls, virtualPath } = setup('{"a":1}');
    const [a, b] = await Promise.all([f(`${virtualPath}m/tokenizer_config.json`), f(`${virtualPath}m/tokenizer_config.json`)]);
    expect(await a.json()).toEqual({ a: 1 });
    expect(await b.json()).toEqual({ a: 1 });
    expect(await (await f(`${virtualPath}m/tokenizer_config.json`)).json()).toEqual({ a: 1 });
    expect(calls).toHaveLength(1);
  });

  it('passes the load’s abort signal and reports bytes as they arrive', async () => {
    const { f, calls, progress, abort, virtualPath } = setup();
    await (await f(`${virtualPath}m/onnx/model_quantized.onnx`)).arrayBuffer();
    expect(calls[0]!.signal).toBe(abort.signal);
    expect(progress.at(-1)).toEqual([1000, 1000]);
  });

  it('gives each model URL its own virtual path', () => {
    expect(virtualPathFor('https://a.test/models/')).not.toBe(virtualPathFor('https://b.test/models/'));
    expect(virtualPathFor(BASE)).toMatch(/^\/reshelf-model\/[0-9a-z]+\/$/);
  });
});
