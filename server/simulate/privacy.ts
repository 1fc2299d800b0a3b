/**
 * `simulate privacy`: how far local-privacy noise moves the server's estimates, per ε. The same
 * SIMULATED shoppers (same seed: same events) go through the real pipeline (run.ts) once without
 * noise and once per ε with `applyLocalPrivacy` between seal and ingest; every run is compared
 * with the exact counts of the batches as sealed, so the no-noise run must match them exactly.
 */
import { applyLocalPrivacy, type DisplayedTile } from '../../src/core/ldp';
import type { SignalBatch } from '../../src/core/protocol';
import type { CampaignReport } from '../../src/core/report/report';
import { seededRng } from '../../src/core/rng';
import type { Arm, ItemId } from '../../src/core/types';
import { runSimulation } from './run';
import { simulatedCampaign } from './shoppers';

export interface PrivacySimOptions {
  epsilons: readonly number[];
  shoppers: number;
  seeds: number;
  /** Planted relative CTR lift. @defaultValue 0.1 */
  lift?: number | undefined;
}

export interface Spread {
  median: number;
  p90: number;
}

export interface PrivacyRow {
  /** null: no noise. */
  epsilon: number | null;
  /** |CTR − true CTR| / true CTR of each arm, over seeds × arms. */
  ctrError: Spread;
  /** Σ_items |clicks − true clicks| / Σ true clicks, over seeds. */
  itemClicksError: Spread;
  /** Width (high − low) of the 95% CI of the CTR lift, median over the seeds that have one. */
  liftCiWidth: number | null;
  /** |lift − true lift| (true: the lift in the exact counts), median over seeds with an estimate. */
  liftError: number | null;
  /** Seeds whose report had a CTR lift CI (heavy noise can push a sum ≤ 0). */
  seedsWithCi: number;
}

export interface PrivacySimResult {
  simulated: true;
  shoppers: number;
  seeds: number;
  lift: number;
  /** Mean batches per seed (as sealed, before noise). */
  batches: number;
  /** True when every no-noise report equalled the exact counts. */
  exact: boolean;
  rows: PrivacyRow[];
}

interface Truth {
  arms: Record<Arm, { clicks: number; impressions: number }>;
  items: Map<ItemId, number>;
  batches: number;
}

function emptyTruth(): Truth {
  return { arms: { treatment: { clicks: 0, impressions: 0 }, control: { clicks: 0, impressions: 0 } }, items: new Map(), batches: 0 };
}

function record(t: Truth, b: SignalBatch): void {
  t.batches++;
  for (const c of b.items) {
    t.arms[b.arm].clicks += c.clicks;
    t.arms[b.arm].impressions += c.impressions;
    t.items.set(c.itemId, (t.items.get(c.itemId) ?? 0) + c.clicks);
  }
}

/** Errors of one report against the exact counts. */
function errors(r: CampaignReport, t: Truth) {
  const ctr = (x: { clicks: number; impressions: number }) => x.clicks / x.impressions;
  const ctrErrors = (['treatment', 'control'] as const).map((arm) => Math.abs(ctr(r.arms[arm]) - ctr(t.arms[arm])) / ctr(t.arms[arm]));
  let diff = 0;
  let total = 0;
  for (const it of r.items) {
    const truth = t.items.get(it.itemId) ?? 0;
    diff += Math.abs(it.clicks - truth);
    total += truth;
  }
  const trueLift = ctr(t.arms.treatment) / ctr(t.arms.control) - 1;
  const l = r.lift.ctr;
  return { ctrErrors, items: diff / total, ciWidth: l.ci ? l.ci[1] - l.ci[0] : null, liftError: l.estimate === null ? null : Math.abs(l.estimate - trueLift) };
}

export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const at = (s.length - 1) * q; // linear interpolation between order statistics
  const lo = Math.floor(at);
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (at - lo);
}

const spread = (xs: readonly number[]): Spread => ({ median: quantile(xs, 0.5), p90: quantile(xs, 0.9) });
const medianOrNull = (xs: ReadonlyArray<number | null>) => {
  const ok = xs.filter((x): x is number => x !== null);
  return ok.length ? quantile(ok, 0.5) : null;
};

export async function runPrivacySimulation(options: PrivacySimOptions): Promise<PrivacySimResult> {
  const lift = options.lift ?? 0.1;
  const campaign = simulatedCampaign();
  // The simulator shows every tile in campaign order: that display is the key frame.
  const displayed: DisplayedTile[] = campaign.items.map((it, i) => ({ itemId: it.id, position: i, price: it.price }));
  const configs: Array<number | null> = [null, ...options.epsilons];
  const per = configs.map(() => ({ ctr: [] as number[], items: [] as number[], ci: [] as Array<number | null>, lift: [] as Array<number | null> }));
  let exact = true;
  let batches = 0;
  for (let seed = 1; seed <= options.seeds; seed++) {
    for (const [i, epsilon] of configs.entries()) {
      const truth = emptyTruth();
      const rng = seededRng(seed * 7919 + i); // apart from the shoppers' stream, so events stay the same
      const transform = (batch: SignalBatch, newId: () => string): SignalBatch[] => {
        record(truth, batch);
        return applyLocalPrivacy([batch], displayed, epsilon === null ? undefined : { epsilon }, rng, newId).batches;
      };
      // No unit messages: a device with local privacy sends none, and the no-noise row must stay comparable.
      const { report } = await runSimulation({ shoppers: options.shoppers, lift, seed, transform, units: false });
      const e = errors(report, truth);
      if (epsilon === null) {
        batches += truth.batches;
        exact &&= e.ctrErrors.every((x) => x === 0) && e.items === 0;
      }
      per[i]!.ctr.push(...e.ctrErrors);
      per[i]!.items.push(e.items);
      per[i]!.ci.push(e.ciWidth);
      per[i]!.lift.push(e.liftError);
    }
  }
  const rows = configs.map((epsilon, i): PrivacyRow => {
    const p = per[i]!;
    return { epsilon, ctrError: spread(p.ctr), itemClicksError: spread(p.items), liftCiWidth: medianOrNull(p.ci), liftError: medianOrNull(p.lift), seedsWithCi: p.ci.filter((x) => x !== null).length };
  });
  return { simulated: true, shoppers: options.shoppers, seeds: options.seeds, lift, batches: batches / options.seeds, exact, rows };
}
