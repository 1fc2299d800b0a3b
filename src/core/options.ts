/** Options of `createReshelf`, validated with clear errors that say what was received. */
import { describe, isRecord } from './result';
import { isValidId, LIMITS } from './protocol';
import type { LocalPrivacy } from './ldp';
import { ReshelfError } from './errors';

export type ReorderMode = 'dom' | 'css' | 'none';

/** The on-device text model (search/chat intent). It never blocks ranking; any failure only turns it off. */
export interface ModelOptions {
  /** Base URL of the model folders (same origin, or CORS-enabled). @defaultValue '/models/' */
  url?: string | undefined;
  /** Folder of the model under `url` (transformers.js layout). @defaultValue 'reshelf-intent' */
  name?: string | undefined;
  /** URL of the folder holding onnxruntime-web's `.mjs`/`.wasm` files (the build's `dist/ort/`). @defaultValue '/ort/' */
  runtimeUrl?: string | undefined;
  /**
   * `idle`: load in idle time after the page loaded, unless the shopper asks to save data (then
   * on first text); `on-text`: on the first search or chat text, or `classify()`; `never`: no model.
   * @defaultValue 'idle'
   */
  load?: 'idle' | 'on-text' | 'never' | undefined;
  /** A load taking longer is abandoned (ranking goes on without intent). @defaultValue 20000 */
  timeoutMs?: number | undefined;
}

export type ResolvedModelOptions = Required<{ [K in keyof ModelOptions]: Exclude<ModelOptions[K], undefined> }>;

export interface ReshelfOptions {
  /** Campaign id the widgets on this page belong to. Required. */
  campaign: string;
  /**
   * Base URL of the reshelf backend (`/v1/...` is appended).
   * @defaultValue the page's own origin
   */
  endpoint?: string | undefined;
  /**
   * URL of the engine worker script; must be same-origin (module worker).
   * @defaultValue `reshelf-worker.js` next to the SDK script
   */
  workerUrl?: string | undefined;
  /**
   * Share of shoppers kept in the control arm (merchant order, no reordering) to measure lift.
   * @defaultValue 0.1
   */
  holdout?: number | undefined;
  /**
   * How tiles are reordered: `dom` moves the tile nodes (keyboard order follows), `css` sets
   * CSS `order` (for containers a framework owns), `none` ranks without touching the page.
   * @defaultValue 'dom'
   */
  reorder?: ReorderMode | undefined;
  /** Milliseconds between background flushes of aggregate signals. @defaultValue 15000 */
  flushIntervalMs?: number | undefined;
  /** Half-life of interest in a category, in days. @defaultValue 7 */
  halfLifeDays?: number | undefined;
  /**
   * Consent to store and personalise: nothing is written or sent unless it is `granted`.
   * `'tcf'` follows the IAB TCF v2 CMP on the page (`__tcfapi`; purposes 1, 5, 6) and stays
   * pending until it answers. Change it later with `setConsent()`.
   * @defaultValue 'granted'
   */
  consent?: 'granted' | 'denied' | 'pending' | 'tcf' | undefined;
  /** Treat a browser's Global Privacy Control signal as a denial. @defaultValue false */
  respectGpc?: boolean | undefined;
  /** Logs decisions to the console and marks tiles with their rank reasons. @defaultValue false */
  debug?: boolean | undefined;
  /** The on-device text model; see {@link ModelOptions}. */
  model?: ModelOptions | undefined;
  /**
   * Local differential privacy (core/ldp.ts): Laplace noise on every count this device sends,
   * ε per shopper action (smaller: more private, noisier reports); `maxPrice` bounds the revenue
   * one bought unit can add (default: the highest displayed price). Absent: counts are exact.
   */
  privacy?: LocalPrivacy | undefined;
}

export interface ResolvedOptions {
  campaign: string;
  endpoint: string;
  workerUrl: string | undefined;
  holdout: number;
  reorder: ReorderMode;
  flushIntervalMs: number;
  halfLifeDays: number;
  debug: boolean;
  consent: 'granted' | 'denied' | 'pending' | 'tcf';
  respectGpc: boolean;
  /** As given: checked by `resolveModelOptions` in the ESM entry and again in the worker (see there). */
  model: ModelOptions | undefined;
  privacy?: LocalPrivacy | undefined;
}

const KNOWN = new Set(['campaign', 'endpoint', 'workerUrl', 'holdout', 'reorder', 'flushIntervalMs', 'halfLifeDays', 'debug', 'consent', 'respectGpc', 'model', 'privacy']);
const MODEL_KEYS = ['url', 'name', 'runtimeUrl', 'load', 'timeoutMs'];
const URL_OR_PATH = /^(https?:\/\/[^\s]+|\/[^\s]*|)$/;

const bad = (field: string, expected: string, got: unknown) =>
  new ReshelfError('INVALID_OPTIONS', `[Validation] ${field} must be ${expected}, received ${describe(got)}`);

export function resolveOptions(input: unknown): ResolvedOptions {
  if (!isRecord(input)) throw bad('options', 'an object', input);
  for (const key of Object.keys(input)) if (!KNOWN.has(key)) throw bad(`options.${key}`, `one of ${[...KNOWN].join(', ')} (unknown option)`, key);
  const { campaign, endpoint, workerUrl, holdout, reorder, flushIntervalMs, halfLifeDays, debug, consent, respectGpc, model } = input;
  if (!isValidId(campaign)) throw bad('options.campaign', 'an id of letters, digits and ._:- (≤ 64 chars)', campaign);
  if (endpoint !== undefined && (typeof endpoint !== 'string' || !URL_OR_PATH.test(endpoint)))
    throw bad('options.endpoint', 'an http(s) URL or a path', endpoint);
  if (workerUrl !== undefined && typeof workerUrl !== 'string') throw bad('options.workerUrl', 'a URL string', workerUrl);
  if (holdout !== undefined && (typeof holdout !== 'number' || !(holdout >= 0 && holdout <= 1))) throw bad('options.holdout', 'a number between 0 and 1', holdout);
  if (reorder !== undefined && reorder !== 'dom' && reorder !== 'css' && reorder !== 'none') throw bad('options.reorder', '"dom", "css" or "none"', reorder);
  if (flushIntervalMs !== undefined && (typeof flushIntervalMs !== 'number' || !(flushIntervalMs >= 1000 && flushIntervalMs <= 3_600_000)))
    throw bad('options.flushIntervalMs', 'a number of milliseconds between 1000 and 3600000', flushIntervalMs);
  if (halfLifeDays !== undefined && (typeof halfLifeDays !== 'number' || !(halfLifeDays > 0 && halfLifeDays <= 365)))
    throw bad('options.halfLifeDays', 'a number of days in (0, 365]', halfLifeDays);
  if (debug !== undefined && typeof debug !== 'boolean') throw bad('options.debug', 'a boolean', debug);
  if (consent !== undefined && !['granted', 'denied', 'pending', 'tcf'].includes(consent as string))
    throw bad('options.consent', '"granted", "denied", "pending" or "tcf"', consent);
  if (respectGpc !== undefined && typeof respectGpc !== 'boolean') throw bad('options.respectGpc', 'a boolean', respectGpc);
  return {
    campaign,
    endpoint: ((endpoint as string | undefined) ?? '').replace(/\/+$/, ''),
    workerUrl: workerUrl as string | undefined,
    holdout: (holdout as number | undefined) ?? 0.1,
    reorder: (reorder as ReorderMode | undefined) ?? 'dom',
    flushIntervalMs: (flushIntervalMs as number | undefined) ?? 15_000,
    halfLifeDays: (halfLifeDays as number | undefined) ?? 7,
    debug: (debug as boolean | undefined) ?? false,
    consent: (consent as ResolvedOptions['consent'] | undefined) ?? 'granted',
    respectGpc: (respectGpc as boolean | undefined) ?? false,
    ...(input.privacy === undefined ? {} : { privacy: resolvePrivacy(input.privacy) }),
    model: model as ModelOptions | undefined,
  };
}

/**
 * Checks the model options and fills in their defaults. Not part of `resolveOptions`: the script
 * tag never sets them, and the checks would only add to its bundle; `createReshelf` calls this
 * for early errors and the worker calls it again on what it receives.
 */
export function resolveModelOptions(model: unknown): ResolvedModelOptions {
  if (model !== undefined && !isRecord(model)) throw bad('options.model', 'an object', model);
  const m = model ?? {};
  for (const key of Object.keys(m)) if (!MODEL_KEYS.includes(key)) throw bad(`options.model.${key}`, `one of ${MODEL_KEYS.join(', ')} (unknown option)`, key);
  const { url, name, runtimeUrl, load, timeoutMs } = m;
  for (const [field, v] of [['url', url], ['runtimeUrl', runtimeUrl]] as const)
    if (v !== undefined && (typeof v !== 'string' || v === '' || !URL_OR_PATH.test(v))) throw bad(`options.model.${field}`, 'an http(s) URL or a path', v);
  if (name !== undefined && (typeof name !== 'string' || !/^[A-Za-z0-9][\w.-]{0,99}$/.test(name))) throw bad('options.model.name', 'a folder name (letters, digits, ._-)', name);
  if (load !== undefined && load !== 'idle' && load !== 'on-text' && load !== 'never') throw bad('options.model.load', '"idle", "on-text" or "never"', load);
  if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !(timeoutMs >= 1000 && timeoutMs <= 300_000)))
    throw bad('options.model.timeoutMs', 'a number of milliseconds between 1000 and 300000', timeoutMs);
  return {
    url: (url as string | undefined) ?? '/models/',
    name: (name as string | undefined) ?? 'reshelf-intent',
    runtimeUrl: (runtimeUrl as string | undefined) ?? '/ort/',
    load: (load as ResolvedModelOptions['load'] | undefined) ?? 'idle',
    timeoutMs: (timeoutMs as number | undefined) ?? 20_000,
  };
}

/** `privacy: { epsilon, maxPrice? }`, within the range a noised batch may declare. */
export function resolvePrivacy(v: unknown): LocalPrivacy {
  if (!isRecord(v)) throw bad('options.privacy', 'an object { epsilon, maxPrice? }', v);
  for (const key of Object.keys(v)) if (key !== 'epsilon' && key !== 'maxPrice') throw bad(`options.privacy.${key}`, 'one of epsilon, maxPrice (unknown option)', key);
  const { epsilon, maxPrice } = v;
  if (typeof epsilon !== 'number' || !(epsilon >= LIMITS.minEpsilon && epsilon <= LIMITS.maxEpsilon))
    throw bad('options.privacy.epsilon', `a number between ${LIMITS.minEpsilon} and ${LIMITS.maxEpsilon}`, epsilon);
  if (maxPrice !== undefined && (typeof maxPrice !== 'number' || !(maxPrice > 0 && maxPrice <= LIMITS.maxPrivatePrice)))
    throw bad('options.privacy.maxPrice', `a price in (0, ${LIMITS.maxPrivatePrice}]`, maxPrice);
  return maxPrice === undefined ? { epsilon } : { epsilon, maxPrice };
}
