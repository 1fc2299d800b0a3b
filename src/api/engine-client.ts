/**
 * Starts the engine worker and talks to it through Comlink. Any failure (CSP forbids workers,
 * the file 404s, init times out) resolves to `undefined`: the page keeps the merchant order.
 */
import { wrap, releaseProxy, type Remote } from 'comlink';
import { ReshelfError, type Reply } from '../core/errors';
import type { EngineApi, EngineConfig, EngineStatus } from '../../workers/api';

export interface EngineHandle {
  api: Remote<EngineApi>;
  status: EngineStatus;
  terminate(): void;
}

const INIT_TIMEOUT_MS = 8000;

interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL: (url: string) => string }): { createScriptURL(url: string): unknown };
}
let policy: { createScriptURL(url: string): unknown } | null | undefined;

/**
 * Under Trusted Types (`require-trusted-types-for 'script'`) a worker URL must be a
 * TrustedScriptURL. reshelf's policy, named `reshelf`, only ever passes same-origin URLs.
 */
function scriptUrl(url: string): string {
  if (policy === undefined) {
    policy = null;
    const tt = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
    try {
      policy = tt?.createPolicy('reshelf', {
        createScriptURL: (u) => {
          if (new URL(u, location.href).origin !== location.origin) throw new TypeError(`reshelf: the engine worker must be same-origin, got ${u}`);
          return u;
        },
      }) ?? null;
    } catch {
      // The page's CSP does not allow a `reshelf` policy: the Worker constructor decides.
    }
  }
  return (policy ? policy.createScriptURL(url) : url) as string;
}

export async function startEngine(url: string, config: EngineConfig, debug: boolean): Promise<EngineHandle | undefined> {
  let worker: Worker;
  try {
    worker = new Worker(scriptUrl(url), { type: 'module', name: 'reshelf-engine' });
  } catch (e) {
    if (debug) console.warn('[reshelf] engine worker could not start; keeping the merchant order.', e);
    return undefined;
  }
  const api = wrap<EngineApi>(worker);
  const terminate = () => {
    api[releaseProxy]();
    worker.terminate();
  };
  const failed = new Promise<undefined>((resolve) => {
    worker.addEventListener('error', () => resolve(undefined), { once: true });
    setTimeout(() => resolve(undefined), INIT_TIMEOUT_MS);
  });
  const reply = await Promise.race([api.init(config), failed]);
  if (!reply || !reply.ok) {
    if (debug) console.warn('[reshelf] engine failed to initialise; keeping the merchant order.', reply && !reply.ok ? reply.error : 'no answer');
    terminate();
    return undefined;
  }
  if (debug && reply.value.storageError) console.warn('[reshelf] IndexedDB unavailable, profile kept in memory only:', reply.value.storageError);
  return { api, status: reply.value, terminate };
}

export function unwrap<T>(reply: Reply<T>): T {
  if (reply.ok) return reply.value;
  throw ReshelfError.from(reply.error);
}
