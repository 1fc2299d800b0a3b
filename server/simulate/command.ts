/** `reshelf simulate`: the statistics check on SIMULATED shoppers (see run.ts). */
import { numberFlag, UsageError } from '../cli-args';
import type { Command } from '../commands';
import { RATIO_METRIC_NAMES } from '../../src/core/report/totals';
import { runSimulation, type SimulationResult } from './run';

const num = numberFlag;

const pct = (x: number | null) => (x === null ? 'n/a' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`);

export function formatSimulation(r: SimulationResult): string[] {
  const lines = [
    `SIMULATED: ${r.shoppers} synthetic shoppers, seed ${r.seed}, holdout ${r.holdout}, ${r.batches} batches, ${r.unitMessages} unit messages; planted click-through lift ${pct(r.planted)}`,
  ];
  for (const k of RATIO_METRIC_NAMES) {
    const l = r.report.lift[k];
    const ci = l.ci ? `[${pct(l.ci[0])}, ${pct(l.ci[1])}]` : 'n/a';
    lines.push(`  ${k.padEnd(18)} lift ${pct(l.estimate).padStart(7)}  95% CI ${ci.padEnd(18)}  p ${l.p === null ? 'n/a' : l.p.toFixed(4)}  unit ${l.unit}${l.reason ? `  (${l.reason})` : ''}`);
  }
  lines.push(r.report.summary.en);
  return lines;
}

export const SIMULATE_COMMANDS: Command[] = [
  {
    path: ['simulate'],
    usage: 'reshelf simulate --shoppers <n> --lift <relative CTR lift, e.g. 0.1> --seed <s> [--holdout 0.5] [--json]',
    summary: 'SIMULATED shoppers with a planted click-through lift, through the SDK core and the server; prints the campaign report',
    flags: { shoppers: { type: 'string' }, lift: { type: 'string' }, seed: { type: 'string' }, holdout: { type: 'string' }, json: { type: 'boolean' } },
    async run(f, io) {
      const shoppers = await num(f.shoppers, '--shoppers', 1, 1_000_000, true);
      if (shoppers === undefined) throw new UsageError('--shoppers <n> is required');
      const lift = (await num(f.lift, '--lift', -0.9, 1, false)) ?? 0;
      const seed = (await num(f.seed, '--seed', 0, 2 ** 31 - 1, true)) ?? 1;
      const holdout = await num(f.holdout, '--holdout', 0.01, 0.99, false);
      const result = await runSimulation({ shoppers, lift, seed, holdout });
      if (f.json) io.out(JSON.stringify({ planted: result.planted, report: result.report, simulation: { simulated: true, shoppers, seed, holdout: result.holdout, batches: result.batches, unitMessages: result.unitMessages } }));
      else for (const line of formatSimulation(result)) io.out(line);
      return 0;
    },
  },
];
