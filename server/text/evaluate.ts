/**
 * Scores a text model and the TF-IDF baseline on the same test rows of one task. Pure apart
 * from the injected classifier: rows come in as preset tables, the report goes out as data.
 * A test row is used when its native label maps to a taxonomy label of the task that the model
 * can output; every other row is skipped and counted by its native label.
 */
import { trainBaseline, type BaselineOptions } from '../../src/core/text/baseline';
import { accuracyByLength, type LengthGroup } from '../../src/core/text/by-length';
import { scoreClassification, type ClassificationScores } from '../../src/core/text/metrics';
import { TASK_LABELS, type TextTask } from '../../src/core/text/taxonomy';
import { headLabels, type TextClassifier } from './classifier';
import type { SourceRow, SourceTable } from './source';

export interface RowCounts {
  /** Rows scored (test) or trained on (train). */
  used: number;
  /** Rows dropped for an empty text. */
  empty: number;
  /** Rows without a label of the task, or with one the model cannot output, by native label. */
  skipped: Record<string, number>;
}

export interface ModelScores extends ClassificationScores {
  name: string;
  timings: { predictMs: number; msPerText: number };
}

export interface BaselineScores extends ClassificationScores {
  kind: string;
  features: number;
  timings: { trainMs: number; predictMs: number };
}

export interface TextEvalReport {
  task: TextTask;
  rows: { train: RowCounts | null; test: RowCounts };
  model: ModelScores | null;
  baseline: BaselineScores | null;
  /** Accuracy of each side on the test rows in four groups by text length (quartiles). */
  byLength: LengthGroup[];
}

/** The texts and truth the report was computed from, and each side's predictions. */
export interface TextEvalDetail {
  texts: string[];
  langs: string[];
  truth: string[];
  model: string[] | null;
  baseline: string[] | null;
}

export interface EvaluateInput {
  task: TextTask;
  test: SourceTable;
  /** Null: no baseline. */
  train: SourceTable | null;
  classifier: TextClassifier | null;
  baseline?: Partial<BaselineOptions> | undefined;
  /** Wall-clock source, injectable so tests can fix timings. */
  now?: (() => number) | undefined;
}

const labelOf = (row: SourceRow, task: TextTask): string | null => (task === 'category' ? row.category : row.sentiment);

/** Rows with a label the `allowed` set holds, and counts of the rest. */
export function selectRows(table: SourceTable, task: TextTask, allowed: ReadonlySet<string>): { rows: SourceRow[]; counts: RowCounts } {
  const rows: SourceRow[] = [];
  const skipped: Record<string, number> = {};
  for (const row of table.rows) {
    const label = labelOf(row, task);
    if (label !== null && allowed.has(label)) rows.push(row);
    else skipped[row.native] = (skipped[row.native] ?? 0) + 1;
  }
  return { rows, counts: { used: rows.length, empty: table.empty, skipped } };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export async function evaluateText(input: EvaluateInput): Promise<{ report: TextEvalReport; detail: TextEvalDetail }> {
  const { task, classifier } = input;
  const now = input.now ?? (() => performance.now());
  const order = TASK_LABELS[task];
  let allowed = new Set(order);
  if (classifier) {
    const labels = headLabels(classifier, task);
    if (!labels) throw new Error(`the model ${classifier.name} has no "${task}" head (heads: ${classifier.spec.heads.map((h) => h.name).join(', ')})`);
    allowed = new Set(order.filter((l) => labels.includes(l)));
  }
  const test = selectRows(input.test, task, allowed);
  if (test.rows.length === 0) throw new Error(`no test rows with a ${task} label the model can output (skipped: ${JSON.stringify(test.counts.skipped)})`);
  const texts = test.rows.map((r) => r.text);
  const truth = test.rows.map((r) => labelOf(r, task)!);
  const detail: TextEvalDetail = { texts, langs: test.rows.map((r) => r.lang), truth, model: null, baseline: null };
  const report: TextEvalReport = { task, rows: { train: null, test: test.counts }, model: null, baseline: null, byLength: [] };

  if (classifier) {
    const t0 = now();
    const out = await classifier.classify(texts);
    const predictMs = now() - t0;
    detail.model = out.map((c) => c[task]?.label ?? '');
    report.model = { name: classifier.name, ...scoreClassification(truth, detail.model, order), timings: { predictMs: round(predictMs), msPerText: Math.round((predictMs / texts.length) * 1000) / 1000 } };
  }
  if (input.train) {
    const train = selectRows(input.train, task, new Set(order));
    report.rows.train = train.counts;
    if (train.rows.length === 0) throw new Error(`no training rows with a ${task} label (skipped: ${JSON.stringify(train.counts.skipped)})`);
    const t0 = now();
    const baseline = trainBaseline(train.rows.map((r) => r.text), train.rows.map((r) => labelOf(r, task)!), input.baseline ?? {}, order);
    const t1 = now();
    detail.baseline = baseline.predict(texts);
    const predictMs = now() - t1;
    report.baseline = { kind: baseline.kind, features: baseline.features, ...scoreClassification(truth, detail.baseline, order), timings: { trainMs: round(t1 - t0), predictMs: round(predictMs) } };
  }
  const sides: Record<string, string[]> = {};
  if (detail.model) sides.model = detail.model;
  if (detail.baseline) sides.baseline = detail.baseline;
  report.byLength = accuracyByLength(texts, truth, sides);
  return { report, detail };
}
