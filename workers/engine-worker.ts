/** Entry point of the engine module worker: wires the engine to real IndexedDB, fetch and Web Locks. */
import { expose } from 'comlink';
import { createEngine } from './engine';
import { openIndexedDbStore } from './db';
import { followStock } from './live-stock';

const engine = createEngine({
  openStore: () => openIndexedDbStore(),
  fetch: (input, init) => fetch(input, init),
  now: () => Date.now(),
  newId: () => crypto.randomUUID(),
  followStock: (endpoint, campaign, onStock) =>
    followStock(endpoint, campaign, onStock, { fetch: (i, init) => fetch(i, init), EventSource: typeof EventSource === 'function' ? EventSource : undefined }),
  // Two tabs of the same shop: only one sends the outbox at a time.
  withLock: async (name, fn) => {
    if (!('locks' in navigator) || !navigator.locks) return fn();
    return navigator.locks.request(name, { ifAvailable: true }, async (lock) => (lock ? fn() : undefined));
  },
});

// Comlink's default endpoint is the worker global scope.
expose(engine);
