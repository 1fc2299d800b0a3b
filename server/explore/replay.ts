/**
 * The replay behind `reshelf simulate explore`: rounds of page views, each ranked by the
 * production core (`scoreTiles`/`placeTiles` with the aggregate click prior, optionally with
 * exploration), clicks drawn from the hidden world, and the aggregates the SDK would send fed
 * back every `refreshEvery` rounds (as the backend rebuilds and the worker re-fetches). Three
 * policies run on the same world: the merchant order, greedy (click prior only), and greedy plus
 * exploration; an oracle (true CTR order) gives the regret.
 */
import { clickPrior, correctedCounts, examinationCurve, type CorrectedCounts, type PositionCount } from '../../src/core/position-bias';
import { emptyProfile } from '../../src/core/profile';
import { placeTiles, scoreTiles } from '../../src/core/rank';
import { seededRng, type Rng } from '../../src/core/rng';
import type { Tile } from '../../src/core/types';
import { bestItems, expectedClicks, makeWorld, type World } from './world';

export interface ExploreSimOptions {
  rounds: number;
  share: number;
  seed: number;
  /** Items in the campaign (all shown as tiles). @defaultValue 100 */
  items?: number;
  /** Slots a shopper sees. @defaultValue 24 */
  visible?: number;
  /** Rounds between aggregate refreshes. @defaultValue 50 */
  refreshEvery?: number;
  /** "Best items" = this many with the highest true CTR. @defaultValue 10 */
  best?: number;
}

export type PolicyName = 'merchant' | 'greedy' | 'explore';

export interface PolicyResult {
  /** Realised clicks per page view, and expected (from the hidden CTRs; less noisy). */
  clicksPerView: number;
  expectedClicksPerView: number;
  /** Σ over rounds of oracle − policy expected clicks, as a share of the oracle's. */
  regretShare: number;
  /** Share of realised clicks that went to the truly best items, over the whole run and the last 20% of rounds. */
  bestClickShare: number;
  bestClickShareLate: number;
  /** How many of the truly best items the policy's exploitation order puts in its top slots at the end. */
  bestFoundAtEnd: number;
  /** Expected clicks per view in the first 10% of rounds (the learning phase). */
  earlyExpectedClicksPerView: number;
}

export interface ExploreSimResult {
  simulated: true;
  options: Required<ExploreSimOptions>;
  oracleExpectedClicksPerView: number;
  policies: Record<PolicyName, PolicyResult>;
  /** Explore policy, last 20% of rounds: expected clicks per view with the exploration slots vs. its own order without them. */
  steadyStateCost: { withSlots: number; withoutSlots: number; relative: number };
  /** Examination by slot: hidden truth vs. the estimate from each policy's aggregates at the end. */
  examination: Array<{ slot: number; truth: number; greedy: number; explore: number }>;
}

class Aggregates {
  private rows = new Map<string, PositionCount>();
  stats: { items: Record<string, CorrectedCounts>; prior: Record<string, number>; curve: number[] } = { items: {}, prior: {}, curve: [] };
  record(itemId: string, position: number, clicked: boolean): void {
    const key = `${itemId}|${position}`;
    let r = this.rows.get(key);
    if (!r) this.rows.set(key, (r = { itemId, position, impressions: 0, clicks: 0 }));
    r.impressions++;
    if (clicked) r.clicks++;
  }
  refresh(): void {
    const curve = examinationCurve(this.rows.values());
    const items = correctedCounts(this.rows.values(), curve);
    this.stats = { items, prior: clickPrior(items), curve };
  }
}

interface PolicyState {
  name: PolicyName;
  agg: Aggregates;
  rng: Rng;
  clicks: number;
  expected: number;
  early: number;
  regret: number;
  best: number;
  bestLate: number;
  clicksLate: number;
  lastExploit: number[];
}

export function runExploreSimulation(o: ExploreSimOptions): ExploreSimResult {
  const options: Required<ExploreSimOptions> = { items: 100, visible: 24, refreshEvery: 50, best: 10, ...o };
  const world: World = makeWorld({ items: options.items, visible: options.visible, seed: options.seed });
  const index = new Map(world.ids.map((id, i) => [id, i]));
  const tiles: Tile[] = world.merchant.map((i) => ({ id: world.ids[i]! }));
  const best = new Set(bestItems(world, options.best));
  const oracle = expectedClicks(world, bestItems(world, options.items));
  const profile = emptyProfile(0);
  const lateFrom = Math.floor(options.rounds * 0.8);
  const earlyTo = Math.max(1, Math.floor(options.rounds * 0.1));
  const clickRng = seededRng(options.seed ^ 0x5eed);
  const states: PolicyState[] = (['merchant', 'greedy', 'explore'] as const).map((name, k) => ({
    name, agg: new Aggregates(), rng: seededRng(options.seed * 7919 + k), clicks: 0, expected: 0, early: 0, regret: 0, best: 0, bestLate: 0, clicksLate: 0, lastExploit: [],
  }));
  let withSlots = 0;
  let withoutSlots = 0;

  for (let round = 0; round < options.rounds; round++) {
    if (round % options.refreshEvery === 0) for (const s of states) s.agg.refresh();
    // One shopper's attention, shared by the policies so they differ only by their order.
    const u = Array.from({ length: world.visible }, () => clickRng());
    for (const s of states) {
      let order: number[];
      if (s.name === 'merchant') order = world.merchant;
      else {
        const scored = scoreTiles({ tiles, profile, neighbors: {}, now: 0, prior: s.agg.stats.prior, weights: { prior: 1 } });
        const exploit = placeTiles(scored).order.map((id) => index.get(id)!);
        s.lastExploit = exploit;
        order = exploit;
        if (s.name === 'explore') {
          const st = s.agg.stats;
          order = placeTiles(scored, undefined, { share: options.share, rng: s.rng, stats: { items: st.items } }).order.map((id) => index.get(id)!);
          if (round >= lateFrom) { withSlots += expectedClicks(world, order); withoutSlots += expectedClicks(world, exploit); }
        }
      }
      const e = expectedClicks(world, order);
      s.expected += e;
      s.regret += oracle - e;
      if (round < earlyTo) s.early += e;
      for (let p = 0; p < world.visible && p < order.length; p++) {
        const item = order[p]!;
        const clicked = u[p]! < world.examination[p]! * world.ctr[item]!;
        s.agg.record(world.ids[item]!, p, clicked);
        if (!clicked) continue;
        s.clicks++;
        if (best.has(item)) s.best++;
        if (round >= lateFrom) { s.clicksLate++; if (best.has(item)) s.bestLate++; }
      }
    }
  }
  for (const s of states) s.agg.refresh();
  if (states[0]!.lastExploit.length === 0) states[0]!.lastExploit = world.merchant;

  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
  const policies = Object.fromEntries(states.map((s): [PolicyName, PolicyResult] => [s.name, {
    clicksPerView: r4(s.clicks / options.rounds),
    expectedClicksPerView: r4(s.expected / options.rounds),
    regretShare: r4(s.regret / (oracle * options.rounds)),
    bestClickShare: r4(s.clicks ? s.best / s.clicks : 0),
    bestClickShareLate: r4(s.clicksLate ? s.bestLate / s.clicksLate : 0),
    bestFoundAtEnd: s.lastExploit.slice(0, options.best).filter((i) => best.has(i)).length,
    earlyExpectedClicksPerView: r4(s.early / earlyTo),
  }])) as Record<PolicyName, PolicyResult>;
  const curveOf = (name: PolicyName) => states.find((s) => s.name === name)!.agg.stats.curve;
  const slots = [0, 1, 3, 5, 10, 15, world.visible - 1].filter((p, i, a) => p < world.visible && a.indexOf(p) === i);
  return {
    simulated: true,
    options,
    oracleExpectedClicksPerView: r4(oracle),
    policies,
    steadyStateCost: { withSlots: r4(withSlots / (options.rounds - lateFrom)), withoutSlots: r4(withoutSlots / (options.rounds - lateFrom)), relative: r4(withoutSlots > 0 ? withSlots / withoutSlots - 1 : 0) },
    examination: slots.map((slot) => ({ slot, truth: r4(world.examination[slot]!), greedy: r4(curveOf('greedy')[slot] ?? 1), explore: r4(curveOf('explore')[slot] ?? 1) })),
  };
}
