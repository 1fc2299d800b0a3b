/**
 * What the text evaluation needs from a model: its heads and one classification per text.
 * The Node runner (node-classifier.ts) implements it with transformers.js; tests use fakes.
 */
import type { Classification, TextModelSpec } from '../../src/core/text/heads';

export interface TextClassifier {
  /** A short description for reports, e.g. `models/reshelf-intent (q8)`. */
  readonly name: string;
  readonly spec: TextModelSpec;
  classify(texts: readonly string[]): Promise<Classification[]>;
  dispose(): Promise<void>;
}

/** Labels of the head named like the task, or null when the model has no such head. */
export function headLabels(classifier: TextClassifier, task: string): readonly string[] | null {
  return classifier.spec.heads.find((h) => h.name === task)?.labels ?? null;
}

/** Remembers each text's classification, so scoring two tasks on one split runs the model once. */
export function memoClassifier(inner: TextClassifier): TextClassifier {
  const memo = new Map<string, Classification>();
  return {
    name: inner.name,
    spec: inner.spec,
    async classify(texts) {
      const missing = [...new Set(texts.filter((t) => !memo.has(t)))];
      if (missing.length) {
        const out = await inner.classify(missing);
        missing.forEach((t, i) => memo.set(t, out[i]!));
      }
      return texts.map((t) => memo.get(t)!);
    },
    dispose: () => inner.dispose(),
  };
}
