/** The text-model commands: `text prepare`, `eval text`, `text card`. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BASELINE_KINDS, type BaselineKind } from '../../src/core/text/baseline';
import { TEXT_TASKS, type TextTask } from '../../src/core/text/taxonomy';
import { numberFlag, UsageError } from '../cli-args';
import type { Command } from '../commands';
import { computeCard, formatCard, type CardMetrics } from './card';
import { runEvalText } from './eval-command';
import { formatTextReport } from './format';
import { DEFAULT_BATCH, DEFAULT_MODEL_DIR, loadNodeClassifier, missingModelFiles, MODEL_DTYPES, type ModelDtype } from './node-classifier';
import { formatCounts, prepare } from './prepare';
import { PRESET_NAMES } from './presets/index';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export const DEFAULT_DATA_DIR = '../shared/data';
export const DEFAULT_PREPARED_DIR = 'models/data';
export const DEFAULT_SPLITS_DIR = 'models/data/splits';

function choice<T extends string>(v: unknown, name: string, options: readonly T[]): T | undefined {
  const s = str(v);
  if (s === undefined) return undefined;
  if (!(options as readonly string[]).includes(s)) throw new UsageError(`${name} must be one of ${options.join(', ')}, got ${JSON.stringify(s)}`);
  return s as T;
}

/** --baseline lr|nb|none (default lr); null for none. */
const baselineFlag = (v: unknown): BaselineKind | null => {
  const b = choice(v, '--baseline', [...BASELINE_KINDS, 'none'] as const) ?? 'lr';
  return b === 'none' ? null : b;
};
/** --sep: `\t` and `tab` mean a tab. */
const sepFlag = (v: unknown) => {
  const s = str(v);
  return s === '\\t' || s === 'tab' ? '\t' : s;
};

const modelFlags = { model: { type: 'string' }, dtype: { type: 'string' }, batch: { type: 'string' }, threads: { type: 'string' } } as const;
const threadsFlag = (v: unknown) => numberFlag(v, '--threads', 1, 64, true);

export const TEXT_COMMANDS: Command[] = [
  {
    path: ['text', 'prepare'],
    usage: 'reshelf text prepare [--data ../shared/data] [--out models/data]',
    summary: 'split every text data set (deterministic, by text hash): train/dev/test.jsonl for training and each split in its native layout',
    flags: { data: { type: 'string' }, out: { type: 'string' } },
    async run(f, io) {
      const dataDir = str(f.data) ?? DEFAULT_DATA_DIR;
      const outDir = str(f.out) ?? DEFAULT_PREPARED_DIR;
      if (dataDir === '' || outDir === '') throw new UsageError('--data and --out must not be empty');
      const started = performance.now();
      const counts = await prepare({ dataDir, outDir });
      for (const line of formatCounts(counts)) io.out(line);
      io.out(`wrote ${outDir}/{train,dev,test}.jsonl and ${outDir}/splits/<source>/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      return 0;
    },
  },
  {
    path: ['eval', 'text'],
    usage: `reshelf eval text --task category|sentiment --train <path> --test <path> [--preset ${PRESET_NAMES.join('|')}|csv] [--model ${DEFAULT_MODEL_DIR}|none] [--dtype q8|fp32] [--batch ${DEFAULT_BATCH}] [--threads 1] [--text-col c --label-col c --sep s] [--baseline lr|nb|none] [--json]`,
    summary: 'accuracy, macro-F1, per-class scores and confusion matrix of the text model on a test file, beside a TF-IDF baseline trained on --train',
    flags: {
      task: { type: 'string' }, train: { type: 'string' }, test: { type: 'string' }, preset: { type: 'string' }, ...modelFlags,
      'text-col': { type: 'string' }, 'label-col': { type: 'string' }, sep: { type: 'string' }, baseline: { type: 'string' }, json: { type: 'boolean' },
    },
    async run(f, io) {
      const task = choice<TextTask>(f.task, '--task', TEXT_TASKS);
      if (!task) throw new UsageError('--task category|sentiment is required');
      const test = str(f.test);
      if (!test) throw new UsageError('--test <path> is required');
      const model = str(f.model) ?? DEFAULT_MODEL_DIR;
      const result = await runEvalText({
        task, test, train: str(f.train), preset: str(f.preset),
        generic: { textCol: str(f['text-col']), labelCol: str(f['label-col']), sep: sepFlag(f.sep) },
        model: model === 'none' ? null : model,
        dtype: choice<ModelDtype>(f.dtype, '--dtype', MODEL_DTYPES),
        batch: numberFlag(f.batch, '--batch', 1, 4096, true),
        threads: threadsFlag(f.threads),
        baseline: baselineFlag(f.baseline),
      });
      if (f.json) io.out(JSON.stringify(result));
      else for (const line of [`preset ${result.preset}; test ${result.test}; train ${result.train ?? '-'}`, ...formatTextReport(result)]) io.out(line);
      return 0;
    },
  },
  {
    path: ['text', 'card'],
    usage: `reshelf text card [--model ${DEFAULT_MODEL_DIR}] [--splits ${DEFAULT_SPLITS_DIR}] [--dtype q8|fp32] [--batch ${DEFAULT_BATCH}] [--threads 1] [--baseline lr|nb|none] [--out <model>/metrics.json] [--json]`,
    summary: "score the model and the baseline on every source's held-out test split (both tasks, pooled per language) and write the model's metrics.json",
    flags: { ...modelFlags, splits: { type: 'string' }, baseline: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
    async run(f, io) {
      const model = str(f.model) ?? DEFAULT_MODEL_DIR;
      const splitsDir = str(f.splits) ?? DEFAULT_SPLITS_DIR;
      const dtype = choice<ModelDtype>(f.dtype, '--dtype', MODEL_DTYPES) ?? 'q8';
      const batch = numberFlag(f.batch, '--batch', 1, 4096, true) ?? DEFAULT_BATCH;
      const threads = threadsFlag(f.threads) ?? 1;
      const baseline = baselineFlag(f.baseline);
      const out = str(f.out) ?? join(model, 'metrics.json');
      const problem = missingModelFiles(model, dtype);
      if (problem) throw new Error(problem);
      const started = performance.now();
      const classifier = await loadNodeClassifier(model, { dtype, batch, threads });
      let card: CardMetrics;
      try {
        const part = await computeCard({ classifier, splitsDir, baseline, onEntry: f.json ? undefined : (e) => io.out(`  ${e.source} ${e.task}: n ${e.n}, model ${(e.model.accuracy * 100).toFixed(2)}%${e.baseline ? `, baseline ${(e.baseline.accuracy * 100).toFixed(2)}%` : ''}`) });
        card = { model, dtype, batch, threads, command: `reshelf text card --model ${model} --splits ${splitsDir} --dtype ${dtype} --batch ${batch} --threads ${threads} --baseline ${baseline ?? 'none'}`, ...part };
      } finally {
        await classifier.dispose();
      }
      await writeFile(out, `${JSON.stringify(card, null, 2)}\n`);
      if (f.json) io.out(JSON.stringify(card));
      else for (const line of [...formatCard(card), '', `wrote ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s`]) io.out(line);
      return 0;
    },
  },
];
