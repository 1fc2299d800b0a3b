/**
 * Browser side of `npm run bench`: drives the real engine worker through Comlink and measures
 * ranking 200 tiles inside the worker (the worker's own clock) and the page's round trip.
 */
import { wrap } from 'comlink';
import { ENGINE_API_VERSION, type EngineApi } from '../../workers/api';
import type { ShopperEvent, Tile } from '../../src/core/types';

export interface RankBenchResult {
  runs: number;
  tiles: number;
  /** Fresh ranking (nothing locked): one pass of the ranking core. */
  inWorkerMs: number[];
  /** With seen tiles locked: two passes (the order to apply now and the one cached for next visit). */
  inWorkerLockedMs: number[];
  roundTripMs: number[];
}

export async function runRankBench(runs = 300, tileCount = 200): Promise<RankBenchResult> {
  const worker = new Worker('/reshelf/reshelf-worker.js', { type: 'module' });
  const api = wrap<EngineApi>(worker);
  const init = await api.init({ apiVersion: ENGINE_API_VERSION, campaign: 'bench', endpoint: location.origin, holdout: 0, halfLifeDays: 7, debug: false });
  if (!init.ok) throw new Error(init.error.message);
  const now = Date.now();
  // A shopper with a realistic history: 20 interactions over 12 categories.
  const events: ShopperEvent[] = Array.from({ length: 20 }, (_, i) => ({ type: i % 4 === 0 ? 'cart' : 'click', itemId: `i${(i * 7) % tileCount}`, category: `c${i % 12}`, t: now - (20 - i) * 60_000 }));
  await api.track(events);
  const tiles: Tile[] = Array.from({ length: tileCount }, (_, i) => ({ id: `i${i}`, category: `c${i % 12}`, stock: i % 50 === 0 ? 0 : 10, pinned: i === 0 }));
  const inWorkerMs: number[] = [];
  const inWorkerLockedMs: number[] = [];
  const roundTripMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const reply = await api.rank('bench', tiles, r % 2 ? ['i3', 'i4'] : []);
    roundTripMs.push(performance.now() - t0);
    if (!reply.ok) throw new Error(reply.error.message);
    (r % 2 ? inWorkerLockedMs : inWorkerMs).push(reply.value.tookMs);
  }
  await api.forget();
  worker.terminate();
  return { runs, tiles: tileCount, inWorkerMs, inWorkerLockedMs, roundTripMs };
}

(window as unknown as { __runRankBench: typeof runRankBench }).__runRankBench = runRankBench;
