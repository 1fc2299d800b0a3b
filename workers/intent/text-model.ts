/**
 * One loaded text model: tokenizer + encoder + the heads spec from config.json. Inferences run
 * one at a time (onnxruntime-web sessions are not re-entrant, and a batch must not interleave
 * with another caller's), each cut to the length the model was trained with (its first half and
 * its end: src/core/text/fit-length.ts).
 */
import { batchFor, inputLength, type PaddedBatch } from '../../src/core/text/fit-length';
import { splitHeads, type Classification, type TextModelSpec } from '../../src/core/text/heads';
import type { LoadTimings, ModelDevice } from './types';

/** Token ids per text, with the special tokens and without truncation (the cut is ours). */
export type TokenizerLike = (texts: string[]) => number[][];

/** The model's inputs (int64 tensors) from a padded batch. */
export type InputsLike = (batch: PaddedBatch) => Record<string, unknown>;

/** The slice of a transformers.js `AutoModelForSequenceClassification` reshelf uses. */
export type EncoderLike = (inputs: Record<string, unknown>) => Promise<{ logits: { data: ArrayLike<number>; dims: readonly number[] } }>;

export interface TextModel {
  readonly spec: TextModelSpec;
  readonly device: ModelDevice;
  readonly threads: number;
  /** Set by the loader once the model is ready. */
  timings?: LoadTimings | undefined;
  /** One classification per text, in order. `warmUp`: not a shopper's query (see warm-up.ts). */
  classify(texts: readonly string[], options?: { warmUp?: boolean }): Promise<Classification[]>;
  /** When a shopper's query last came in (ms, performance.now()); -Infinity before the first. */
  lastQueryAt(): number;
}

export interface TextModelParts {
  tokenizer: TokenizerLike;
  inputs: InputsLike;
  encoder: EncoderLike;
  spec: TextModelSpec;
  /** Tokens per text (fit-length.ts inputLength); the trained length when absent. */
  maxLength?: number | undefined;
  device: ModelDevice;
  threads: number;
}

export function createTextModel(parts: TextModelParts): TextModel {
  const { tokenizer, inputs, encoder, spec } = parts;
  const maxLength = inputLength(spec.maxLength, parts.maxLength);
  let chain: Promise<unknown> = Promise.resolve();
  let lastQuery = -Infinity;

  async function run(texts: readonly string[]): Promise<Classification[]> {
    if (texts.length === 0) return [];
    const { logits } = await encoder(inputs(batchFor(texts, tokenizer, maxLength)));
    const [rows, width] = logits.dims;
    if (rows !== texts.length || width !== spec.width) throw new Error(`model returned logits [${logits.dims.join(', ')}], expected [${texts.length}, ${spec.width}]`);
    return texts.map((_, row) => splitHeads(logits.data, row, spec));
  }

  return {
    spec,
    device: parts.device,
    threads: parts.threads,
    lastQueryAt: () => lastQuery,
    classify(texts, options) {
      if (!options?.warmUp) lastQuery = performance.now();
      const next = chain.then(() => run(texts));
      chain = next.catch(() => undefined);
      return next;
    },
  };
}
