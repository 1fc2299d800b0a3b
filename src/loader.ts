/**
 * The script-tag entry (IIFE, `dist/reshelf.js`). Reads its configuration from the tag's
 * `data-*` attributes, replays calls queued on the `window.reshelf` stub, then manages every
 * `data-reshelf-widget` on the page, including ones rendered later.
 */
import { createInstance, type EngineLink, type Reshelf, type TrackEvent } from './api/create';
import { ReshelfError } from './core/errors';
import type { ReshelfOptions } from './core/options';
import { discoverWidgets } from './dom/discover';
import { framePainting } from './dom/widget';

/** Replaced at build time by a hash of dist/reshelf-link.js (rollup.config.mjs, linkVersion). */
const LINK_VERSION = '__RESHELF_LINK_VERSION__';

type Command = (name: string, ...args: unknown[]) => unknown;
interface Stub { (...args: unknown[]): void; q?: ArrayLike<unknown>[]; instance?: Reshelf }

declare global {
  interface Window { reshelf?: Stub }
}

function optionsFrom(script: HTMLScriptElement | null): ReshelfOptions {
  const d = script?.dataset ?? {};
  const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
  const opts: ReshelfOptions = {
    campaign: d.campaign ?? '',
    endpoint: d.endpoint,
    workerUrl: d.worker,
    holdout: num(d.holdout),
    reorder: d.reorder as ReshelfOptions['reorder'],
    flushIntervalMs: num(d.flushInterval),
    halfLifeDays: num(d.halfLifeDays),
    debug: d.debug !== undefined && d.debug !== 'false',
    consent: d.consent as ReshelfOptions['consent'],
    respectGpc: d.respectGpc === undefined ? undefined : d.respectGpc !== 'false',
    privacy: d.epsilon ? { epsilon: num(d.epsilon)!, ...(d.maxPrice ? { maxPrice: num(d.maxPrice) } : {}) } : undefined,
  };
  // Unset attributes must not count as given (exact optional options).
  for (const k of Object.keys(opts) as Array<keyof ReshelfOptions>) if (opts[k] === undefined) delete opts[k];
  return opts;
}

function commands(r: Reshelf): Command {
  const asEvent = (type: string, payload: unknown) => ({ ...(payload as object), type }) as TrackEvent;
  const callback = (cb: unknown, value: Promise<unknown>) => {
    if (typeof cb === 'function') value.then((v) => (cb as (v: unknown) => void)(v), (e: unknown) => console.error(e));
    return value;
  };
  return (name, ...args) => {
    switch (name) {
      case 'track': return r.track(args[0] as TrackEvent);
      case 'purchase': case 'cart': case 'click': case 'view': case 'search': return r.track(asEvent(name, args[0]));
      case 'rank': return callback(args[1], r.rank(args[0] as Parameters<Reshelf['rank']>[0]));
      case 'explain': return callback(args[1], r.explain(String(args[0])));
      case 'ready': return callback(args[0], r.ready);
      case 'flush': return callback(args[0], r.flush());
      case 'forget': return callback(args[0], r.forget());
      case 'consent': return callback(args[1], r.setConsent(args[0] as Parameters<Reshelf['setConsent']>[0]));
      case 'destroy': return r.destroy();
      default: throw new ReshelfError('INVALID_INPUT', `unknown command ${JSON.stringify(name)}; use track, purchase, cart, click, view, search, rank, explain, ready, flush, consent, forget or destroy`);
    }
  };
}

function boot(): void {
  const script = document.currentScript as HTMLScriptElement | null;
  const stub = window.reshelf;
  const queued = Array.from(stub?.q ?? []);
  let instance: Reshelf;
  try {
    // A parser-blocking tag in <head> sees every tile before it can be painted.
    const sinceParse = !!script && !script.async && !script.defer && document.readyState === 'loading' && !document.body;
    // The worker and the worker glue sit next to this script (its own origin, or a CDN's).
    const near = (file: string) => new URL(file, script?.src || location.href).href;
    instance = createInstance(optionsFrom(script), {
      watchingSinceParse: sinceParse,
      defaultWorker: near('reshelf-worker.js'),
      link: () => import(near(`reshelf-link.js?v=${LINK_VERSION}`)) as Promise<EngineLink>,
    });
  } catch (e) {
    // Misconfigured tag: say why once, and leave the page exactly as the merchant made it.
    console.error(e);
    window.reshelf = Object.assign(() => undefined, { q: [] });
    return;
  }
  const run = commands(instance);
  const safe = (args: ArrayLike<unknown>) => {
    try {
      return run(String(args[0]), ...Array.from(args).slice(1));
    } catch (e) {
      console.error(e);
      return undefined;
    }
  };
  window.reshelf = Object.assign((...args: unknown[]) => safe(args), { instance });
  for (const args of queued) safe(args);

  const detach = new Map<HTMLElement, () => void>();
  discoverWidgets(document, () => detach.keys(), {
    found: (w) => { if (!detach.has(w)) detach.set(w, instance.attach(w)); },
    lost: (w) => { detach.get(w)?.(); detach.delete(w); },
    frame: framePainting,
  });
}

boot();
