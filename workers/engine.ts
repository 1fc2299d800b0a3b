/**
 * The engine: owns the shopper's profile, the similarity slice, the aggregate accumulator and
 * the outbox. All state changes run one at a time through a promise chain, so two calls from
 * the page can never interleave a read-modify-write.
 */
import { accumulate, emptyAccumulator, isEmpty, seal, type Accumulator } from '../src/core/aggregate';
import { assignArm } from '../src/core/arm';
import type { ErrorInfo, Reply } from '../src/core/errors';
import { admit, emptyGate } from '../src/core/event-gate';
import { parseEvent, parseStoredProfile, parseTiles } from '../src/core/input';
import { isValidId } from '../src/core/protocol';
import { applyEvent, emptyProfile, EVENT_WEIGHT, recentWeights, type ProfileSettings, DEFAULT_PROFILE_SETTINGS } from '../src/core/profile';
import { merchantOrder, placeTiles, scoreTiles } from '../src/core/rank';
import { applyIntent, currentIntent, topLabels, DEFAULT_INTENT_SETTINGS } from '../src/core/intent';
import { applyLocalPrivacy, type DisplayedTile } from '../src/core/ldp';
import { resolvePrivacy } from '../src/core/options';
import type { ObjectiveSignals, SignalBatch } from '../src/core/protocol';
import { fetchObjective, objectiveExplore, objectiveScoring, OBJECTIVE_TTL_MS } from './objective';
import type { Arm, ItemId, Profile, ScoredTile, Tile } from '../src/core/types';
import { ENGINE_API_VERSION, type IntentUpdate, type EngineApi, type EngineConfig, type EngineStatus, type FlushReport, type RankReply, type TrackResult } from './api';
import { memoryStore, type EngineStore, type StoredSlice, type WidgetMemo } from './db';
import { droppedTotal, enqueue, flushOutbox } from './outbox';
import { dropUnits, syncUnits } from './unit-outbox';
import { storedAccumulator, storedSlice } from './stored';
import { fetchSlice, sliceCovers } from './slices';
import { parseModelConfig } from './intent/config';
import { latestWins } from './intent/latest-wins';
import type { IntentService } from './intent/service';
import { modelMethods } from './intent/engine-methods';
import type { Classification, ModelConfig } from './intent/types';

const HISTORY_FOR_SLICE = 10;

export interface EngineDeps {
  openStore: () => Promise<EngineStore>;
  fetch: typeof fetch;
  now: () => number;
  newId: () => string;
  withLock: <T>(name: string, fn: () => Promise<T>) => Promise<T | undefined>;
  /** Follows live stock for a campaign; returns a stop function. Absent: no live stock. */
  followStock?: ((endpoint: string, campaign: string, onStock: (stock: Record<ItemId, number>) => void) => () => void) | undefined;
  /** Creates the text-model service (workers/intent). Absent: no model, `classify` answers null. */
  intent?: ((config: ModelConfig, debug: boolean) => IntentService) | undefined;
  /** The worker's own URL: relative model URLs resolve against it. */
  baseUrl?: string | undefined;
  /** Deletes the model files the runtime cached (Cache Storage), for `forget()`. */
  clearModelCache?: (() => Promise<unknown>) | undefined;
}

interface State {
  config: EngineConfig;
  store: EngineStore;
  arm: Arm;
  settings: ProfileSettings;
  profile: Profile;
  acc: Accumulator;
  slice: StoredSlice | undefined;
  widgets: Map<string, WidgetMemo>;
  explained: Map<ItemId, ScoredTile>;
  gate: ReturnType<typeof emptyGate>;
  /** Live units per item, newer than the page's markup. */
  stock: Map<ItemId, number>;
  /** The model's reading of the shopper's newest search text (see onSearchIntent). */
  searchIntent: { classification: Classification; t: number } | undefined;
  /** The merchant's objective (clearance, exploration) and when it was fetched. */
  objective: ObjectiveSignals | undefined;
  objectiveAt: number;
  /** Tiles the page displayed in this campaign (public markup): the key frame of private batches. */
  displayed: Map<ItemId, DisplayedTile>;
  /** False until this page's first flush: a new page means the previous one was hidden. */
  flushed: boolean;
}

/** Noise for local privacy needs unpredictable randomness, not a seeded generator. */
const cryptoRng = (): number => crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;

const failure = (code: ErrorInfo['code'], message: string): Reply<never> => ({ ok: false, error: { code, message } });

export function createEngine(deps: EngineDeps): EngineApi {
  let state: State | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  let forgotten = false;
  let stopStock: (() => void) | undefined;
  const stockListeners = new Set<(stock: Record<ItemId, number>) => void>();
  const intentListeners = new Set<(update: IntentUpdate) => void>();
  let intent: IntentService | undefined;

  /** Runs `fn` after every earlier call; converts throws into a coded error reply. */
  function serial<T>(fn: () => Promise<Reply<T>>): Promise<Reply<T>> {
    const run = chain.then(fn, fn).catch((e: unknown): Reply<T> => failure('INTERNAL', e instanceof Error ? e.message : String(e)));
    chain = run;
    return run;
  }

  const ready = (): State => {
    if (forgotten) throw new Error('this engine was told to forget the shopper; create a new one');
    if (!state) throw new Error('engine.init() has not completed');
    return state;
  };

  async function refreshSlice(s: State): Promise<void> {
    // The same items, in the same recency order, that the ranking core mixes (score.ts).
    const history = recentWeights(s.profile, deps.now(), s.settings.halfLifeMs).slice(0, HISTORY_FOR_SLICE).map(([id]) => id);
    if (history.length === 0 || sliceCovers(s.slice, history, deps.now())) return;
    try {
      const slice = await fetchSlice(s.config.endpoint, s.config.campaign, history, deps.fetch);
      s.slice = { slice, items: history, fetchedAt: deps.now() };
      await s.store.put('slices', s.config.campaign, s.slice);
    } catch (e) {
      // Backend down or slow: rank from the profile and the old slice.
      if (s.config.debug) console.warn('[reshelf] slice refresh failed:', e);
    }
  }

  /** Scores once; callers place the result as often as they need (now, next visit). */
  function score(s: State, input: Tile[]) {
    const tiles = s.stock.size ? input.map((t) => (s.stock.has(t.id) ? { ...t, stock: s.stock.get(t.id) } : t)) : input;
    return scoreTiles({ tiles, profile: s.profile, neighbors: s.slice?.slice.neighbors ?? {}, now: deps.now(), halfLifeMs: s.settings.halfLifeMs, ...objectiveScoring(s.objective) });
  }

  /**
   * Tile labels in the model's taxonomy, only while the shopper has a current text intent and
   * the model is loaded (titles never start a load; labels are cached by item id).
   */
  async function withLabels(s: State, tiles: Tile[]): Promise<Tile[]> {
    if (!intent || intent.status().phase !== 'ready' || currentIntent(s.profile, deps.now()).size === 0) return tiles;
    const need = tiles.filter((t) => !t.labels && t.title).map((t) => ({ id: t.id, title: t.title! }));
    if (need.length === 0) return tiles;
    const labels = await intent.classifyTitles(need).catch(() => null);
    if (!labels) return tiles;
    return tiles.map((t) => {
      const probs = labels[t.id]?.category?.probs;
      return probs && !t.labels ? { ...t, labels: topLabels(probs, DEFAULT_INTENT_SETTINGS.maxLabels) } : t;
    });
  }

  /** The merchant's objective, refetched when stale; outside the queue, failures leave it as it was. */
  async function refreshObjective(s: State): Promise<void> {
    if (deps.now() - s.objectiveAt < OBJECTIVE_TTL_MS) return;
    s.objectiveAt = deps.now();
    try {
      s.objective = await fetchObjective(s.config.endpoint, s.config.campaign, deps.fetch);
    } catch (e) {
      if (s.config.debug) console.warn('[reshelf] objective refresh failed:', e);
    }
  }

  /**
   * HOOK(intent): the model's reading of a search text, serialised with every other state change.
   * The ranking owner wires the profile update here (core/intent.ts `applyIntent`, then persist and
   * re-rank); until then the engine only keeps the newest classification.
   */
  async function onSearchIntent(s: State, classification: Classification, t: number): Promise<void> {
    s.searchIntent = { classification, t };
    const probs = classification.category?.probs;
    if (!probs) return;
    s.profile = applyIntent(s.profile, probs, t, deps.now());
    await s.store.put('profile', 'self', s.profile);
    const orders = await rerankWidgets(s);
    const label = classification.category?.label ?? '';
    // Listeners are the page across Comlink: a closed page must not break the worker.
    for (const l of intentListeners) void Promise.resolve(l({ label, orders })).catch(() => intentListeners.delete(l));
  }

  /** Classifies the newest search text once the model is there; earlier texts typed meanwhile are skipped. */
  const classifySearch = latestWins(async ({ text, t }: { text: string; t: number }) => {
    const labels = await intent?.classify([text]);
    const c = labels?.[0];
    if (!c) return;
    await serial(async (): Promise<Reply<null>> => {
      await onSearchIntent(ready(), c, t);
      return { ok: true, value: null };
    });
  });

  async function rerankWidgets(s: State): Promise<Record<string, ItemId[]>> {
    const orders: Record<string, ItemId[]> = {};
    if (s.arm === 'control') return orders;
    for (const [widgetId, memo] of s.widgets) {
      const next = placeTiles(score(s, await withLabels(s, memo.tiles))).order;
      const updated = { ...memo, next, at: deps.now() };
      s.widgets.set(widgetId, updated);
      await s.store.put('widgets', widgetId, updated);
      orders[widgetId] = next;
    }
    return orders;
  }

  return {
    init: (config) =>
      serial(async (): Promise<Reply<EngineStatus>> => {
        if (config?.apiVersion !== ENGINE_API_VERSION) return failure('INVALID_INPUT', `engine API version ${String(config?.apiVersion)} is not ${ENGINE_API_VERSION}`);
        if (forgotten) return failure('INVALID_INPUT', 'this engine was told to forget the shopper; start a new worker');
        if (!isValidId(config.campaign)) return failure('INVALID_INPUT', 'config.campaign must be an id');
        if (!(typeof config.holdout === 'number' && config.holdout >= 0 && config.holdout <= 1)) return failure('INVALID_INPUT', 'config.holdout must be a number between 0 and 1');
        if (!(typeof config.halfLifeDays === 'number' && config.halfLifeDays > 0 && config.halfLifeDays <= 365)) return failure('INVALID_INPUT', 'config.halfLifeDays must be a number of days in (0, 365]');
        const model = parseModelConfig(config.model, deps.baseUrl ?? 'http://localhost/');
        if (!model.ok) return failure('INVALID_INPUT', model.error);
        if (config.privacy !== undefined) {
          try {
            resolvePrivacy(config.privacy);
          } catch (e) {
            return failure('INVALID_INPUT', e instanceof Error ? e.message : 'config.privacy is invalid');
          }
        }
        let store: EngineStore;
        let storageError: string | undefined;
        try {
          store = await deps.openStore();
        } catch (e) {
          storageError = e instanceof Error ? e.message : String(e);
          store = memoryStore();
        }
        const now = deps.now();
        let anonId = await store.get<string>('meta', 'anonId');
        if (typeof anonId !== 'string' || anonId.length < 8) {
          anonId = deps.newId();
          await store.put('meta', 'anonId', anonId);
        }
        const stored = await store.get<unknown>('profile', 'self');
        const parsed = stored === undefined ? undefined : parseStoredProfile(stored);
        const profile = parsed?.ok ? parsed.value : emptyProfile(now);
        const pending = storedAccumulator(await store.get<unknown>('pending', config.campaign), config.campaign);
        const slice = storedSlice(await store.get<unknown>('slices', config.campaign), config.campaign);
        // Widgets ranked on earlier pages: a product page's events refresh their cached order too.
        const widgets = new Map<string, WidgetMemo>();
        for (const [id, memo] of await store.entries<WidgetMemo>('widgets')) {
          const tiles = parseTiles(memo?.tiles);
          if (tiles.ok && Array.isArray(memo.next)) widgets.set(id, { tiles: tiles.value, next: memo.next, at: memo.at });
        }
        const settings = { ...DEFAULT_PROFILE_SETTINGS, halfLifeMs: config.halfLifeDays * 24 * 3600 * 1000 };
        state = {
          config,
          store,
          arm: assignArm(anonId, config.campaign, config.holdout),
          settings,
          profile,
          acc: pending ?? emptyAccumulator(config.campaign),
          slice,
          widgets,
          explained: new Map(),
          gate: emptyGate(),
          stock: new Map(),
          searchIntent: undefined,
          objective: undefined,
          objectiveAt: -Infinity,
          displayed: new Map(),
          flushed: false,
        };
        void refreshObjective(state);
        // Local privacy on: no unit message may leave any more, so none is kept either.
        if (config.privacy !== undefined) await dropUnits(store).catch(() => undefined);
        // One model per worker: a second init (same page) keeps the loaded one.
        if (model.value && !intent) intent = deps.intent?.(model.value, config.debug);
        stopStock?.();
        const live = state;
        stopStock = deps.followStock?.(config.endpoint, config.campaign, (stock) => {
          for (const [id, n] of Object.entries(stock)) live.stock.set(id, n);
          // Listeners are usually the page, across Comlink: a closed page must not break the worker.
          for (const l of stockListeners) void Promise.resolve(l(stock)).catch(() => stockListeners.delete(l));
        });
        return { ok: true, value: { arm: state.arm, storage: store.kind, storageError } };
      }),

    track: async (events): Promise<Reply<TrackResult>> => {
      // 1. Apply the events (serialised with every other state change).
      const applied = await serial(async (): Promise<Reply<{ accepted: number; dropped: number; historyChanged: boolean; interest: boolean; search: { text: string; t: number } | undefined }>> => {
        const s = ready();
        if (!Array.isArray(events) || events.length > 500) return failure('INVALID_INPUT', 'track() takes an array of at most 500 events');
        let accepted = 0;
        let dropped = 0;
        let interest = false;
        let search: { text: string; t: number } | undefined;
        const before = s.profile.recent.map((r) => r.id).join();
        for (const raw of events) {
          const parsed = parseEvent(raw);
          // The page batches events, so duplicates are judged by each event's own time.
          if (!parsed.ok || !admit(s.gate, parsed.value, parsed.value.t)) {
            dropped++;
            continue;
          }
          s.profile = applyEvent(s.profile, parsed.value, deps.now(), s.settings);
          accumulate(s.acc, parsed.value);
          accepted++;
          if (EVENT_WEIGHT[parsed.value.type] > 0) interest = true;
          if (parsed.value.type === 'search' && (!search || parsed.value.t >= search.t)) search = { text: parsed.value.text, t: parsed.value.t };
        }
        if (accepted > 0) {
          await s.store.put('profile', 'self', s.profile);
          await s.store.put('pending', s.config.campaign, s.acc);
        }
        return { ok: true, value: { accepted, dropped, historyChanged: s.profile.recent.map((r) => r.id).join() !== before, interest, search } };
      });
      if (!applied.ok) return applied;
      const { accepted, dropped, historyChanged, interest, search } = applied.value;
      // Shopper text: the model's first trigger (when the policy allows); never waited for here.
      if (search && intent) classifySearch(search);
      // 2. New history needs neighbours: fetched outside the queue, so rank() never waits on the network.
      if (historyChanged && state) await refreshSlice(state);
      if (state) void refreshObjective(state);
      // 3. Any sign of interest can change the order the next visit should paint.
      const orders = interest ? await serial(async (): Promise<Reply<Record<string, ItemId[]>>> => ({ ok: true, value: await rerankWidgets(ready()) })) : { ok: true as const, value: {} };
      if (!orders.ok) return orders;
      return { ok: true, value: { accepted, dropped, orders: orders.value } };
    },

    rank: (widgetId, tiles, locked) =>
      serial(async (): Promise<Reply<RankReply>> => {
        const s = ready();
        if (typeof widgetId !== 'string' || widgetId.length > 100) return failure('INVALID_INPUT', 'widgetId must be a short string');
        const parsed = parseTiles(tiles);
        if (!parsed.ok) return failure('INVALID_INPUT', parsed.error);
        const lockedSet = new Set(Array.isArray(locked) ? locked.filter((x) => typeof x === 'string') : []);
        const t0 = performance.now();
        // The key frame of private batches: every tile shown, in the merchant's slots (both arms).
        parsed.value.forEach((t, i) => s.displayed.set(t.id, { itemId: t.id, position: t.merchantIndex ?? i, price: t.price }));
        if (s.arm === 'control') {
          const now = merchantOrder(parsed.value);
          return { ok: true, value: { now, next: now.order, tookMs: performance.now() - t0 } };
        }
        const scored = score(s, await withLabels(s, parsed.value));
        // Exploration (when the merchant turned it on) only for the arrangement shown now.
        const now = placeTiles(scored, lockedSet, objectiveExplore(s.objective, Math.random));
        const next = lockedSet.size === 0 ? now.order : placeTiles(scored).order;
        const tookMs = performance.now() - t0;
        for (const t of now.tiles) s.explained.set(t.id, t);
        const memo: WidgetMemo = { tiles: parsed.value, next, at: deps.now() };
        s.widgets.set(widgetId, memo);
        // The memo only refreshes next visit's cached order: do not hold the page's answer for the write.
        void s.store.put('widgets', widgetId, memo).catch(() => undefined);
        return { ok: true, value: { now, next, tookMs } };
      }),

    explain: (itemId) => serial(async () => ({ ok: true as const, value: ready().explained.get(itemId) ?? null })),

    flush: (keepalive) =>
      serial(async (): Promise<Reply<FlushReport>> => {
        const s = ready();
        if (!isEmpty(s.acc)) {
          const { batches: sealed, rest } = seal(s.acc, s.arm, deps.newId);
          // Local differential privacy (when the page asked for it): noise over every displayed tile, no pairs.
          const { batches } = applyLocalPrivacy(sealed, [...s.displayed.values()], s.config.privacy, cryptoRng, deps.newId);
          // The batches and the emptied accumulator are written in one transaction: never lost, never sealed twice.
          await enqueue(s.store, batches, deps.now(), [{ store: 'pending', key: s.config.campaign, value: rest }]);
          s.acc = rest;
        }
        // Shopper-level totals (unit messages) only without local privacy: they would reveal exact totals.
        const units = s.config.privacy === undefined;
        // A page hide now, or the previous page's: its own flush may not have lived to send a unit message.
        const pageHidden = keepalive === true || !s.flushed;
        s.flushed = true;
        const send = async () => {
          const acked: SignalBatch[] = [];
          const options = { endpoint: s.config.endpoint, keepalive: keepalive === true, now: deps.now, fetch: deps.fetch };
          const report = await flushOutbox(s.store, { ...options, onAcked: units ? (b: SignalBatch) => void acked.push(b) : undefined });
          // After the batches and only when they went through (a down server gets no second request).
          if (units && report.failed === 0) await syncUnits(s.store, { campaign: s.config.campaign, arm: s.arm, acked, pageHide: pageHidden, lastEventAt: s.acc.lastT, newId: deps.newId }, options);
          return report;
        };
        const report = await deps.withLock('reshelf-outbox', send);
        // Another tab holds the lock and is sending: report what is waiting here.
        return { ok: true, value: report ?? { sent: 0, duplicates: 0, rejected: 0, failed: 0, pending: await s.store.count('outbox'), droppedTotal: await droppedTotal(s.store) } };
      }),

    onStock: (listener) =>
      serial(async (): Promise<Reply<null>> => {
        if (typeof listener !== 'function') return failure('INVALID_INPUT', 'onStock() takes a function');
        stockListeners.add(listener);
        const s = state;
        if (s?.stock.size) listener(Object.fromEntries(s.stock));
        return { ok: true, value: null };
      }),

    ...modelMethods({ intent: () => intent, ready: () => void ready() }),

    onIntent: (listener) =>
      serial(async (): Promise<Reply<null>> => {
        if (typeof listener !== 'function') return failure('INVALID_INPUT', 'onIntent() takes a function');
        intentListeners.add(listener);
        return { ok: true, value: null };
      }),

    forget: () =>
      serial(async (): Promise<Reply<null>> => {
        forgotten = true;
        stopStock?.();
        stockListeners.clear();
        intentListeners.clear();
        intent = undefined;
        // The model files are not personal, but forget() leaves nothing of reshelf behind.
        await deps.clearModelCache?.().catch(() => undefined);
        const s = state;
        state = undefined;
        if (s) await s.store.destroy();
        else await (await deps.openStore().catch(() => memoryStore())).destroy();
        return { ok: true, value: null };
      }),
  };
}
