/** `reshelf simulate privacy`: error of the server's estimates against ε, on SIMULATED shoppers (privacy.ts). */
import { numberFlag, UsageError } from '../cli-args';
import type { Command } from '../commands';
import { LIMITS } from '../../src/core/protocol';
import { runPrivacySimulation, type PrivacySimResult, type Spread } from './privacy';

export const DEFAULT_EPSILONS = [0.5, 1, 2, 4, 8] as const;

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
const spread = (s: Spread) => `${pct(s.median)} / ${pct(s.p90)}`;

export function formatPrivacy(r: PrivacySimResult): string[] {
  const lines = [
    `SIMULATED: ${r.shoppers} synthetic shoppers × ${r.seeds} seeds (≈ ${Math.round(r.batches)} batches per seed, planted CTR lift ${pct(r.lift)}), every shopper noised at the same ε.`,
    `Errors against the exact counts of the same shoppers; no-noise run ${r.exact ? 'matches them exactly' : 'DOES NOT match them'}.`,
    `  ${'ε'.padEnd(6)} ${'arm CTR rel. error'.padEnd(22)} ${'item clicks rel. error'.padEnd(24)} ${'CTR lift 95% CI width'.padEnd(23)} |lift − true lift|`,
    `  ${''.padEnd(6)} ${'median / p90'.padEnd(22)} ${'median / p90'.padEnd(24)} ${'median'.padEnd(23)} median`,
  ];
  for (const row of r.rows) {
    const ci = `${pct(row.liftCiWidth)}${row.seedsWithCi < r.seeds ? ` (${row.seedsWithCi}/${r.seeds} seeds)` : ''}`;
    lines.push(`  ${(row.epsilon === null ? 'none' : String(row.epsilon)).padEnd(6)} ${spread(row.ctrError).padEnd(22)} ${spread(row.itemClicksError).padEnd(24)} ${ci.padEnd(23)} ${pct(row.liftError)}`);
  }
  return lines;
}

function epsilonList(v: unknown): number[] {
  if (v === undefined) return [...DEFAULT_EPSILONS];
  const parts = typeof v === 'string' ? v.split(',').map((s) => s.trim()) : [];
  const list = parts.map((p) => numberFlag(p, '--epsilon', LIMITS.minEpsilon, LIMITS.maxEpsilon, false)!);
  if (list.length === 0 || list.length > 12) throw new UsageError(`--epsilon must be 1 to 12 comma-separated numbers, got ${JSON.stringify(v)}`);
  return [...new Set(list)].sort((a, b) => a - b);
}

export const PRIVACY_COMMANDS: Command[] = [
  {
    path: ['simulate', 'privacy'],
    usage: `reshelf simulate privacy [--epsilon ${DEFAULT_EPSILONS.join(',')}] [--shoppers 1000] [--seeds 3] [--json]`,
    summary: 'SIMULATED shoppers through the real pipeline with local-privacy noise: error of the estimates per ε, to choose one',
    flags: { epsilon: { type: 'string' }, shoppers: { type: 'string' }, seeds: { type: 'string' }, json: { type: 'boolean' } },
    async run(f, io) {
      const epsilons = epsilonList(f.epsilon);
      const shoppers = numberFlag(f.shoppers, '--shoppers', 10, 100_000, true) ?? 1000;
      const seeds = numberFlag(f.seeds, '--seeds', 1, 100, true) ?? 3;
      const result = await runPrivacySimulation({ epsilons, shoppers, seeds });
      if (f.json) io.out(JSON.stringify(result));
      else for (const line of formatPrivacy(result)) io.out(line);
      return result.exact ? 0 : 1;
    },
  },
];
