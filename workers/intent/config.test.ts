import { describe, expect, it } from 'vitest';
import { parseModelConfig } from './config';

const BASE = 'https://shop.test/reshelf/reshelf-worker.js';

describe('parseModelConfig', () => {
  it('fills in the defaults on the worker’s origin', () => {
    expect(parseModelConfig(undefined, BASE)).toEqual({
      ok: true,
      value: { baseUrl: 'https://shop.test/models/', name: 'reshelf-intent', runtimeUrl: 'https://shop.test/ort/', load: 'idle', timeoutMs: 20_000 },
    });
  });

  it('resolves paths and URLs, adding the trailing slash', () => {
    const r = parseModelConfig({ url: 'https://cdn.shop.test/m', runtimeUrl: '/static/ort', name: 'intent-v2', load: 'on-text', timeoutMs: 5000 }, BASE);
    expect(r).toEqual({ ok: true, value: { baseUrl: 'https://cdn.shop.test/m/', name: 'intent-v2', runtimeUrl: 'https://shop.test/static/ort/', load: 'on-text', timeoutMs: 5000 } });
  });

  it('turns the model off with load: never', () => {
    expect(parseModelConfig({ load: 'never' }, BASE)).toEqual({ ok: true, value: undefined });
  });

  it.each([
    [{ url: 'javascript:alert(1)' }, /options\.model\.url must be an http\(s\) URL or a path, received "javascript:alert\(1\)"/],
    [{ url: 'models/' }, /options\.model\.url/],
    [{ name: '../secrets' }, /options\.model\.name/],
    [{ name: 'a/b' }, /options\.model\.name/],
    [{ load: 'eager' }, /options\.model\.load must be "idle", "on-text" or "never"/],
    [{ timeoutMs: 5 }, /options\.model\.timeoutMs/],
    [{ device: 'webgpu' }, /options\.model\.device must be one of url, name, runtimeUrl, load, timeoutMs \(unknown option\)/],
    ['fast', /options\.model must be an object, received "fast"/],
  ])('rejects %j with a [Validation] message', (raw, message) => {
    const r = parseModelConfig(raw, BASE);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(message);
      expect(r.error).toContain('[Validation]');
    }
  });
});
