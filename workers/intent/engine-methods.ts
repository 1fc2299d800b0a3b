/**
 * The engine API's text-model methods. They do not queue behind the engine's state changes (a
 * model load takes seconds; ranking must not wait) and answer `null`, never an error, when there
 * is no model: off, still loading past its timeout, or failed.
 */
import type { ErrorInfo, Reply } from '../../src/core/errors';
import type { ItemId } from '../../src/core/types';
import type { EngineApi } from '../api';
import type { IntentService } from './service';
import type { Classification, ModelStatus } from './types';

export type ModelMethods = Pick<EngineApi, 'classify' | 'classifyTitles' | 'prepareModel' | 'modelStatus' | 'onModelStatus'>;

export interface ModelHost {
  /** The model service, once `init` created one. */
  intent(): IntentService | undefined;
  /** Throws when the engine is not initialised or was told to forget. */
  ready(): void;
}

const MODEL_OFF: ModelStatus = { phase: 'off' };
const failure = (code: ErrorInfo['code'], message: string): Reply<never> => ({ ok: false, error: { code, message } });

async function guarded<T>(fn: () => Promise<Reply<T>>): Promise<Reply<T>> {
  try {
    return await fn();
  } catch (e) {
    return failure('INTERNAL', e instanceof Error ? e.message : String(e));
  }
}

export function modelMethods(host: ModelHost): ModelMethods {
  return {
    classify: (text) =>
      guarded(async (): Promise<Reply<Classification | null>> => {
        host.ready();
        if (typeof text !== 'string') return failure('INVALID_INPUT', 'classify() takes a string');
        const intent = host.intent();
        if (!intent || text.trim() === '') return { ok: true, value: null };
        return { ok: true, value: (await intent.classify([text]))?.[0] ?? null };
      }),

    classifyTitles: (items) =>
      guarded(async (): Promise<Reply<Record<ItemId, Classification> | null>> => {
        host.ready();
        if (!Array.isArray(items) || items.length > 1000 || !items.every((i) => typeof i?.id === 'string' && typeof i.title === 'string'))
          return failure('INVALID_INPUT', 'classifyTitles() takes at most 1000 { id, title } items');
        const intent = host.intent();
        return { ok: true, value: intent ? await intent.classifyTitles(items) : null };
      }),

    prepareModel: () =>
      guarded(async (): Promise<Reply<ModelStatus>> => {
        host.ready();
        const intent = host.intent();
        void intent?.request('idle');
        return { ok: true, value: intent?.status() ?? MODEL_OFF };
      }),

    modelStatus: () => guarded(async () => ({ ok: true as const, value: host.intent()?.status() ?? MODEL_OFF })),

    onModelStatus: (listener) =>
      guarded(async (): Promise<Reply<null>> => {
        if (typeof listener !== 'function') return failure('INVALID_INPUT', 'onModelStatus() takes a function');
        // Across Comlink the listener is a proxy: once the page is gone its calls reject, and it is dropped.
        const off = host.intent()?.onStatus((status) => void Promise.resolve(listener(status)).catch(() => off?.()));
        return { ok: true, value: null };
      }),
  };
}
