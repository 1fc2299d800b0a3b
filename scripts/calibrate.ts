/**
 * Calibration of the report's lift test on SIMULATED shoppers (server/simulate): over many
 * seeds, how often p < 0.05, how often the 95% CI covers the planted lift, the mean z² and the
 * unit each CI used. The README's calibration figures come from these runs:
 *   npx tsx scripts/calibrate.ts --lift 0 --from 1001 --seeds 280            # shopper unit
 *   npx tsx scripts/calibrate.ts --lift 0 --from 1001 --seeds 280 --batch    # batch unit (no unit messages)
 *   npx tsx scripts/calibrate.ts --lift 0.2 --from 1 --seeds 280
 */
import { parseArgs } from 'node:util';
import { calibrate } from '../server/simulate/calibration';

const { values } = parseArgs({ options: { lift: { type: 'string', default: '0' }, from: { type: 'string', default: '1' }, seeds: { type: 'string', default: '40' }, shoppers: { type: 'string', default: '150' }, batch: { type: 'boolean', default: false } } });
const [lift, from, count, shoppers] = [values.lift, values.from, values.seeds, values.shoppers].map(Number) as [number, number, number, number];
if (![lift, from, count, shoppers].every(Number.isFinite) || count < 1) throw new Error('--lift, --from, --seeds and --shoppers must be numbers');
const seeds = Array.from({ length: count }, (_, i) => from + i);
const started = Date.now();
const c = await calibrate({ shoppers, lift, seeds, units: !values.batch });
console.log(`SIMULATED: ${shoppers} shoppers × seeds ${from}..${from + count - 1}, planted lift ${lift}, unit messages ${values.batch ? 'off (batch unit)' : 'on'}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(JSON.stringify(c, null, 1));
