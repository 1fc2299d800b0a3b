import { type Result, describe, fail, isFiniteNumber, isRecord, ok } from '../result.js';

/**
 * The shipped text model is one BERT encoder with several classification heads whose logits
 * are concatenated into the single `logits` output transformers.js expects. `config.json`
 * carries a `reshelf` block that says which slice of the logits belongs to which head.
 */
export interface HeadSpec {
  readonly name: string;
  readonly labels: readonly string[];
  /** Index of this head's first logit in the concatenated output. */
  readonly offset: number;
}

export interface TextModelSpec {
  readonly heads: readonly HeadSpec[];
  /** Tokens per input the model was trained with (longer inputs are truncated). */
  readonly maxLength: number;
  /** Total logits per row (sum of all heads' label counts). */
  readonly width: number;
}

export interface HeadScores {
  /** The most probable label. */
  readonly label: string;
  /** Its probability. */
  readonly score: number;
  /** Softmax probabilities over this head's labels, in label order. */
  readonly probs: Readonly<Record<string, number>>;
}

export type Classification = Readonly<Record<string, HeadScores>>;

/** Validate the `reshelf` block of a model's config.json. */
export function parseTextModelSpec(config: unknown): Result<TextModelSpec> {
  if (!isRecord(config) || !isRecord(config.reshelf)) {
    return fail(`[Model] config.json has no "reshelf" block; received ${describe(config)}`);
  }
  const block = config.reshelf;
  if (!Array.isArray(block.heads) || block.heads.length === 0) {
    return fail(`[Model] reshelf.heads must be a non-empty array; received ${describe(block.heads)}`);
  }
  const heads: HeadSpec[] = [];
  let width = 0;
  for (const raw of block.heads as unknown[]) {
    if (!isRecord(raw) || typeof raw.name !== 'string' || !Array.isArray(raw.labels)) {
      return fail(`[Model] each head needs a name and labels; received ${describe(raw)}`);
    }
    const labels = raw.labels as unknown[];
    if (labels.length < 2 || !labels.every((l): l is string => typeof l === 'string')) {
      return fail(`[Model] head "${raw.name}" needs at least two string labels; received ${describe(labels)}`);
    }
    if (raw.offset !== width) {
      return fail(`[Model] head "${raw.name}" offset must be ${width}; received ${describe(raw.offset)}`);
    }
    heads.push({ name: raw.name, labels, offset: width });
    width += labels.length;
  }
  const maxLength = block.max_length;
  if (!isFiniteNumber(maxLength) || !Number.isInteger(maxLength) || maxLength < 2) {
    return fail(`[Model] reshelf.max_length must be an integer >= 2; received ${describe(maxLength)}`);
  }
  return ok({ heads, maxLength, width });
}

/** Split one row of concatenated logits into per-head softmax scores. */
export function splitHeads(logits: ArrayLike<number>, row: number, spec: TextModelSpec): Classification {
  const out: Record<string, HeadScores> = {};
  const base = row * spec.width;
  for (const head of spec.heads) {
    let max = -Infinity;
    for (let i = 0; i < head.labels.length; i++) max = Math.max(max, logits[base + head.offset + i] ?? -Infinity);
    const exps = head.labels.map((_, i) => Math.exp((logits[base + head.offset + i] ?? -Infinity) - max));
    const total = exps.reduce((a, b) => a + b, 0);
    const probs: Record<string, number> = {};
    let best = 0;
    head.labels.forEach((label, i) => {
      const p = (exps[i] ?? 0) / total;
      probs[label] = p;
      if (p > (exps[best] ?? 0) / total) best = i;
    });
    const label = head.labels[best] ?? head.labels[0] ?? '';
    out[head.name] = { label, score: probs[label] ?? 0, probs };
  }
  return out;
}
