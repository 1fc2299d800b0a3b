/**
 * The model settings the worker runs with: the page's options (untrusted after postMessage)
 * checked by the same rules as in `createReshelf`, defaults filled in, URLs made absolute.
 */
import { resolveModelOptions, type ResolvedModelOptions } from '../../src/core/options';
import { fail, ok, type Result } from '../../src/core/result';
import type { ModelConfig } from './types';

/**
 * `base`: the worker's own URL. The options allow absolute URLs and absolute paths only, and the
 * worker is same-origin with the page, so a path resolves to the same URL it would on the page.
 * `undefined` in the result: the model is off (`load: 'never'`).
 */
export function parseModelConfig(raw: unknown, base: string): Result<ModelConfig | undefined> {
  let m: ResolvedModelOptions;
  try {
    m = resolveModelOptions(raw);
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  if (m.load === 'never') return ok(undefined);
  const abs = (u: string) => new URL(u.replace(/\/?$/, '/'), base).href;
  return ok({ baseUrl: abs(m.url), name: m.name, runtimeUrl: abs(m.runtimeUrl), load: m.load, timeoutMs: m.timeoutMs });
}
