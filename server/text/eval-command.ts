/**
 * `reshelf eval text`: the file-reading glue around evaluate.ts. Reads --train/--test with a
 * preset (or the generic CSV reader), loads the model, and returns the report.
 */
import { existsSync } from 'node:fs';
import type { BaselineKind } from '../../src/core/text/baseline';
import type { TextTask } from '../../src/core/text/taxonomy';
import { UsageError } from '../cli-args';
import type { TextClassifier } from './classifier';
import { evaluateText, type TextEvalReport } from './evaluate';
import { loadNodeClassifier, missingModelFiles, type ModelDtype } from './node-classifier';
import { findPreset, genericPreset, PRESET_NAMES, type GenericOptions } from './presets/index';
import type { Preset } from './source';

export interface EvalTextArgs {
  task: TextTask;
  train?: string | undefined;
  test: string;
  preset?: string | undefined;
  generic?: GenericOptions | undefined;
  /** A model folder, or null for the baseline alone. */
  model: string | null;
  dtype?: ModelDtype | undefined;
  batch?: number | undefined;
  threads?: number | undefined;
  /** Null: no baseline (needs no --train). */
  baseline: BaselineKind | null;
  /** An already loaded model (tests, the model card); `model` is then only its label. */
  classifier?: TextClassifier | undefined;
}

export interface EvalTextResult extends TextEvalReport {
  preset: string;
  train: string | null;
  test: string;
}

/** The preset for --preset, or the generic reader; usage errors for unknown names and tasks. */
export function resolvePreset(name: string | undefined, generic: GenericOptions | undefined, task: TextTask): Preset {
  const hasGeneric = generic !== undefined && Object.values(generic).some((v) => v !== undefined);
  if (name === undefined || name === 'csv') return genericPreset(generic ?? {});
  const preset = findPreset(name);
  if (!preset) throw new UsageError(`unknown --preset ${JSON.stringify(name)}; known: ${[...PRESET_NAMES, 'csv'].join(', ')}`);
  if (hasGeneric) throw new UsageError(`--text-col/--label-col/--sep are for CSV files without a preset, not with --preset ${name}`);
  if (!preset.tasks.includes(task)) throw new UsageError(`preset ${name} has no ${task} labels (its tasks: ${preset.tasks.join(', ')})`);
  return preset;
}

export async function runEvalText(args: EvalTextArgs): Promise<EvalTextResult> {
  const preset = resolvePreset(args.preset, args.generic, args.task);
  for (const [flag, path] of [['--test', args.test], ['--train', args.train]] as const) {
    if (path !== undefined && !existsSync(path)) throw new Error(`${flag} ${path} does not exist`);
  }
  if (args.baseline !== null && args.train === undefined) throw new UsageError('--train is required for the baseline (or pass --baseline none)');
  if (args.model === null && args.baseline === null && !args.classifier) throw new UsageError('nothing to evaluate: --model none and --baseline none');
  let classifier = args.classifier ?? null;
  let owned = false;
  if (!classifier && args.model !== null) {
    const problem = missingModelFiles(args.model, args.dtype ?? 'q8');
    if (problem) throw new Error(`${problem}, or --model none for the baseline alone`);
    classifier = await loadNodeClassifier(args.model, { dtype: args.dtype, batch: args.batch, threads: args.threads });
    owned = true;
  }
  try {
    const test = await preset.read(args.test, 'test');
    const train = args.baseline !== null && args.train !== undefined ? await preset.read(args.train, 'train') : null;
    const { report } = await evaluateText({ task: args.task, test, train, classifier, baseline: args.baseline ? { kind: args.baseline } : undefined });
    return { preset: preset.name, train: args.train ?? null, test: args.test, ...report };
  } finally {
    if (owned) await classifier?.dispose();
  }
}
