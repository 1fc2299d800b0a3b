/** Test-only harness for the engine: memory store, controllable clock, scripted fake fetch. */
import type { Tile } from '../src/core/types';
import { ENGINE_API_VERSION, type EngineConfig } from './api';
import { memoryStore, type EngineStore } from './db';
import { createEngine, type EngineDeps } from './engine';

export const CAMPAIGN = 'spring-sale';
export const ENDPOINT = 'https://api.shop.test';
export const T0 = 1_700_000_000_000;

export function config(over: Partial<EngineConfig> = {}): EngineConfig {
  return { apiVersion: ENGINE_API_VERSION, campaign: CAMPAIGN, endpoint: ENDPOINT, holdout: 0, halfLifeDays: 7, debug: false, ...over };
}

export interface FetchCall {
  url: string;
  init: RequestInit | undefined;
}

export type Responder = (url: string, init: RequestInit | undefined) => Response | Promise<Response>;

export const json = (body: unknown, status = 200): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A slice answer for `campaign` with the given neighbours. */
export const sliceBody = (neighbors: Record<string, Array<[string, number]>>, campaignId = CAMPAIGN) => ({ v: 1, campaignId, version: 1, neighbors });

/** Default backend: empty slices, every signal batch accepted. */
export const okBackend: Responder = (url) => (url.includes('/slice?') ? json(sliceBody({})) : json({ batchId: 'x', duplicate: false }));

export function fakeFetch(calls: FetchCall[], respond: () => Responder): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    calls.push({ url, init });
    return respond()(url, init);
  }) as typeof fetch;
}

export interface Harness {
  engine: ReturnType<typeof createEngine>;
  store: EngineStore;
  calls: FetchCall[];
  /** Replace the backend's behaviour. */
  respond: (r: Responder) => void;
  now: () => number;
  advance: (ms: number) => void;
  /** Fetch calls to the signals endpoint. */
  signalCalls: () => FetchCall[];
  sliceCalls: () => FetchCall[];
}

export interface HarnessOptions {
  store?: EngineStore;
  openStore?: EngineDeps['openStore'];
  responder?: Responder;
  /** Prefix of generated ids (anonId, batch ids). */
  idPrefix?: string;
  start?: number;
}

export function harness(o: HarnessOptions = {}): Harness {
  const store = o.store ?? memoryStore();
  let now = o.start ?? T0;
  let responder = o.responder ?? okBackend;
  let seq = 0;
  const calls: FetchCall[] = [];
  const engine = createEngine({
    openStore: o.openStore ?? (async () => store),
    fetch: fakeFetch(calls, () => responder),
    now: () => now,
    newId: () => `${o.idPrefix ?? 'id'}-${String(++seq).padStart(8, '0')}`,
    withLock: async (_name, fn) => fn(),
  });
  return {
    engine,
    store,
    calls,
    respond: (r) => void (responder = r),
    now: () => now,
    advance: (ms) => void (now += ms),
    signalCalls: () => calls.filter((c) => c.url.endsWith('/v1/signals')),
    sliceCalls: () => calls.filter((c) => c.url.includes('/slice?')),
  };
}

/** Unwraps an ok reply or fails the test with the error. */
export function value<T>(reply: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!reply.ok) throw new Error(`expected ok reply, got ${reply.error.code}: ${reply.error.message}`);
  return reply.value;
}

export const TILES: Tile[] = [
  { id: 'a1', category: 'audio' },
  { id: 'b1', category: 'books' },
  { id: 's1', category: 'shoes' },
  { id: 'a2', category: 'audio' },
  { id: 'b2', category: 'books' },
  { id: 's2', category: 'shoes' },
  { id: 'b3', category: 'books' },
];

export const click = (itemId: string, category: string | undefined, t: number) => ({ type: 'click' as const, itemId, category, t });
