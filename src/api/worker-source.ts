/**
 * Where the engine worker starts from. Browsers start workers from the page's own origin only,
 * so a worker URL on another origin (the SDK served by a CDN) is started through a same-origin
 * `blob:` module that imports it: the worker's own imports (the ML chunk) still resolve against
 * the CDN URL. A `blob:` URL is no base for paths, so the worker gets absolute model URLs: the
 * model folder on the page's origin as usual, the runtime files from `ort/` next to the worker.
 */
import { ReshelfError } from '../core/errors';
import type { ModelOptions } from '../core/options';

export interface WorkerSource {
  url: string;
  model: ModelOptions | undefined;
  /** The cross-origin worker URL the `blob:` module imports (then `url` is that module). */
  via?: string;
}

export function workerSource(workerUrl: string, model: ModelOptions | undefined): WorkerSource {
  const url = new URL(workerUrl, location.href);
  if (url.origin === location.origin) return { url: url.href, model };
  const abs = (u: string | undefined, fallback: string) => new URL(u ?? fallback, location.href).href;
  return {
    url: URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};`], { type: 'text/javascript' })),
    via: url.href,
    model: { ...model, url: abs(model?.url, '/models/'), runtimeUrl: abs(model?.runtimeUrl, new URL('ort/', url).href) },
  };
}

/**
 * The engine did not start (worker refused by the CSP, file missing, no CORS on another origin):
 * said on the console and as a `reshelf:error` event on `window`, with what to configure.
 */
export function reportNoWorker(workerUrl: string): void {
  const error = new ReshelfError(
    'WORKER_UNAVAILABLE',
    `the engine worker ${workerUrl} did not start; the page keeps its own order. Serve reshelf-worker.js from this origin (data-worker, workerUrl), allowed by the CSP's worker-src; or, for a worker on another origin, allow blob: and that origin in worker-src and serve its files with CORS.`,
  );
  console.warn(error.message);
  dispatchEvent(new CustomEvent('reshelf:error', { detail: error }));
}
