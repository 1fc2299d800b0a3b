/**
 * The page's side of the engine worker (Comlink, worker start-up), needed only once the engine
 * starts, in idle time after the page was parsed. The script tag imports it on demand as
 * `reshelf-link.js` from next to itself, so its first-paint bundle stays small; the ESM entry
 * bundles it.
 */
import type { EngineConfig } from '../../workers/api';
import { startEngine, type EngineHandle } from './engine-client';
import { workerSource } from './worker-source';

export { proxy } from 'comlink';

/** Starts the engine worker from `workerUrl` (through a `blob:` module when it is on another origin). */
export async function connect(workerUrl: string, config: EngineConfig, debug: boolean): Promise<EngineHandle | undefined> {
  const src = workerSource(workerUrl, config.model);
  try {
    return await startEngine(src.url, { ...config, model: src.model }, debug);
  } finally {
    // The worker has loaded its modules (or failed): the blob: module is no longer needed.
    if (src.via) URL.revokeObjectURL(src.url);
  }
}
