/** The engine's text-model surface, with a fake model service (the real one is tested in e2e/intent.spec.ts). */
import { describe, expect, it } from 'vitest';
import type { Classification } from '../../src/core/text/heads';
import { memoryStore } from '../db';
import { createEngine, type EngineDeps } from '../engine';
import { config, T0, value } from '../test-helpers';
import type { IntentService } from './service';
import type { ModelConfig, ModelStatus } from './types';

const label = (text: string): Classification => ({ category: { label: text.includes('耳机') || text.includes('headphones') ? 'electronics' : 'other', score: 0.9, probs: {} } });

function setup(over: Partial<EngineDeps> = {}) {
  const classified: string[] = [];
  const configs: ModelConfig[] = [];
  const listeners = new Set<(s: ModelStatus) => void>();
  let release: (() => void) | undefined;
  let hold = false;
  let cleared = 0;
  const service: IntentService = {
    status: () => ({ phase: 'idle' }),
    onStatus: (l) => (listeners.add(l), () => listeners.delete(l)),
    request: async () => undefined,
    classify: async (texts) => {
      if (hold) await new Promise<void>((r) => (release = r));
      classified.push(...texts);
      return texts.map(label);
    },
    classifyTitles: async (items) => Object.fromEntries(items.map((i) => [i.id, label(i.title)])),
  };
  const engine = createEngine({
    openStore: async () => memoryStore(),
    fetch: (async () => new Response('{}', { status: 404 })) as typeof fetch,
    now: () => T0,
    newId: () => 'id-00000001',
    withLock: async (_n, fn) => fn(),
    baseUrl: 'https://shop.test/reshelf/reshelf-worker.js',
    intent: (c) => (configs.push(c), service),
    clearModelCache: async () => void cleared++,
    ...over,
  });
  return {
    engine,
    classified,
    configs,
    emit: (s: ModelStatus) => listeners.forEach((l) => l(s)),
    holdInference: () => void (hold = true),
    release: () => {
      hold = false;
      release?.();
    },
    cleared: () => cleared,
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('engine: text model', () => {
  it('creates the model service from the page’s options, resolved against the worker’s URL', async () => {
    const t = setup();
    value(await t.engine.init(config({ model: { url: '/static/models', load: 'on-text' } })));
    expect(t.configs).toEqual([{ baseUrl: 'https://shop.test/static/models/', name: 'reshelf-intent', runtimeUrl: 'https://shop.test/ort/', load: 'on-text', timeoutMs: 20_000 }]);
  });

  it('rejects bad model options in init, and creates no service for load: never', async () => {
    const bad = setup();
    expect(await bad.engine.init(config({ model: { load: 'eager' as 'idle' } }))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('options.model.load') } });
    const off = setup();
    value(await off.engine.init(config({ model: { load: 'never' } })));
    expect(off.configs).toEqual([]);
    expect(value(await off.engine.classify('headphones'))).toBeNull();
    expect(value(await off.engine.modelStatus())).toEqual({ phase: 'off' });
  });

  it('classifies text and titles, and checks its input', async () => {
    const t = setup();
    value(await t.engine.init(config()));
    expect(value(await t.engine.classify('便宜的无线耳机'))!.category!.label).toBe('electronics');
    expect(value(await t.engine.classify('   '))).toBeNull();
    expect(await t.engine.classify(42 as unknown as string)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(value(await t.engine.classifyTitles([{ id: 'a', title: 'Wireless headphones' }]))).toMatchObject({ a: { category: { label: 'electronics' } } });
    expect(await t.engine.classifyTitles([{ id: 'a' }] as never)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('answers an error, not a throw, before init', async () => {
    const t = setup();
    expect(await t.engine.classify('x')).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('classifies the newest search text of a burst, without holding up track()', async () => {
    const t = setup();
    value(await t.engine.init(config()));
    t.holdInference();
    const search = (text: string, dt: number) => ({ type: 'search' as const, text, t: T0 + dt });
    // track() answers while the first inference is still running.
    value(await t.engine.track([search('h', 0), search('he', 1)]));
    value(await t.engine.track([search('hea', 2)]));
    value(await t.engine.track([search('headphones', 3)]));
    t.release();
    await tick();
    await tick();
    expect(t.classified).toEqual(['he', 'headphones']);
  });

  it('forwards status changes to the page, and forget() deletes the cached model files', async () => {
    const t = setup();
    value(await t.engine.init(config()));
    const seen: ModelStatus[] = [];
    value(await t.engine.onModelStatus((s) => void seen.push(s)));
    t.emit({ phase: 'loading', progress: 0.5 });
    expect(seen).toEqual([{ phase: 'loading', progress: 0.5 }]);
    expect(value(await t.engine.prepareModel())).toEqual({ phase: 'idle' });
    value(await t.engine.forget());
    expect(t.cleared()).toBe(1);
  });
});
