/**
 * The page's side of the text model (status events on `window`, the idle-time load) and of
 * deleting what reshelf stored. The model, its options' defaults and its policy live in the
 * worker; this file is in the script-tag bundle, so it stays a few lines.
 */
import { proxy, type Remote } from 'comlink';
import type { EngineApi } from '../../workers/api';
import { MODEL_CACHE_NAME } from '../../workers/intent/cache-name';
import type { ModelStatus } from '../../workers/intent/types';
import { whenIdle } from '../dom/idle';


/**
 * Re-emits the worker's model status as `reshelf:model` events (detail: the status), and once the
 * page has loaded and is idle, offers the worker the idle-time load (its policy decides).
 */
export function followModel(api: Remote<EngineApi>): void {
  void api.onModelStatus(proxy((detail: ModelStatus) => void dispatchEvent(new CustomEvent('reshelf:model', { detail }))));
  const prepare = () => whenIdle(() => void api.prepareModel().catch(() => undefined), 5000);
  if (document.readyState === 'complete') prepare();
  else addEventListener('load', prepare, { once: true });
}

/** Deletes the database and the cached model files from the page too, in case the engine never started. */
export function deleteStored(): Promise<unknown> {
  return Promise.all([
    new Promise<void>((resolve) => {
      try {
        const req = indexedDB.deleteDatabase('reshelf');
        req.onsuccess = req.onerror = req.onblocked = () => resolve();
      } catch {
        resolve(); // no IndexedDB here
      }
    }),
    // Model files are not personal, but forgetting the shopper leaves nothing of reshelf behind.
    (globalThis.caches as CacheStorage | undefined)?.delete(MODEL_CACHE_NAME).catch(() => undefined),
  ]);
}
