/** `reshelf simulate explore`: the exploration bandit on SIMULATED items (see replay.ts). */
import { numberFlag } from '../cli-args';
import type { Command } from '../commands';
import { runExploreSimulation, type ExploreSimResult, type PolicyName } from './replay';

const num = numberFlag;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const LABEL: Record<PolicyName, string> = { merchant: 'merchant order', greedy: 'click prior only', explore: 'prior + explore' };

export function formatExploreSimulation(r: ExploreSimResult): string[] {
  const o = r.options;
  const lines = [
    `SIMULATED: ${o.items} items with hidden CTRs (log-normal around 3%), ${o.visible} visible slots with a hidden position-bias curve, ${o.rounds} page views, seed ${o.seed}; aggregates refreshed every ${o.refreshEvery} views; exploration share ${o.share}`,
    `oracle (true CTR order): ${r.oracleExpectedClicksPerView.toFixed(3)} expected clicks per view`,
    '',
    `${'policy'.padEnd(17)} clicks/view  regret  clicks on best ${o.best} (all / last 20%)  best ${o.best} in top ${o.best} at end  first 10%: clicks/view`,
  ];
  for (const name of ['merchant', 'greedy', 'explore'] as const) {
    const p = r.policies[name];
    lines.push(`${LABEL[name].padEnd(17)} ${p.expectedClicksPerView.toFixed(3).padStart(11)}  ${pct(p.regretShare).padStart(6)}  ${`${pct(p.bestClickShare)} / ${pct(p.bestClickShareLate)}`.padStart(34)}  ${String(p.bestFoundAtEnd).padStart(24)}  ${p.earlyExpectedClicksPerView.toFixed(3).padStart(21)}`);
  }
  const c = r.steadyStateCost;
  lines.push(
    '',
    `cost of the exploration slots once learned (last 20% of views): ${c.withSlots.toFixed(3)} vs ${c.withoutSlots.toFixed(3)} clicks/view without them (${c.relative >= 0 ? '+' : ''}${pct(c.relative)})`,
    `examination by slot (truth / estimated from aggregates, greedy / explore): ${r.examination.map((e) => `${e.slot}: ${e.truth.toFixed(2)}/${e.greedy.toFixed(2)}/${e.explore.toFixed(2)}`).join('  ')}`,
    'clicks/view and regret are expected values from the hidden CTRs; click shares count the simulated clicks.',
  );
  return lines;
}

export const EXPLORE_COMMANDS: Command[] = [
  {
    path: ['simulate', 'explore'],
    usage: 'reshelf simulate explore [--rounds 5000] [--share 0.1] [--seed 1] [--items 100] [--json]',
    summary: 'SIMULATED items with hidden CTRs: does the exploration bandit find the best items, and what does it cost',
    flags: { rounds: { type: 'string' }, share: { type: 'string' }, seed: { type: 'string' }, items: { type: 'string' }, json: { type: 'boolean' } },
    async run(f, io) {
      const rounds = (await num(f.rounds, '--rounds', 10, 1_000_000, true)) ?? 5000;
      const share = (await num(f.share, '--share', 0, 1, false)) ?? 0.1;
      const seed = (await num(f.seed, '--seed', 0, 2 ** 31 - 1, true)) ?? 1;
      const items = (await num(f.items, '--items', 2, 2000, true)) ?? 100;
      const result = runExploreSimulation({ rounds, share, seed, items, visible: Math.min(24, items) });
      if (f.json) io.out(JSON.stringify(result));
      else for (const line of formatExploreSimulation(result)) io.out(line);
      return 0;
    },
  },
];
