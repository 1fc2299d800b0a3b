/**
 * The report recovers a planted lift: over 40 seeds of SIMULATED shoppers (real assignArm,
 * accumulate/seal, unit state, signal and unit routes, SQLite store and report route), the 95%
 * CI covers the planted click-through lift in most seeds. Nominal is 38/40; the bound (≥ 34)
 * fails a calibrated interval with probability 0.3% (binomial, 40 seeds at 95%) and catches
 * broken math such as a variance half its size (coverage ≈ 83%) in about half the seed sets (it
 * passes with probability 0.47); the shopper unit is checked directly.
 * Measured over 280 seeds in the README (scripts/calibrate.ts --lift 0.2).
 */
import { expect, it } from 'vitest';
import { calibrate } from './calibration';

const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

it('95% CIs cover a planted +20% click-through lift in most of 40 seeds', async () => {
  const c = await calibrate({ shoppers: 150, lift: 0.2, seeds: SEEDS });
  console.log(`coverage of planted +20% (150 shoppers): ${JSON.stringify(c.covered)} of ${c.seeds}; significant: ${JSON.stringify(c.significant)}; shopper unit: ${JSON.stringify(c.byShopper)}`);
  expect(c.covered.ctr).toBeGreaterThanOrEqual(34);
  expect(c.byShopper.ctr).toBe(c.seeds);
  // Carts and purchases follow clicks in the simulator, so they carry the same planted lift.
  for (const k of ['addToCartRate', 'conversionRate', 'revenuePerSession'] as const) expect(c.covered[k]).toBeGreaterThanOrEqual(34);
}, 90_000);
