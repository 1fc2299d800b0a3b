import { expect, test, type Page } from '@playwright/test';
import type { ModelStatus } from '../workers/intent/types';
import { intentModel, startIntentServer, type IntentServer, type IntentServerOptions } from './support/intent-server';

const MODEL = intentModel();
test.skip(!MODEL.present, `no text model at ${MODEL.modelsDir}/${MODEL.name} (train it, or set RESHELF_INTENT_MODELS / RESHELF_INTENT_MODEL)`);
// A cold model load compiles 14 MB of wasm on a 2-core machine.
test.setTimeout(90_000);

interface Win {
  harness: { createReshelf: (o: unknown) => { ready: Promise<unknown>; classify(t: unknown): Promise<unknown>; forget(): Promise<void>; setConsent(s: string): Promise<unknown> }; events: ModelStatus[] };
  r: ReturnType<Win['harness']['createReshelf']>;
}

const servers: IntentServer[] = [];
async function server(extra: Partial<IntentServerOptions> = {}): Promise<IntentServer> {
  const s = await startIntentServer({ modelsDir: MODEL.modelsDir, ...extra });
  servers.push(s);
  return s;
}
test.afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Opens the test page and creates a reshelf instance with these model options. */
async function open(page: Page, s: IntentServer, model: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Promise<void> {
  await page.goto(s.url);
  await page.waitForFunction(() => 'harness' in window);
  await page.evaluate(
    ({ model, extra }) => {
      const w = window as unknown as Win;
      w.r = w.harness.createReshelf({ campaign: 'intent-e2e', workerUrl: '/reshelf/reshelf-worker.js', holdout: 0, model, ...extra });
      return w.r.ready;
    },
    { model: { name: MODEL.name, ...model }, extra },
  );
}

const classify = (page: Page, text: unknown) => page.evaluate((t) => (window as unknown as Win).r.classify(t), text) as Promise<{ category: { label: string; probs: Record<string, number> }; sentiment?: unknown } | null>;
const events = (page: Page) => page.evaluate(() => (window as unknown as Win).harness.events);
const waitPhase = (page: Page, phase: ModelStatus['phase']) => page.waitForFunction((p) => (window as unknown as Win).harness.events.some((e) => e.phase === p), phase, { timeout: 60_000 });
const modelRequests = (s: IntentServer) => [...s.hits.keys()].filter((p) => p.startsWith('/models/') || p.startsWith('/ort/') || p.startsWith('/reshelf/reshelf-ml-'));

test('loads only on the first text, on WASM with one thread, and labels zh and en text', async ({ page }) => {
  const s = await server();
  await open(page, s, { load: 'on-text' });
  await page.waitForTimeout(500);
  // Nothing of the model before the shopper types: not the runtime chunk, the wasm or the model.
  expect(modelRequests(s)).toEqual([]);
  const en = await classify(page, 'cheap bluetooth headphones');
  const zh = await classify(page, '便宜的无线耳机');
  for (const c of [en, zh]) {
    expect(c).not.toBeNull();
    expect(Object.values(c!.category.probs).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  }
  const seen = await events(page);
  expect(seen[0]).toMatchObject({ phase: 'loading', progress: 0 });
  expect(seen.at(-1)).toMatchObject({ phase: 'ready', device: 'wasm', threads: 1 });
  // Only the plain WASM build: never the 27 MB asyncify build, never a CDN.
  const ort = [...s.hits.keys()].filter((p) => p.startsWith('/ort/'));
  expect(ort).toHaveLength(2);
  expect(ort).toEqual(expect.arrayContaining([expect.stringMatching(/^\/ort\/ort-wasm-simd-threaded\.[0-9a-f]{10}\.mjs$/), expect.stringMatching(/^\/ort\/ort-wasm-simd-threaded\.[0-9a-f]{10}\.wasm$/)]));
  expect(seen.filter((e) => e.phase === 'loading' && (e.progress ?? 0) > 0).length).toBeGreaterThan(0);
});

test('a search typed into the page is shopper text: it starts the load', async ({ page }) => {
  const s = await server();
  await open(page, s, { load: 'on-text' });
  await page.fill('input[data-reshelf-search]', 'wireless earbuds under 2000');
  await page.dispatchEvent('input[data-reshelf-search]', 'change');
  await waitPhase(page, 'ready');
  expect(modelRequests(s).length).toBeGreaterThan(0);
});

test('idle policy: loads after the page settled, without any text', async ({ page }) => {
  const s = await server();
  await open(page, s);
  await waitPhase(page, 'ready');
  expect(await classify(page, 'running shoes')).not.toBeNull();
});

test('idle policy with Save-Data: no load in idle time, only on the first text', async ({ page }) => {
  const s = await server({ workerPrelude: `Object.defineProperty(navigator, 'connection', { configurable: true, value: { saveData: true } });` });
  await open(page, s);
  await page.waitForTimeout(2500);
  expect(modelRequests(s)).toEqual([]);
  expect(await classify(page, 'running shoes')).not.toBeNull();
  expect((await events(page)).at(-1)).toMatchObject({ phase: 'ready' });
});

test('second visit downloads nothing: model from Cache Storage, runtime from the HTTP cache', async ({ page }) => {
  const s = await server();
  await open(page, s, { load: 'on-text' });
  expect(await classify(page, 'cheap bluetooth headphones')).not.toBeNull();
  expect(modelRequests(s).length).toBeGreaterThanOrEqual(6);
  s.resetHits();
  await open(page, s, { load: 'on-text' });
  expect(await classify(page, '便宜的无线耳机')).not.toBeNull();
  expect((await events(page)).at(-1)).toMatchObject({ phase: 'ready' });
  expect(modelRequests(s)).toEqual([]);
});

test('forget() also deletes the cached model files', async ({ page }) => {
  const s = await server();
  await open(page, s, { load: 'on-text' });
  expect(await classify(page, 'laptop bag')).not.toBeNull();
  const keys = await page.evaluate(() => caches.keys());
  expect(keys).toContain('reshelf-models');
  // Nothing under transformers.js's default bucket (a page's own transformers.js models live there).
  expect(keys).not.toContain('transformers-cache');
  await page.evaluate(() => (window as unknown as Win).r.forget());
  expect(await page.evaluate(() => caches.keys())).not.toContain('reshelf-models');
});

test('no consent: classify answers null and nothing is downloaded', async ({ page }) => {
  const s = await server();
  await open(page, s, { load: 'idle' }, { consent: 'pending' });
  expect(await classify(page, 'cheap bluetooth headphones')).toBeNull();
  await page.waitForTimeout(500);
  expect(modelRequests(s)).toEqual([]);
  await expect(classify(page, 42)).rejects.toThrow(/INVALID_INPUT/);
});

test('bad model options throw [Validation] errors', async ({ page }) => {
  const s = await server();
  await page.goto(s.url);
  await page.waitForFunction(() => 'harness' in window);
  const error = (model: unknown) =>
    page.evaluate((m) => {
      try {
        (window as unknown as Win).harness.createReshelf({ campaign: 'x', model: m });
        return 'no error';
      } catch (e) {
        return (e as Error).message;
      }
    }, model);
  expect(await error({ load: 'eager' })).toContain('[Validation] options.model.load must be "idle", "on-text" or "never", received "eager"');
  expect(await error({ url: 'ftp://x/' })).toContain('[Validation] options.model.url must be an http(s) URL or a path');
  expect(await error({ timeoutMs: 10 })).toContain('options.model.timeoutMs');
  expect(await error({ gpu: true })).toContain('options.model.gpu must be one of url, name, runtimeUrl, load, timeoutMs');
});

test('a missing model fails once, quietly: classify answers null, ranking goes on, no retry loop', async ({ page }) => {
  const s = await server();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await open(page, s, { load: 'on-text', name: 'no-such-model' });
  expect(await classify(page, 'headphones')).toBeNull();
  expect((await events(page)).at(-1)).toMatchObject({ phase: 'failed' });
  const first = s.hits.get('/models/no-such-model/config.json') ?? 0;
  for (let i = 0; i < 3; i++) expect(await classify(page, 'headphones')).toBeNull();
  expect(s.hits.get('/models/no-such-model/config.json') ?? 0).toBe(first);
  const ranked = await page.evaluate(() => (window as unknown as { r: { rank(t: unknown[]): Promise<{ order: string[] }> } }).r.rank([{ id: 'a' }, { id: 'b' }]));
  expect(ranked.order.sort()).toEqual(['a', 'b']);
  expect(errors).toEqual([]);
});

test('a load slower than timeoutMs is abandoned', async ({ page }) => {
  const s = await server();
  // Hold the model's weights past the timeout (routing is fine here: this test needs no HTTP cache).
  await page.route('**/onnx/model_quantized.onnx', async (route) => {
    await new Promise((r) => setTimeout(r, 3000));
    await route.continue().catch(() => undefined);
  });
  await open(page, s, { load: 'on-text', timeoutMs: 1000 });
  expect(await classify(page, 'headphones')).toBeNull();
  expect((await events(page)).at(-1)).toMatchObject({ phase: 'failed', error: 'model load timed out after 1000 ms' });
});

test.describe('device choice in the browser', () => {
  /** A `navigator.gpu` in the worker whose adapter is `adapter` (a JS expression), before any reshelf code runs. */
  const gpuStub = (adapter: string) =>
    `Object.defineProperty(navigator, 'gpu', { configurable: true, value: { requestAdapter: async () => (${adapter}), getPreferredCanvasFormat: () => 'bgra8unorm' } });`;

  test('a fallback (software) adapter is not used: WASM, and the WebGPU runtime is never fetched', async ({ page }) => {
    const s = await server({ workerPrelude: gpuStub(`{ info: { isFallbackAdapter: true }, features: new Set(), limits: {}, requestDevice: async () => { throw new Error('stub'); } }`) });
    await open(page, s, { load: 'on-text' });
    expect(await classify(page, 'headphones')).not.toBeNull();
    expect((await events(page)).at(-1)).toMatchObject({ phase: 'ready', device: 'wasm' });
    expect([...s.hits.keys()].some((p) => p.includes('asyncify'))).toBe(false);
  });

  test('requestAdapter() throwing means WASM', async ({ page }) => {
    const s = await server({ workerPrelude: gpuStub(`(() => { throw new Error('GPU process crashed'); })()`) });
    await open(page, s, { load: 'on-text' });
    expect(await classify(page, 'headphones')).not.toBeNull();
    expect((await events(page)).at(-1)).toMatchObject({ phase: 'ready', device: 'wasm' });
  });

  test('a hardware adapter that cannot give a device: WASM, without fetching the WebGPU runtime', async ({ page }) => {
    const s = await server({ workerPrelude: gpuStub(`{ info: { isFallbackAdapter: false, vendor: 'stub' }, features: new Set(), limits: {}, requestDevice: async () => { throw new Error('device lost'); } }`) });
    await open(page, s, { load: 'on-text' });
    expect(await classify(page, 'headphones')).not.toBeNull();
    expect((await events(page)).at(-1)).toMatchObject({ phase: 'ready', device: 'wasm' });
    expect([...s.hits.keys()].some((p) => p.includes('asyncify'))).toBe(false);
  });

  test('WebGPU failing inside the runtime: tried, then the model runs on WASM in a fresh runtime copy', async ({ page }) => {
    // The device passes reshelf's probe but is unusable for onnxruntime-web (no createBuffer, …).
    const device = `{ destroy() {}, features: new Set(), limits: {}, lost: new Promise(() => {}), queue: {}, addEventListener() {} }`;
    const s = await server({ workerPrelude: gpuStub(`{ info: { isFallbackAdapter: false, vendor: 'stub' }, features: new Set(), limits: {}, requestDevice: async () => (${device}) }`) });
    await open(page, s, { load: 'on-text' });
    expect(await classify(page, 'headphones')).not.toBeNull();
    expect((await events(page)).at(-1)).toMatchObject({ phase: 'ready', device: 'wasm' });
    expect([...s.hits.keys()].some((p) => p.includes('asyncify'))).toBe(true);
    const chunk = [...s.hits.entries()].find(([p]) => p.startsWith('/reshelf/reshelf-ml-'));
    expect(chunk?.[1]).toBe(2);
  });
});

test('two threads on a cross-origin isolated page', async ({ page }) => {
  const s = await server({ headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } });
  await open(page, s, { load: 'on-text' });
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(await classify(page, 'cheap bluetooth headphones')).not.toBeNull();
  expect((await events(page)).at(-1)).toMatchObject({ phase: 'ready', device: 'wasm', threads: 2 });
});

test('strict CSP on the page and on every script (self + wasm-unsafe-eval only): the model loads, no violation', async ({ page }) => {
  const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types reshelf";
  // The worker and its chunks get the policy too (a worker has its own CSP, from its response).
  const s = await server({ headers: { 'Content-Security-Policy': csp } });
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const consoleErrors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  await open(page, s, { load: 'on-text' });
  expect(await classify(page, 'cheap bluetooth headphones')).not.toBeNull();
  expect((await events(page)).at(-1)).toMatchObject({ phase: 'ready', device: 'wasm' });
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
  expect(consoleErrors.filter((m) => /Content Security Policy|Refused/.test(m))).toEqual([]);
  expect(errors).toEqual([]);
});
