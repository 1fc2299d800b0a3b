// The text-model steps of npm test, which need the shared data sets beside the repository
// (../shared/data): `prepare` writes the splits the model-card test scores; `smoke` runs a tiny
// training through the whole pipeline. Without the data both say so and the dependent tests skip.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const step = process.argv[2];
const data = process.env.RESHELF_DATA ?? '../shared/data';
if (!existsSync(data)) {
  console.warn(`test ${step}: ${data} not found; skipped (the model-card test skips too)`);
  process.exit(0);
}
const [cmd, args] =
  step === 'prepare' ? [process.execPath, ['dist/cli.js', 'text', 'prepare', '--data', data]]
  : step === 'smoke' ? ['bash', ['scripts/train-model.sh', '--smoke', '--out', 'models/.cache/smoke']]
  : (console.error('usage: node scripts/test-data.mjs prepare|smoke'), process.exit(2));
const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, RESHELF_DATA: data } });
process.exit(r.status ?? 1);
