// The n-gram bag's hash is written twice in models/train/model.py: ngram_keys (lists, for the
// probes that pick bag shapes) and bigram_bag (tensors, in the shipped graph). A probe is only
// evidence for a training run if both put the same n-grams in the same buckets.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const python = process.env.RESHELF_PYTHON ?? '/usr/bin/python3';

it('ngram_keys and the graph bag hash n-grams into the same buckets', () => {
  const run = spawnSync(python, [join(here, 'train', 'check_ngram_keys.py')], {
    cwd: join(here, 'train'),
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '1' },
  });
  expect(run.status, run.stderr || run.error?.message).toBe(0);
  const out = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { rows: number; max_error: number };
  expect(out.rows).toBe(96);
  expect(out.max_error).toBeLessThan(1e-4);
}, 60_000);
