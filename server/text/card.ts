/**
 * `reshelf text card`: scores a model and the baseline on every source's held-out test split
 * (models/data/splits, written by `text prepare`) for each task the source has, and pools the
 * rows per language. The result is the model folder's metrics.json, which the model card quotes
 * and models/model-card.test.ts re-checks.
 */
import { join } from 'node:path';
import type { BaselineKind } from '../../src/core/text/baseline';
import { scoreClassification } from '../../src/core/text/metrics';
import { TASK_LABELS, type TextTask } from '../../src/core/text/taxonomy';
import { memoClassifier, type TextClassifier } from './classifier';
import { evaluateText } from './evaluate';
import { PRESETS } from './presets/index';
import type { Lang, Preset } from './source';

export interface Score {
  accuracy: number;
  macroF1: number;
}

export interface CardEntry {
  source: string;
  lang: Lang;
  task: TextTask;
  /** Test rows scored. */
  n: number;
  /** Test rows skipped (no label of the task, or one the model cannot output). */
  skipped: number;
  model: Score;
  baseline: Score | null;
}

export interface CardMetrics {
  model: string;
  dtype: string;
  batch: number;
  /** onnxruntime intra-op threads the figures were computed with. */
  threads: number;
  splits: string;
  baseline: BaselineKind | null;
  command: string;
  sources: CardEntry[];
  /** All test rows of a language and task pooled: accuracy and macro-F1 over the pooled rows. */
  byLanguage: Partial<Record<Lang, Partial<Record<TextTask, { n: number; sources: string[]; model: Score; baseline: Score | null }>>>>;
}

export interface CardInput {
  classifier: TextClassifier;
  splitsDir: string;
  /** Null: model only (what the model-card test re-checks). */
  baseline: BaselineKind | null;
  presets?: readonly Preset[] | undefined;
  /** Called after each source/task, e.g. to print progress. */
  onEntry?: ((entry: CardEntry) => void) | undefined;
}

const score = (s: { accuracy: number; macroF1: number }): Score => ({ accuracy: s.accuracy, macroF1: s.macroF1 });

export async function computeCard(input: CardInput): Promise<Omit<CardMetrics, 'model' | 'dtype' | 'batch' | 'threads' | 'command'>> {
  const classifier = memoClassifier(input.classifier);
  const sources: CardEntry[] = [];
  const pooled = new Map<string, { lang: Lang; task: TextTask; sources: string[]; truth: string[]; model: string[]; baseline: string[] }>();
  for (const preset of input.presets ?? PRESETS) {
    const dir = join(input.splitsDir, preset.name);
    const test = await preset.read(join(dir, preset.splitName('test')), 'test');
    const train = input.baseline ? await preset.read(join(dir, preset.splitName('train')), 'train') : null;
    for (const task of preset.tasks) {
      const { report, detail } = await evaluateText({ task, test, train, classifier, baseline: input.baseline ? { kind: input.baseline } : undefined });
      const lang = detail.langs[0] === 'zh' ? 'zh' : 'en';
      const skipped = Object.values(report.rows.test.skipped).reduce((a, b) => a + b, 0);
      const entry: CardEntry = { source: preset.name, lang, task, n: detail.truth.length, skipped, model: score(report.model!), baseline: report.baseline ? score(report.baseline) : null };
      sources.push(entry);
      input.onEntry?.(entry);
      const key = `${lang}/${task}`;
      const pool = pooled.get(key) ?? { lang, task, sources: [], truth: [], model: [], baseline: [] };
      pool.sources.push(preset.name);
      pool.truth.push(...detail.truth);
      pool.model.push(...detail.model!);
      if (detail.baseline) pool.baseline.push(...detail.baseline);
      pooled.set(key, pool);
    }
  }
  const byLanguage: CardMetrics['byLanguage'] = {};
  for (const p of pooled.values()) {
    const order = TASK_LABELS[p.task];
    const lang = (byLanguage[p.lang] ??= {});
    lang[p.task] = {
      n: p.truth.length,
      sources: p.sources,
      model: score(scoreClassification(p.truth, p.model, order)),
      baseline: input.baseline ? score(scoreClassification(p.truth, p.baseline, order)) : null,
    };
  }
  return { splits: input.splitsDir, baseline: input.baseline, sources, byLanguage };
}

const pct = (x: number | undefined) => (x === undefined ? '     -' : (x * 100).toFixed(2).padStart(6));

/** One line per source/task and per language: model vs baseline accuracy and macro-F1. */
export function formatCard(m: Pick<CardMetrics, 'sources' | 'byLanguage'>): string[] {
  const head = `${'source'.padEnd(28)} lang task          n | model acc    mF1 | baseline acc    mF1`;
  const line = (name: string, lang: string, task: string, n: number, model: Score, baseline: Score | null) =>
    `${name.padEnd(28)} ${lang.padEnd(4)} ${task.padEnd(9)} ${String(n).padStart(6)} |    ${pct(model.accuracy)} ${pct(model.macroF1)} |       ${pct(baseline?.accuracy)} ${pct(baseline?.macroF1)}`;
  const lines = [head, ...m.sources.map((e) => line(e.source, e.lang, e.task, e.n, e.model, e.baseline)), ''];
  for (const [lang, tasks] of Object.entries(m.byLanguage)) {
    for (const [task, s] of Object.entries(tasks)) lines.push(line(`all ${lang} (pooled)`, lang, task, s.n, s.model, s.baseline));
  }
  return lines;
}
