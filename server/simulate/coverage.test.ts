/**
 * The report recovers a planted lift: over 40 seeds of SIMULATED shoppers (real assignArm,
 * accumulate/seal, signal route, SQLite store and report route), the 95% CI covers the planted
 * click-through lift in most seeds. Nominal is 38/40; the bound catches broken math (e.g. a
 * variance off by 2×) while leaving room for the batch-as-unit bias the README describes.
 */
import { expect, it } from 'vitest';
import { calibrate } from './calibration';

const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

it('95% CIs cover a planted +20% click-through lift in most of 40 seeds', async () => {
  const c = await calibrate({ shoppers: 150, lift: 0.2, seeds: SEEDS });
  console.log(`coverage of planted +20% (150 shoppers): ${JSON.stringify(c.covered)} of ${c.seeds}; significant: ${JSON.stringify(c.significant)}`);
  expect(c.covered.ctr).toBeGreaterThanOrEqual(32);
  // Carts and purchases follow clicks in the simulator, so they carry the same planted lift.
  for (const k of ['addToCartRate', 'conversionRate', 'revenuePerSession'] as const) expect(c.covered[k]).toBeGreaterThanOrEqual(32);
}, 60_000);
