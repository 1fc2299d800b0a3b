/** Entry point of the engine module worker: wires the engine to real IndexedDB, fetch and Web Locks. */
import { expose } from 'comlink';
import { createEngine } from './engine';
import { openIndexedDbStore } from './db';
import { followStock } from './live-stock';
import { MODEL_CACHE_NAME } from './intent/cache-name';
import { probeGpu } from './intent/device';
import { loadTextModel } from './intent/load-model';
import { createIntentService } from './intent/service';

/** `navigator.connection` is Chromium-only and not in TypeScript's DOM types. */
const saveData = () => (navigator as { connection?: { saveData?: boolean } }).connection?.saveData;

const engine = createEngine({
  openStore: () => openIndexedDbStore(),
  fetch: (input, init) => fetch(input, init),
  now: () => Date.now(),
  newId: () => crypto.randomUUID(),
  followStock: (endpoint, campaign, onStock) =>
    followStock(endpoint, campaign, onStock, { fetch: (i, init) => fetch(i, init), EventSource: typeof EventSource === 'function' ? EventSource : undefined }),
  // The text model: transformers.js arrives in its own chunk, only when the model loads.
  intent: (config, debug) =>
    createIntentService(config, {
      load: loadTextModel,
      probeGpu: () => probeGpu(navigator as { gpu?: unknown }),
      saveData,
      now: () => performance.now(),
      log: debug ? (message, detail) => console.info('[reshelf] model:', message, detail ?? '') : undefined,
    }),
  baseUrl: self.location.href,
  clearModelCache: () => (typeof caches === 'undefined' ? Promise.resolve(false) : caches.delete(MODEL_CACHE_NAME)),
  // Two tabs of the same shop: only one sends the outbox at a time.
  withLock: async (name, fn) => {
    if (!('locks' in navigator) || !navigator.locks) return fn();
    return navigator.locks.request(name, { ifAvailable: true }, async (lock) => (lock ? fn() : undefined));
  },
});

// Comlink's default endpoint is the worker global scope.
expose(engine);
