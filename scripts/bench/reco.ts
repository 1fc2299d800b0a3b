/**
 * Node side of `npm run bench` (run with tsx; no browser): the two figures issue 4 asks of the
 * recommendation path.
 *  1. The similarity slice a shopper stores for a 200-item campaign (10 history items × k = 30
 *     neighbours), from a similarity built through the production aggregate path on a real log
 *     (the full Diginetica training split when ../shared is there: the Diginetica sample is too
 *     small after filtering to give 10-item histories; synthetic otherwise), as JSON bytes.
 *  2. Ranking 200 tiles with that slice: rank() once, twice (what the worker does when seen tiles
 *     are locked: now + next visit), and scoreTiles() once + placeTiles() twice, in one run.
 *     The worker runs the same V8, so the ratios carry over; the browser bench measures it there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { correctedCounts } from '../../src/core/position-bias';
import { applyEvent, emptyProfile } from '../../src/core/profile';
import { placeTiles, rank, scoreTiles } from '../../src/core/rank';
import { seededRng } from '../../src/core/rng';
import { accumulatePairs, buildSimilarity, sliceNeighbours, type Neighbours } from '../../src/core/similarity';
import type { ShopperEvent, SimilaritySlice, Tile } from '../../src/core/types';
import { Catalogue, encode } from '../../server/eval/encode';
import { parseLog } from '../../server/eval/read-log';
import { trainRanker, WORKER_SLICE_K } from '../../server/eval/ranker';
import { filterLog, groupSessions } from '../../server/eval/sessions';

const CAMPAIGN = 200;
const HISTORY = 10;
const DIGINETICA = fileURLToPath(new URL('../../../shared/data/diginetica-srgnn/train.tsv', import.meta.url));
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function similarity(): { source: string; neighbours: Neighbours; sessions: string[][] } {
  if (existsSync(DIGINETICA)) {
    const sessions = filterLog(groupSessions(parseLog(readFileSync(DIGINETICA, 'utf8'), { format: 'tsv' })), 1);
    const catalogue = new Catalogue();
    const model = trainRanker(encode(sessions, catalogue), catalogue);
    return { source: `full Diginetica training split: ${sessions.length} sessions, ${model.pairs} pairs through the SDK aggregator`, neighbours: model.neighbours, sessions: sessions.map((s) => [...s.items]) };
  }
  // Synthetic fallback: 2,000 items, sessions wandering within 40 "aisles".
  const rng = seededRng(1);
  const sessions = Array.from({ length: 20_000 }, () => {
    const aisle = Math.floor(rng() * 40);
    return Array.from({ length: 3 + Math.floor(rng() * 8) }, () => `item-${aisle * 50 + Math.floor(rng() * 50)}`);
  });
  const pairs = sessions.flatMap((s) => s.slice(1).map((to, i) => ({ from: s[i]!, to, weight: 1 })));
  return { source: 'synthetic (../shared absent)', neighbours: buildSimilarity(accumulatePairs(pairs)), sessions };
}

/** A campaign of 200 items that holds as many of the shopper's neighbours as possible (the worst case for size). */
function campaignFor(history: string[], all: Neighbours): Set<string> {
  const campaign = new Set<string>();
  for (let rankAt = 0; campaign.size < CAMPAIGN && rankAt < 200; rankAt++) {
    for (const h of history) {
      const n = all.get(h)?.[rankAt];
      if (n && campaign.size < CAMPAIGN) campaign.add(n[0]);
    }
  }
  for (const id of all.keys()) { if (campaign.size >= CAMPAIGN) break; campaign.add(id); }
  return campaign;
}

/** Slice sizes; returns the fullest real slice for the timing below (the whole similarity is dropped, so its heap does not slow the timing's GC). */
function sliceFigures(): { slice: SimilaritySlice; history: string[]; campaign: Set<string> } | undefined {
  const { source, neighbours, sessions } = similarity();
  console.log(`\n## Similarity slice for a ${CAMPAIGN}-item campaign (${HISTORY} history items × k = ${WORKER_SLICE_K}; ${source})`);
  const histories = sessions.map((s) => [...new Set(s)].reverse().slice(0, HISTORY)).filter((h) => h.length === HISTORY && h.every((id) => neighbours.has(id))).slice(0, 300);
  const sizes: number[] = [];
  let entries = 0;
  let example: { slice: SimilaritySlice; history: string[]; campaign: Set<string> } | undefined;
  for (const history of histories) {
    const campaign = campaignFor(history, neighbours);
    const slice: SimilaritySlice = { v: 1, campaignId: 'flash-sale-2026-11', version: 1234, neighbors: sliceNeighbours(neighbours, history, campaign, WORKER_SLICE_K) };
    const bytes = Buffer.byteLength(JSON.stringify(slice));
    sizes.push(bytes);
    const n = Object.values(slice.neighbors).reduce((a, l) => a + l.length, 0);
    if (n >= entries) { entries = n; example = { slice, history, campaign }; }
  }
  console.log(`real ids: median ${kb(quantile(sizes, 0.5))}, max ${kb(Math.max(...sizes))} over ${sizes.length} shoppers (fullest slice: ${entries} neighbour entries; goal ≤ 50 KB)`);
  // Worst case by construction: every entry present and every id the longest the SDK accepts (64 chars).
  const long = (i: number) => `${'x'.repeat(58)}${String(i).padStart(6, '0')}`;
  const worst: SimilaritySlice = { v: 1, campaignId: long(999_999), version: 2 ** 31, neighbors: Object.fromEntries(Array.from({ length: HISTORY }, (_, h) => [long(h), Array.from({ length: WORKER_SLICE_K }, (_, k): [string, number] => [long(1000 + h * 100 + k), 0.1234])])) };
  console.log(`worst case (${HISTORY} × ${WORKER_SLICE_K} entries, 64-character ids): ${kb(Buffer.byteLength(JSON.stringify(worst)))}`);
  const stats = correctedCounts(Array.from({ length: CAMPAIGN }, (_, i) => ({ itemId: long(i), position: i % 24, impressions: 12_345, clicks: 678 })), [1, 0.6, 0.45, 0.38]);
  console.log(`exploration stats for all ${CAMPAIGN} items ([clicks, examined] per item, 64-character ids), if sent with the slice: +${kb(Buffer.byteLength(JSON.stringify(stats)))}`);
  return example;
}

const example = sliceFigures();
console.log(`\n## Ranking ${CAMPAIGN} tiles in Node (the core the worker runs; the in-worker figures are in "Ranking 200 tiles" above)`);
const now = Date.UTC(2026, 10, 29);
const slice = example?.slice.neighbors ?? {};
const campaignIds = example ? [...example.campaign] : Array.from({ length: CAMPAIGN }, (_, i) => `i${i}`);
const historyIds = example?.history ?? [];
// The browser bench's shopper: 20 interactions over 12 categories, here on real history items.
const events: ShopperEvent[] = Array.from({ length: 20 }, (_, i) => ({ type: i % 4 === 0 ? 'cart' : 'click', itemId: historyIds[i % Math.max(1, historyIds.length)] ?? `i${i}`, category: `c${i % 12}`, t: now - (20 - i) * 60_000 }));
const profile = events.reduce((p, e) => applyEvent(p, e, now), emptyProfile(now));
const tiles: Tile[] = campaignIds.map((id, i) => ({ id, category: `c${i % 12}`, stock: i % 50 === 0 ? 0 : 10, pinned: i === 0 }));
const locked = new Set([campaignIds[3]!, campaignIds[4]!]);
const input = { tiles, profile, neighbors: slice, now };
const rng = seededRng(3);
const stats200 = Object.fromEntries(campaignIds.map((id, i): [string, readonly [number, number]] => [id, [i % 7, 40 + i]]));
const runs = { once: [] as number[], twice: [] as number[], scoreOncePlaceTwice: [] as number[], explore: [] as number[] };
const time = (f: () => unknown) => { const t = performance.now(); f(); return performance.now() - t; };
for (let r = 0; r < 3000; r++) {
  runs.once.push(time(() => rank(input)));
  runs.twice.push(time(() => { rank({ ...input, locked }); rank(input); }));
  runs.scoreOncePlaceTwice.push(time(() => { const s = scoreTiles(input); placeTiles(s, locked); placeTiles(s); }));
  runs.explore.push(time(() => rank({ ...input, locked, explore: { share: 0.1, rng, stats: { items: stats200 } } })));
}
const row = (label: string, xs: number[]) => console.log(`${label.padEnd(52)} median ${quantile(xs, 0.5).toFixed(3)} ms, p95 ${quantile(xs, 0.95).toFixed(3)} ms`);
row('rank() once (nothing locked)', runs.once.slice(500));
row('rank() twice (seen tiles locked: now + next visit)', runs.twice.slice(500));
row('scoreTiles() once + placeTiles() twice (same result)', runs.scoreOncePlaceTwice.slice(500));
row('rank() with locked tiles and exploration share 0.1', runs.explore.slice(500));
console.log(`(${runs.once.length - 500} runs each after 500 warm-up, interleaved; goal in the worker: < 1 ms at p95)`);
