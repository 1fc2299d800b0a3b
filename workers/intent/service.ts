/**
 * The model as the engine sees it: loaded lazily by policy, one in-flight load shared by every
 * caller, a timeout after which the load is abandoned, WebGPU → WASM fallback, at most one retry
 * per page, and status for the page's progress events. Never throws: without a model the
 * engine ranks from behaviour alone.
 */
import type { Classification } from '../../src/core/text/heads';
import { chooseDevice, type GpuProbe } from './device';
import { mayAttempt, mayStartLoad, type AttemptLog, type LoadTrigger } from './policy';
import type { TextModel } from './text-model';
import { TitleCache } from './title-cache';
import type { ModelConfig, ModelDevice, ModelStatus, TitleInput } from './types';

export interface LoadHooks {
  /** Bytes of the model's files so far and in all (all files the server told the size of). */
  onProgress(loaded: number, total: number): void;
  /** Aborted when the load times out: pending downloads stop. */
  signal: AbortSignal;
  /** An earlier load in this worker failed: use a fresh copy of the runtime (see ml.ts). */
  fresh: boolean;
}

export type ModelLoader = (config: ModelConfig, device: ModelDevice, hooks: LoadHooks) => Promise<TextModel>;

export interface IntentDeps {
  load: ModelLoader;
  probeGpu: () => Promise<GpuProbe>;
  /** `navigator.connection.saveData` now (it can change during a visit). */
  saveData: () => boolean | undefined;
  now: () => number;
  log?: ((message: string, detail?: unknown) => void) | undefined;
}

export interface IntentService {
  status(): ModelStatus;
  /** Listener for status changes (phase, device, progress); returns an unsubscribe function. */
  onStatus(listener: (status: ModelStatus) => void): () => void;
  /** Starts the load if the policy allows it; resolves with the model or undefined, never rejects. */
  request(trigger: LoadTrigger): Promise<TextModel | undefined>;
  /** Shopper text: starts the load if needed. Null when the model is off or failed. */
  classify(texts: readonly string[]): Promise<Classification[] | null>;
  /** Tile titles, cached by item id. Never starts a load (titles are not shopper text). */
  classifyTitles(items: readonly TitleInput[]): Promise<Record<string, Classification> | null>;
}

/** Titles per inference: padding to the longest title wastes little at this size. */
const TITLE_BATCH = 16;
/** Progress events at most every 2 % (a download reports every few KB). */
const PROGRESS_STEP = 0.02;

export function createIntentService(config: ModelConfig, deps: IntentDeps): IntentService {
  const listeners = new Set<(status: ModelStatus) => void>();
  const attempts: AttemptLog = { attempts: 0, lastFailureAt: undefined };
  const titles = new TitleCache();
  let current: ModelStatus = { phase: config.load === 'never' ? 'off' : 'idle' };
  let model: TextModel | undefined;
  let inflight: Promise<TextModel | undefined> | undefined;
  let failedBefore = false;

  function publish(next: ModelStatus): void {
    current = next;
    for (const l of listeners) {
      try {
        l(next);
      } catch {
        // A listener on a closed page must not break the load.
        listeners.delete(l);
      }
    }
  }

  async function onDevices(hooks: LoadHooks): Promise<TextModel> {
    const probe = await deps.probeGpu();
    const device = chooseDevice(probe);
    deps.log?.(`model device: ${device}`, probe);
    if (device === 'webgpu') {
      try {
        return await deps.load(config, 'webgpu', { ...hooks, fresh: failedBefore });
      } catch (e) {
        failedBefore = true;
        if (hooks.signal.aborted) throw e;
        deps.log?.('WebGPU load failed; retrying on WASM', e);
      }
    }
    return deps.load(config, 'wasm', { ...hooks, fresh: failedBefore });
  }

  async function attempt(): Promise<TextModel | undefined> {
    attempts.attempts++;
    const t0 = deps.now();
    let shown = -1;
    publish({ phase: 'loading', progress: 0 });
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new Error(`model load timed out after ${config.timeoutMs} ms`)), config.timeoutMs);
    const timedOut = new Promise<never>((_, reject) => abort.signal.addEventListener('abort', () => reject(abort.signal.reason), { once: true }));
    const hooks: LoadHooks = {
      signal: abort.signal,
      fresh: failedBefore,
      onProgress(loaded, total) {
        const progress = total > 0 ? Math.min(1, loaded / total) : 0;
        if (abort.signal.aborted || (progress - shown < PROGRESS_STEP && progress < 1)) return;
        shown = progress;
        publish({ phase: 'loading', progress, loaded, total });
      },
    };
    try {
      const loaded = await Promise.race([onDevices(hooks), timedOut]);
      model = loaded;
      publish({ phase: 'ready', device: loaded.device, threads: loaded.threads, progress: 1, tookMs: Math.round(deps.now() - t0), timings: loaded.timings });
      return loaded;
    } catch (e) {
      abort.abort(e);
      failedBefore = true;
      attempts.lastFailureAt = deps.now();
      const error = e instanceof Error ? e.message : String(e);
      deps.log?.('model load failed; ranking goes on without intent', e);
      publish({ phase: 'failed', error, tookMs: Math.round(deps.now() - t0) });
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  function request(trigger: LoadTrigger): Promise<TextModel | undefined> {
    if (model) return Promise.resolve(model);
    if (inflight) return inflight;
    if (!mayStartLoad(config.load, trigger, deps.saveData()) || !mayAttempt(attempts, deps.now())) return Promise.resolve(undefined);
    inflight = attempt().finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  async function safely<T>(fn: (m: TextModel) => Promise<T>, m: TextModel | undefined): Promise<T | null> {
    if (!m) return null;
    try {
      return await fn(m);
    } catch (e) {
      deps.log?.('classification failed', e);
      return null;
    }
  }

  return {
    status: () => current,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    request,
    classify: async (texts) => safely((m) => m.classify(texts), await request('text')),
    async classifyTitles(items) {
      return safely(async (m) => {
        const out: Record<string, Classification> = {};
        const todo: TitleInput[] = [];
        for (const item of items) {
          const hit = titles.get(item.id, item.title);
          if (hit) out[item.id] = hit;
          else todo.push(item);
        }
        for (let i = 0; i < todo.length; i += TITLE_BATCH) {
          const batch = todo.slice(i, i + TITLE_BATCH);
          const labels = await m.classify(batch.map((b) => b.title));
          batch.forEach((b, j) => {
            const c = labels[j];
            if (!c) return;
            titles.set(b.id, b.title, c);
            out[b.id] = c;
          });
        }
        return out;
      }, model ?? (await inflight));
    },
  };
}
