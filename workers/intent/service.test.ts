import { describe, expect, it, vi } from 'vitest';
import type { TextModelSpec } from '../../src/core/text/heads';
import type { GpuProbe } from './device';
import { RETRY_AFTER_MS } from './policy';
import { createIntentService, type IntentDeps, type LoadHooks } from './service';
import { createTextModel } from './text-model';
import type { ModelConfig, ModelDevice, ModelStatus } from './types';

const spec: TextModelSpec = { heads: [{ name: 'category', labels: ['audio', 'books'], offset: 0 }], maxLength: 8, width: 2 };
const config = (over: Partial<ModelConfig> = {}): ModelConfig => ({ baseUrl: 'https://s.test/models/', name: 'm', runtimeUrl: 'https://s.test/ort/', load: 'idle', timeoutMs: 1000, ...over });
const NO_GPU: GpuProbe = { api: false, adapter: false, fallback: undefined };
const REAL_GPU: GpuProbe = { api: true, adapter: true, fallback: false };

/** A fake model: "audio" for texts mentioning headphones, else "books"; counts inferences. */
function fakeModel(device: ModelDevice, runs: string[][] = []) {
  let last: string[] = [];
  return createTextModel({
    tokenizer: (texts) => ((last = texts), texts.map(() => [2, 3])),
    inputs: (b) => ({ b }),
    encoder: async () => {
      runs.push(last);
      return { logits: { data: last.flatMap((t) => (t.includes('headphones') ? [3, 0] : [0, 3])), dims: [last.length, 2] } };
    },
    spec,
    device,
    threads: 1,
  });
}

function setup(over: Partial<IntentDeps> = {}, cfg: Partial<ModelConfig> = {}) {
  let clock = 0;
  const loads: ModelDevice[] = [];
  const runs: string[][] = [];
  const statuses: ModelStatus[] = [];
  const deps: IntentDeps = {
    load: async (_c, device, hooks: LoadHooks) => {
      loads.push(device);
      hooks.onProgress(50, 100);
      hooks.onProgress(51, 100); // under the 2 % step: not published
      hooks.onProgress(100, 100);
      return fakeModel(device, runs);
    },
    probeGpu: async () => NO_GPU,
    saveData: () => undefined,
    now: () => clock,
    ...over,
  };
  const service = createIntentService(config(cfg), deps);
  service.onStatus((s) => statuses.push(s));
  return { service, loads, runs, statuses, advance: (ms: number) => (clock += ms) };
}

describe('intent service', () => {
  it('loads once for concurrent callers and classifies shopper text', async () => {
    const { service, loads, statuses } = setup();
    const [a, b] = await Promise.all([service.classify(['cheap headphones']), service.classify(['a novel'])]);
    expect(loads).toEqual(['wasm']);
    expect(a![0]!.category!.label).toBe('audio');
    expect(b![0]!.category!.label).toBe('books');
    expect(statuses.map((s) => s.phase)).toEqual(['loading', 'loading', 'loading', 'ready']);
    expect(statuses.map((s) => s.progress)).toEqual([0, 0.5, 1, 1]);
    expect(service.status()).toMatchObject({ phase: 'ready', device: 'wasm', threads: 1 });
  });

  it('follows the load policy: never, on-text, idle without Save-Data', async () => {
    const off = setup({}, { load: 'never' });
    expect(await off.service.classify(['x'])).toBeNull();
    expect(off.loads).toEqual([]);
    expect(off.service.status().phase).toBe('off');

    const onText = setup({}, { load: 'on-text' });
    expect(await onText.service.request('idle')).toBeUndefined();
    expect(onText.loads).toEqual([]);
    expect(await onText.service.classify(['x'])).not.toBeNull();

    const saver = setup({ saveData: () => true });
    expect(await saver.service.request('idle')).toBeUndefined();
    expect(saver.loads).toEqual([]);
    expect(await saver.service.request('text')).toBeDefined();
  });

  it('uses WebGPU with a real adapter and falls back to WASM when it fails', async () => {
    const loads: string[] = [];
    const { service } = setup({
      probeGpu: async () => REAL_GPU,
      load: async (_c, device, hooks) => {
        loads.push(`${device}${hooks.fresh ? ' (fresh runtime)' : ''}`);
        if (device === 'webgpu') throw new Error('no WebGPU device');
        return fakeModel(device);
      },
    });
    expect(await service.classify(['headphones'])).not.toBeNull();
    // The failed WebGPU session leaves transformers.js unusable: WASM gets a fresh copy.
    expect(loads).toEqual(['webgpu', 'wasm (fresh runtime)']);
    expect(service.status().device).toBe('wasm');
  });

  it('abandons a load after the timeout, and retries at most once, after the backoff', async () => {
    vi.useFakeTimers();
    try {
      let signal: AbortSignal | undefined;
      let calls = 0;
      const fresh: boolean[] = [];
      const t = setup({
        load: (_c, _device, hooks) => {
          calls++;
          signal = hooks.signal;
          fresh.push(hooks.fresh);
          return calls === 1 ? new Promise(() => undefined) : Promise.reject(new Error('404 config.json'));
        },
      });
      const first = t.service.classify(['x']);
      await vi.advanceTimersByTimeAsync(1000);
      expect(await first).toBeNull();
      expect(signal?.aborted).toBe(true);
      expect(t.service.status()).toMatchObject({ phase: 'failed', error: 'model load timed out after 1000 ms' });
      // Straight away: no new attempt (no loop of downloads).
      expect(await t.service.classify(['x'])).toBeNull();
      expect(calls).toBe(1);
      t.advance(RETRY_AFTER_MS);
      expect(await t.service.classify(['x'])).toBeNull();
      expect(calls).toBe(2);
      expect(fresh).toEqual([false, true]);
      t.advance(10 * RETRY_AFTER_MS);
      expect(await t.service.classify(['x'])).toBeNull();
      expect(calls).toBe(2);
      expect(t.service.status()).toMatchObject({ phase: 'failed', error: '404 config.json' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('labels tile titles in batches, from the cache the second time, without starting a load', async () => {
    const { service, runs, loads } = setup({}, { load: 'on-text' });
    const items = Array.from({ length: 20 }, (_, i) => ({ id: `i${i}`, title: i % 2 ? `Wireless headphones ${i}` : `Cookbook ${i}` }));
    expect(await service.classifyTitles(items)).toBeNull();
    expect(loads).toEqual([]);
    await service.request('text');
    const first = await service.classifyTitles(items);
    expect(first!.i1!.category!.label).toBe('audio');
    expect(first!.i2!.category!.label).toBe('books');
    expect(runs.map((r) => r.length)).toEqual([16, 4]);
    const again = await service.classifyTitles([...items, { id: 'i1', title: 'Cookbook, renamed' }]);
    expect(runs).toHaveLength(3);
    expect(runs[2]).toEqual(['Cookbook, renamed']);
    expect(again!.i1!.category!.label).toBe('books');
  });

  it('answers null when an inference throws, and a throwing listener does not break the load', async () => {
    const { service } = setup({
      load: async () => ({ spec, device: 'wasm', threads: 1, lastQueryAt: () => 0, classify: async () => Promise.reject(new Error('OOM')) }),
    });
    service.onStatus(() => {
      throw new Error('page gone');
    });
    expect(await service.classify(['x'])).toBeNull();
    expect(service.status().phase).toBe('ready');
  });
});
