/**
 * `createReshelf(options)`: the public instance. Thin glue between the page (widgets, events)
 * and the engine worker; every failure leaves the merchant's order in place.
 */
import { ENGINE_API_VERSION, type EngineConfig, type FlushReport, type IntentUpdate, type RankReply } from '../../workers/api';
import type { Classification } from '../core/text/heads';
import { ReshelfError } from '../core/errors';
import { parseEvent } from '../core/input';
import type { ConsentState } from '../core/consent';
import { resolveModelOptions, resolveOptions, type ReshelfOptions, type ResolvedOptions } from '../core/options';
import { merchantOrder } from '../core/rank';
import type { Arm, ItemId, RankResult, ScoredTile, ShopperEvent, Tile } from '../core/types';
import { listenForInteractions, reportViews, type Interaction } from '../dom/interactions';
import { ATTR } from '../dom/markup';
import { WidgetController } from '../dom/widget';
import { followTcf, initialConsent, withGpc } from './consent-source';
import type { EngineHandle } from './engine-client';
import * as engineLink from './engine-link';
import { clearCache, readCachedOrder, writeArm, writeCachedOrder } from './order-cache';
import { deleteStored, followModel } from './model';
import { afterParseIdle } from '../dom/idle';
import { reportNoWorker } from './worker-source';

export type EngineLink = typeof engineLink;

type Untimed<E> = E extends { t: number } ? Omit<E, 't'> & { t?: number } : never;
/** An event as callers pass it; `t` defaults to now. */
export type TrackEvent = Untimed<ShopperEvent>;

export interface ReshelfStatus {
  /** `false` when the engine is not running: no consent yet, or it could not start (merchant order). */
  engine: boolean;
  consent: ConsentState;
  arm: Arm | undefined;
  storage: 'indexeddb' | 'memory' | undefined;
}

export interface Reshelf {
  /** Resolves once the engine is up (or known to be unavailable). Never rejects. */
  readonly ready: Promise<ReshelfStatus>;
  /** Records an event on the device. Throws `INVALID_INPUT` for a malformed event. */
  track(event: TrackEvent): void;
  /** Ranks tiles without touching the DOM (for frameworks that render their own state). */
  rank(tiles: Tile[], options?: { widget?: string }): Promise<RankResult>;
  /** Manages a widget element: reorders its tiles and observes impressions. Returns a detach function. */
  attach(widget: HTMLElement): () => void;
  /** The reasons behind an item's place in the last ranking. */
  explain(itemId: ItemId): Promise<ScoredTile | null>;
  /** Hands queued events to the engine and sends pending aggregates now; resolves once both are done. */
  flush(): Promise<FlushReport | null>;
  /**
   * Labels text with the on-device model (category intent, sentiment), loading it if needed.
   * `null` when consent is not granted, the model is off, or it could not load: ranking never
   * depends on it. Progress: `reshelf:model` events on `window` (detail: the model's status).
   */
  classify(text: string): Promise<Classification | null>;
  /**
   * Changes consent. `granted` starts the engine (resolves once it is up); `denied` stops it and
   * deletes what reshelf stored; `pending` stops it and keeps stored data untouched.
   */
  setConsent(state: ConsentState): Promise<ReshelfStatus>;
  /** Deletes everything reshelf stored on this device and stops this instance. */
  forget(): Promise<void>;
  /** Stops observing and terminates the worker; the page stays as it is. */
  destroy(): void;
}

const TRACK_BATCH_MS = 50;

/**
 * The engine is not needed for the first paint (the cached order is applied without it), so the
 * worker starts once the document is parsed and the main thread is idle, off the page's own load.
 */
function pageSettled(): Promise<void> {
  return new Promise((resolve) => afterParseIdle(resolve, 300));
}

export function defaultWorkerUrl(): string {
  return new URL('./reshelf-worker.js', import.meta.url).href;
}

export function createReshelf(options: ReshelfOptions): Reshelf {
  // Bad model options throw here, like every other option (the script tag never sets them).
  resolveModelOptions((options as Partial<ReshelfOptions> | null)?.model);
  return createInstance(options, { watchingSinceParse: false, defaultWorker: defaultWorkerUrl(), link: () => Promise.resolve(engineLink), onEngine: followModel });
}

/** How an instance is embedded: the script tag and the ESM entry differ here only. */
export interface InstanceSetup {
  /** The script-tag loader runs before the body is parsed (see WidgetHost). */
  watchingSinceParse: boolean;
  /** Worker URL when the options name none (the ESM entry's from `import.meta.url`, the tag's next to the tag). */
  defaultWorker: string;
  /** The worker glue (engine-link.ts): bundled in the ESM entry, imported on demand by the script tag. */
  link: () => Promise<EngineLink>;
  /**
   * Extra page glue once the worker is up: the ESM entry passes `followModel` (model status
   * events, idle-time load). The script tag leaves it out to stay small; its worker still loads
   * the model on the first search text.
   */
  onEngine?: ((api: EngineHandle['api']) => void) | undefined;
}

export function createInstance(options: ReshelfOptions, setup: InstanceSetup): Reshelf {
  const { watchingSinceParse, onEngine } = setup;
  const o: ResolvedOptions = resolveOptions(options);
  const endpoint = new URL(o.endpoint || '/', location.href).href.replace(/\/+$/, '');
  const log = (...args: unknown[]) => { if (o.debug) console.info('[reshelf]', ...args); };
  let engine: EngineHandle | undefined;
  let dead = false;
  const widgets = new Map<HTMLElement, WidgetController>();
  let queue: ShopperEvent[] = [];
  let queueTimer: ReturnType<typeof setTimeout> | undefined;

  let consent: ConsentState = initialConsent(o);
  const granted = () => consent === 'granted';
  let starting: Promise<ReshelfStatus> | undefined;
  const status = (): ReshelfStatus => ({ engine: !!engine, consent, arm: engine?.status.arm, storage: engine?.status.storage });

  /** Set by forget(): nothing is written to the page's storage from then on. */
  let forgetting = false;
  const mayStore = () => granted() && !forgetting;
  /** New orders from the engine into the page's mirror, for the next visit's first paint. */
  const cacheOrders = (orders: Record<string, readonly ItemId[]>) => {
    if (mayStore()) for (const [widget, order] of Object.entries(orders)) writeCachedOrder(o.campaign, widget, order);
  };

  /** Starts the engine once per grant of consent; never rejects. */
  function start(): Promise<ReshelfStatus> {
    const workerUrl = o.workerUrl ?? setup.defaultWorker;
    const config: EngineConfig = { apiVersion: ENGINE_API_VERSION, campaign: o.campaign, endpoint, holdout: o.holdout, halfLifeDays: o.halfLifeDays, debug: o.debug, model: o.model, privacy: o.privacy };
    starting ??= pageSettled()
      .then(setup.link)
      .then(async (link) => ({ link, handle: await link.connect(workerUrl, config, o.debug) }))
      // The glue did not load (blocked, missing) or the start threw: as if the worker had not started.
      .catch(() => ({ link: undefined, handle: undefined }))
      .then(({ link, handle }) => {
        if (!handle && !dead) reportNoWorker(workerUrl);
        // Consent may have been withdrawn while the worker started.
        if (dead || !granted()) handle?.terminate();
        else engine = handle;
        if (engine && mayStore()) writeArm(o.campaign, engine.status.arm);
        log('engine', engine ? engine.status : 'not running', 'consent', consent);
        if (engine && link) {
          void engine.api.onStock(link.proxy((stock: Record<ItemId, number>) => { for (const w of widgets.values()) w.applyStock(stock); }));
          // The shopper's own text changed the intent: arrange every widget anew, as a search would.
          void engine.api.onIntent(link.proxy((u: IntentUpdate) => {
            cacheOrders(u.orders);
            for (const w of widgets.values()) w.reorderOnRequest();
          }));
          onEngine?.(engine.api);
          sendQueue();
          void flush();
          for (const w of widgets.values()) void w.refresh();
        }
        return status();
      });
    return starting;
  }

  function stop(): void {
    engine?.terminate();
    engine = undefined;
    starting = undefined;
  }

  async function setConsent(next: ConsentState): Promise<ReshelfStatus> {
    if (next !== 'granted' && next !== 'denied' && next !== 'pending') throw new ReshelfError('INVALID_INPUT', `consent must be "granted", "denied" or "pending", received ${JSON.stringify(next)}`);
    const state = withGpc(next, o);
    if (state === consent) return starting && granted() ? start() : status();
    consent = state;
    log('consent', state);
    if (state === 'granted') return start();
    stop();
    if (state === 'denied') {
      queue = [];
      clearCache();
      await deleteStored();
    }
    return status();
  }

  const ready: Promise<ReshelfStatus> = granted() ? start() : Promise.resolve(status());
  const stopTcf = followTcf(o, (state) => void setConsent(state).catch(() => undefined));

  function enqueue(event: ShopperEvent) {
    // Denied: nothing is kept. Pending: events wait in memory only, for a grant on this page.
    if (dead || consent === 'denied') return;
    if (queue.length >= 500) queue.shift();
    queue.push(event);
    if (engine && queueTimer === undefined) queueTimer = setTimeout(sendQueue, TRACK_BATCH_MS);
  }

  /** Track calls whose replies have not been handled yet: flush() waits for them. */
  const tracking = new Set<Promise<void>>();

  function sendQueue() {
    queueTimer = undefined;
    if (!engine || queue.length === 0) return;
    const events = queue;
    queue = [];
    const handled = engine.api.track(events).then((reply) => {
      if (!reply.ok) return log('track failed', reply.error);
      cacheOrders(reply.value.orders);
      if (Object.keys(reply.value.orders).length) for (const w of widgets.values()) w.scheduleRefresh();
    }, (e: unknown) => log('track failed', e));
    tracking.add(handled);
    void handled.finally(() => tracking.delete(handled));
  }

  const host = {
    mode: o.reorder,
    watchingSinceParse,
    debug: o.debug,
    cachedOrder: (widget: string) => (granted() ? readCachedOrder(o.campaign, widget) : undefined),
    saveNext: (widget: string, next: ItemId[]) => { if (mayStore()) writeCachedOrder(o.campaign, widget, next); },
    impression: (tile: Tile, position: number) => enqueue({ type: 'impression', itemId: tile.id, position, category: tile.category, t: Date.now() }),
    rank: async (widget: string, tiles: Tile[], locked: ItemId[]): Promise<RankReply | undefined> => {
      if (!engine) return undefined;
      const reply = await engine.api.rank(widget, tiles, locked).catch(() => undefined);
      if (!reply?.ok) {
        log('rank failed; merchant order kept', reply?.error);
        return undefined;
      }
      log(`ranked "${widget}" in ${reply.value.tookMs.toFixed(2)} ms`);
      return reply.value;
    },
  };

  function onInteraction(i: Interaction) {
    const t = Date.now();
    if (i.type === 'search') return enqueue({ type: 'search', text: i.text, t });
    if (i.type === 'view') return enqueue({ type: 'view', itemId: i.itemId, category: i.category, t });
    const widgetEl = i.element.closest<HTMLElement>(`[${ATTR.widget}]`);
    const controller = widgetEl ? widgets.get(widgetEl) : undefined;
    const position = controller ? controller.positionOf(i.element) : -1;
    if (i.type === 'click') enqueue({ type: 'click', itemId: i.itemId, category: i.category, position, t });
    else enqueue({ type: 'cart', itemId: i.itemId, category: i.category, price: i.price, position, t });
    // Clicks often navigate away: hand the events over now rather than after the batch delay.
    sendQueue();
  }
  const stopListening = listenForInteractions(document, onInteraction);
  const viewed = new WeakSet<Element>();
  const scanViews = () => reportViews(document, viewed, onInteraction);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scanViews, { once: true });
  else scanViews();

  async function flush(keepalive = false): Promise<FlushReport | null> {
    if (!engine) return null;
    sendQueue();
    const reply = await engine.api.flush(keepalive).catch(() => undefined);
    if (reply && !reply.ok) log('flush failed', reply.error);
    // Events handed over before this call are also in the profile and in the order cached for
    // the next visit once flush() resolves (a page that navigates right after relies on it).
    await Promise.all(tracking);
    return reply?.ok ? reply.value : null;
  }
  const flushTimer = setInterval(() => void flush(), o.flushIntervalMs);
  const onHide = () => { if (document.visibilityState === 'hidden') void flush(true); };
  const onPageHide = () => void flush(true);
  document.addEventListener('visibilitychange', onHide);
  window.addEventListener('pagehide', onPageHide);

  function destroy() {
    if (dead) return;
    dead = true;
    clearInterval(flushTimer);
    clearTimeout(queueTimer);
    document.removeEventListener('visibilitychange', onHide);
    window.removeEventListener('pagehide', onPageHide);
    stopListening();
    stopTcf();
    for (const w of widgets.values()) w.destroy();
    widgets.clear();
    engine?.terminate();
    engine = undefined;
  }

  return {
    ready,
    setConsent,
    track(event) {
      const parsed = parseEvent({ ...event, t: event.t ?? Date.now() });
      if (!parsed.ok) throw new ReshelfError('INVALID_INPUT', parsed.error);
      enqueue(parsed.value);
      if (parsed.value.type === 'purchase' || parsed.value.type === 'cart') sendQueue();
    },
    async rank(tiles, opts) {
      if (!Array.isArray(tiles) || !tiles.every((t) => typeof t?.id === 'string')) throw new ReshelfError('INVALID_INPUT', 'rank() takes an array of tiles, each with a string id');
      await ready;
      // The worker validates every tile (one place for the rules); its INVALID_INPUT is rethrown here.
      const reply = engine ? await engine.api.rank(opts?.widget ?? 'default', tiles, []).catch(() => undefined) : undefined;
      if (reply && !reply.ok && reply.error.code === 'INVALID_INPUT') throw ReshelfError.from(reply.error);
      return reply?.ok ? reply.value.now : merchantOrder(tiles, { kind: 'merchant-order', position: 0, score: 0 });
    },
    attach(el) {
      if (dead) throw new ReshelfError('DESTROYED', 'this reshelf instance was destroyed');
      if (!(el instanceof HTMLElement)) throw new ReshelfError('INVALID_INPUT', 'attach() takes an HTMLElement');
      let controller = widgets.get(el);
      if (!controller) {
        controller = new WidgetController(el, widgets.size, host);
        widgets.set(el, controller);
        if (engine) void controller.refresh();
      }
      return () => {
        widgets.get(el)?.destroy();
        widgets.delete(el);
      };
    },
    async explain(itemId) {
      await ready;
      if (!engine) return null;
      const reply = await engine.api.explain(itemId);
      if (reply.ok) return reply.value;
      throw ReshelfError.from(reply.error);
    },
    flush: () => flush(false),
    async classify(text) {
      if (typeof text !== 'string') throw new ReshelfError('INVALID_INPUT', 'classify() takes a string');
      await ready;
      const reply = engine && granted() ? await engine.api.classify(text).catch(() => undefined) : undefined;
      return reply?.ok ? reply.value : null;
    },
    async forget() {
      // Replies already on their way (a track, an intent update) must not write the cache back.
      forgetting = true;
      clearCache();
      await ready;
      const current = engine;
      if (current) await current.api.forget().catch(() => undefined);
      destroy();
      await deleteStored();
    },
    destroy,
  };
}
