/**
 * The demo's SIMULATED campaign: synthetic shoppers with a planted click-through lift, run by
 * the simulator into the demo's own store, so the dashboard has a campaign with real lift,
 * intervals, a position curve and advice to show. Its numbers describe no real shopper.
 */
import type { SimilarityService } from '../similarity-job';
import type { Store } from '../store/types';
import { runSimulation, type SimulationResult } from './run';
import { SIM_READ_AFTER_MS } from './shoppers';

export const DEMO_SIM_CAMPAIGN = 'sim-campaign';
/** Enough shoppers for the planted +10% to stand out in most seeds, and done in a few seconds. */
export const DEMO_SIM_SHOPPERS = 2000;
export const DEMO_SIM_LIFT = 0.1;
const DEMO_SIM_SEED = 1;

/** `RESHELF_DEMO_SIMULATE`: unset → the default, 0 → off, n → n shoppers. Throws on anything else. */
export function demoShoppersFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEMO_SIM_SHOPPERS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 200_000) throw new Error(`RESHELF_DEMO_SIMULATE must be 0 (off) or a number of shoppers up to 200000, got ${JSON.stringify(value)}`);
  return n;
}

/**
 * Runs the simulator into `store`, with the campaign's clock placed so that now is halfway
 * (stock advice then has a future to project). Re-running is cheap on duplicates: batch ids
 * repeat per seed, so the same shoppers are counted once.
 */
export async function simulateDemoCampaign(target: { store: Store; similarity: SimilarityService }, shoppers: number, now = Date.now()): Promise<SimulationResult> {
  return runSimulation({ shoppers, lift: DEMO_SIM_LIFT, seed: DEMO_SIM_SEED, campaignId: DEMO_SIM_CAMPAIGN, startsAt: now - SIM_READ_AFTER_MS, target });
}
