// Every architecture option train.py offers must survive export and the int8 rewrite: a tiny
// random-weight model of each (models/train/export_variants.py) is loaded by transformers.js, as
// the browser loads the shipped one, and its logits must match PyTorch's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutoModelForSequenceClassification, Tensor, env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const python = process.env.RESHELF_PYTHON ?? '/usr/bin/python3';

interface Case {
  input_ids: number[][];
  attention_mask: number[][];
  logits: number[][];
}

const VARIANTS = ['cls', 'cls_mean_bigram', 'trigram_sqrt_bag', 'two_bag_tables', 'bag_into_logits', 'cls_mean_max', 'factorised_table'];

let dir = '';
let cases: Record<string, Case> = {};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reshelf-variants-'));
  const run = spawnSync(python, [join(here, 'train', 'export_variants.py'), '--out', dir], {
    cwd: join(here, 'train'),
    encoding: 'utf8',
    env: { ...process.env, OMP_NUM_THREADS: '1' },
  });
  if (run.status !== 0) throw new Error(`export_variants.py failed: ${run.stderr || run.error?.message}`);
  cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as Record<string, Case>;
  env.allowRemoteModels = false;
  env.localModelPath = `${dir}/`;
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function int64(rows: number[][]): Tensor {
  return new Tensor('int64', BigInt64Array.from(rows.flat(), (v) => BigInt(v)), [rows.length, rows[0]!.length]);
}

async function run(name: string, dtype: 'fp32' | 'q8'): Promise<number[][]> {
  const c = cases[name]!;
  const model = await AutoModelForSequenceClassification.from_pretrained(name, { dtype });
  try {
    const inputs = { input_ids: int64(c.input_ids), attention_mask: int64(c.attention_mask), token_type_ids: int64(c.input_ids.map((r) => r.map(() => 0))) };
    const { logits } = (await model(inputs)) as { logits: Tensor };
    const [rows, width] = logits.dims as [number, number];
    const data = logits.data as Float32Array;
    return Array.from({ length: rows }, (_, r) => Array.from(data.subarray(r * width, (r + 1) * width)));
  } finally {
    await model.dispose();
  }
}

function maxAbsDiff(a: number[][], b: number[][]): number {
  let worst = 0;
  a.forEach((row, r) => row.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - b[r]![k]!)))));
  return worst;
}

const spread = (rows: number[][]): number => Math.max(...rows.flat()) - Math.min(...rows.flat());

describe('every architecture option exports and quantizes', () => {
  it('covers the variants the Python side wrote', () => {
    expect(Object.keys(cases).sort()).toEqual([...VARIANTS].sort());
  });

  for (const name of VARIANTS) {
    it(`${name}: fp32 ONNX matches PyTorch, int8 stays close and is smaller`, async () => {
      const c = cases[name]!;
      expect(spread(c.logits)).toBeGreaterThan(0.05); // the weights were spread enough to show errors
      const fp32 = await run(name, 'fp32');
      expect(fp32).toHaveLength(c.logits.length);
      expect(maxAbsDiff(fp32, c.logits)).toBeLessThan(1e-4 * (1 + spread(c.logits)));
      const q8 = await run(name, 'q8');
      expect(maxAbsDiff(q8, c.logits)).toBeLessThan(0.05 * spread(c.logits));
      const bytes = (f: string) => statSync(join(dir, name, 'onnx', f)).size;
      expect(bytes('model_quantized.onnx')).toBeLessThan(0.5 * bytes('model.onnx'));
    });
  }
});
