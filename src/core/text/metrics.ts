/**
 * Classification metrics for the text models: accuracy, macro-F1, per-class precision, recall,
 * F1 and support, and the confusion matrix. Pure. The label set is every label that occurs as
 * truth or as prediction (scikit-learn's default), so predicting a label the test set never has
 * costs precision and macro-F1 instead of being ignored. A class without predictions has
 * precision 0, one without truth rows recall 0 (scikit-learn's zero_division=0).
 */

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  /** Test rows whose truth is this class. */
  support: number;
  /** Rows predicted as this class. */
  predicted: number;
}

export interface Confusion {
  /** Row and column order. */
  labels: string[];
  /** matrix[t][p]: rows with truth labels[t] predicted as labels[p]. */
  matrix: number[][];
}

export interface ClassificationScores {
  n: number;
  /** Fractions 0..1 (NaN when n is 0). */
  accuracy: number;
  macroF1: number;
  perClass: Record<string, ClassScores>;
  confusion: Confusion;
}

/** Labels present in truth or predictions: those in `order` first (in that order), then the rest sorted. */
export function labelSet(truth: readonly string[], pred: readonly string[], order: readonly string[] = []): string[] {
  const seen = new Set<string>([...truth, ...pred]);
  const known = order.filter((l) => seen.has(l));
  const rest = [...seen].filter((l) => !order.includes(l)).sort();
  return [...known, ...rest];
}

export function confusionMatrix(truth: readonly string[], pred: readonly string[], labels: readonly string[]): number[][] {
  if (truth.length !== pred.length) throw new Error(`truth has ${truth.length} labels, predictions ${pred.length}`);
  const index = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  for (let i = 0; i < truth.length; i++) {
    const t = index.get(truth[i]!);
    const p = index.get(pred[i]!);
    if (t === undefined || p === undefined) throw new Error(`label ${JSON.stringify(t === undefined ? truth[i] : pred[i])} is not among ${JSON.stringify(labels)}`);
    matrix[t]![p]! += 1;
  }
  return matrix;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function scoreClassification(truth: readonly string[], pred: readonly string[], order: readonly string[] = []): ClassificationScores {
  const labels = labelSet(truth, pred, order);
  const matrix = confusionMatrix(truth, pred, labels);
  const perClass: Record<string, ClassScores> = {};
  let correct = 0;
  let f1Sum = 0;
  labels.forEach((label, k) => {
    const tp = matrix[k]![k]!;
    const support = matrix[k]!.reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((a, row) => a + row[k]!, 0);
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    const f1 = ratio(2 * precision * recall, precision + recall);
    perClass[label] = { precision, recall, f1, support, predicted };
    correct += tp;
    f1Sum += f1;
  });
  const n = truth.length;
  return { n, accuracy: n === 0 ? NaN : correct / n, macroF1: labels.length === 0 ? NaN : f1Sum / labels.length, perClass, confusion: { labels, matrix } };
}
