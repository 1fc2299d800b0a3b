/**
 * The classic baseline every text model is shown beside: TF-IDF (tfidf.ts) with multinomial
 * logistic regression (softmax, AdaGrad SGD over shuffled rows, L2 on the touched weights,
 * seeded so a run reproduces) or multinomial naive Bayes. Pure; trains on ~50k texts in seconds.
 */
import { seededRng } from '../rng';
import { DEFAULT_TFIDF, fitTfidf, transformTfidf, type SparseRows, type TfidfModel, type TfidfOptions } from './tfidf';

export type BaselineKind = 'lr' | 'nb';
export const BASELINE_KINDS: readonly BaselineKind[] = ['lr', 'nb'];

export interface BaselineOptions {
  kind: BaselineKind;
  tfidf: TfidfOptions;
  /** Logistic regression: passes over the training rows, AdaGrad step size, L2 strength. */
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Naive Bayes: additive smoothing. */
  alpha: number;
}

export const DEFAULT_BASELINE: BaselineOptions = { kind: 'lr', tfidf: DEFAULT_TFIDF, epochs: 5, learningRate: 0.1, l2: 1e-5, seed: 42, alpha: 0.05 };

export interface TextBaseline {
  readonly kind: BaselineKind;
  /** Labels it can predict (those of the training rows), in the order given. */
  readonly labels: readonly string[];
  readonly features: number;
  predict(texts: readonly string[]): string[];
  /** Per text, a score per label in `labels` order: logits (lr) or log-probabilities (nb). */
  scores(texts: readonly string[]): Float64Array[];
  /** Per text, the probability of each label in `labels` order (the softmax of `scores`). For distillation. */
  probabilities(texts: readonly string[]): Float64Array[];
}

/** Softmax of `s`, in place (shifted by the maximum so no score overflows). */
function softmaxInPlace(s: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of s) max = Math.max(max, v);
  let total = 0;
  for (let c = 0; c < s.length; c++) total += s[c] = Math.exp(s[c]! - max);
  for (let c = 0; c < s.length; c++) s[c]! /= total;
  return s;
}

/** A linear scorer over TF-IDF rows: weights[feature * K + k] plus bias[k]. */
interface Linear {
  weights: Float32Array;
  bias: Float64Array;
}

/** Row r's score per class into `scores` (bias + Σ value · weight). */
function scoreRow(x: SparseRows, r: number, model: Linear, k: number, scores: Float64Array): void {
  scores.set(model.bias);
  for (let p = x.indptr[r]!; p < x.indptr[r + 1]!; p++) {
    const base = x.indices[p]! * k;
    const v = x.values[p]!;
    for (let c = 0; c < k; c++) scores[c]! += v * model.weights[base + c]!;
  }
}

function argmaxRows(x: SparseRows, model: Linear, k: number): Int32Array {
  const out = new Int32Array(x.rows);
  const scores = new Float64Array(k);
  for (let r = 0; r < x.rows; r++) {
    scoreRow(x, r, model, k, scores);
    let best = 0;
    for (let c = 1; c < k; c++) if (scores[c]! > scores[best]!) best = c;
    out[r] = best;
  }
  return out;
}

function trainLogistic(x: SparseRows, y: Int32Array, k: number, o: BaselineOptions): Linear {
  const weights = new Float32Array(x.cols * k);
  const g2 = new Float32Array(x.cols * k);
  const bias = new Float64Array(k);
  const biasG2 = new Float64Array(k);
  const scores = new Float64Array(k);
  const order = Int32Array.from({ length: x.rows }, (_, i) => i);
  const rng = seededRng(o.seed);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    for (const r of order) {
      const from = x.indptr[r]!;
      const to = x.indptr[r + 1]!;
      scores.set(bias);
      for (let p = from; p < to; p++) {
        const base = x.indices[p]! * k;
        const v = x.values[p]!;
        for (let c = 0; c < k; c++) scores[c]! += v * weights[base + c]!;
      }
      let max = -Infinity;
      for (let c = 0; c < k; c++) max = Math.max(max, scores[c]!);
      let total = 0;
      for (let c = 0; c < k; c++) {
        scores[c] = Math.exp(scores[c]! - max);
        total += scores[c]!;
      }
      // scores becomes the gradient of the loss with respect to each class score.
      for (let c = 0; c < k; c++) scores[c] = scores[c]! / total - (c === y[r] ? 1 : 0);
      for (let c = 0; c < k; c++) {
        const g = scores[c]!;
        biasG2[c]! += g * g;
        bias[c]! -= (o.learningRate * g) / (Math.sqrt(biasG2[c]!) + 1e-8);
      }
      for (let p = from; p < to; p++) {
        const base = x.indices[p]! * k;
        const v = x.values[p]!;
        for (let c = 0; c < k; c++) {
          const w = weights[base + c]!;
          const g = scores[c]! * v + o.l2 * w;
          if (g === 0) continue;
          const acc = g2[base + c]! + g * g;
          g2[base + c] = acc;
          weights[base + c] = w - (o.learningRate * g) / (Math.sqrt(acc) + 1e-8);
        }
      }
    }
  }
  return { weights, bias };
}

function trainNaiveBayes(x: SparseRows, y: Int32Array, k: number, o: BaselineOptions): Linear {
  const mass = new Float64Array(x.cols * k);
  const classMass = new Float64Array(k);
  const classRows = new Float64Array(k);
  for (let r = 0; r < x.rows; r++) {
    const c = y[r]!;
    classRows[c]! += 1;
    for (let p = x.indptr[r]!; p < x.indptr[r + 1]!; p++) {
      mass[x.indices[p]! * k + c]! += x.values[p]!;
      classMass[c]! += x.values[p]!;
    }
  }
  const weights = new Float32Array(x.cols * k);
  for (let f = 0; f < x.cols; f++) {
    for (let c = 0; c < k; c++) weights[f * k + c] = Math.log((mass[f * k + c]! + o.alpha) / (classMass[c]! + o.alpha * x.cols));
  }
  const bias = Float64Array.from(classRows, (n) => Math.log(n / x.rows));
  return { weights, bias };
}

/**
 * Trains on texts with their labels. `labelOrder` fixes the class order (labels not in it
 * follow, sorted), which decides ties.
 */
export function trainBaseline(texts: readonly string[], labels: readonly string[], options: Partial<BaselineOptions> = {}, labelOrder: readonly string[] = []): TextBaseline {
  const o: BaselineOptions = { ...DEFAULT_BASELINE, ...options };
  if (texts.length !== labels.length) throw new Error(`${texts.length} texts but ${labels.length} labels`);
  if (texts.length === 0) throw new Error('no training texts');
  const present = new Set(labels);
  const classes = [...labelOrder.filter((l) => present.has(l)), ...[...present].filter((l) => !labelOrder.includes(l)).sort()];
  const index = new Map(classes.map((l, i) => [l, i]));
  const y = Int32Array.from(labels, (l) => index.get(l)!);
  const tfidf: TfidfModel = fitTfidf(texts, o.tfidf);
  const x = transformTfidf(tfidf, texts);
  const k = classes.length;
  const linear: Linear | null = k < 2 ? null : o.kind === 'nb' ? trainNaiveBayes(x, y, k, o) : trainLogistic(x, y, k, o);
  const scores = (batch: readonly string[]): Float64Array[] => {
    if (!linear) return batch.map(() => new Float64Array(k));
    const x = transformTfidf(tfidf, batch);
    return Array.from({ length: x.rows }, (_, r) => {
      const out = new Float64Array(k);
      scoreRow(x, r, linear, k, out);
      return out;
    });
  };
  return {
    kind: o.kind,
    labels: classes,
    features: x.cols,
    predict(batch) {
      if (!linear) return batch.map(() => classes[0]!);
      return Array.from(argmaxRows(transformTfidf(tfidf, batch), linear, k), (c) => classes[c]!);
    },
    scores,
    probabilities: (batch) => scores(batch).map(softmaxInPlace),
  };
}
