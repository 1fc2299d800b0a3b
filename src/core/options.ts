/** Options of `createReshelf`, validated with clear errors that say what was received. */
import { describe, isRecord } from './result';
import { isValidId } from './protocol';
import { ReshelfError } from './errors';

export type ReorderMode = 'dom' | 'css' | 'none';

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
}

const KNOWN = new Set(['campaign', 'endpoint', 'workerUrl', 'holdout', 'reorder', 'flushIntervalMs', 'halfLifeDays', 'debug', 'consent', 'respectGpc']);

const bad = (field: string, expected: string, got: unknown) =>
  new ReshelfError('INVALID_OPTIONS', `[Validation] ${field} must be ${expected}, received ${describe(got)}`);

export function resolveOptions(input: unknown): ResolvedOptions {
  if (!isRecord(input)) throw bad('options', 'an object', input);
  for (const key of Object.keys(input)) if (!KNOWN.has(key)) throw bad(`options.${key}`, `one of ${[...KNOWN].join(', ')} (unknown option)`, key);
  const { campaign, endpoint, workerUrl, holdout, reorder, flushIntervalMs, halfLifeDays, debug, consent, respectGpc } = input;
  if (!isValidId(campaign)) throw bad('options.campaign', 'an id of letters, digits and ._:- (≤ 64 chars)', campaign);
  if (endpoint !== undefined && (typeof endpoint !== 'string' || !/^(https?:\/\/[^\s]+|\/[^\s]*|)$/.test(endpoint)))
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
  };
}
