/**
 * One loaded text model: tokenizer + encoder + the heads spec from config.json. Inferences run
 * one at a time (onnxruntime-web sessions are not re-entrant, and a batch must not interleave
 * with another caller's), each truncated to the length the model was trained with.
 */
import { splitHeads, type Classification, type TextModelSpec } from '../../src/core/text/heads';
import type { LoadTimings, ModelDevice } from './types';

/** The slice of a transformers.js tokenizer reshelf uses (it is a callable object). */
export type TokenizerLike = (texts: string[], options: { padding: boolean; truncation: boolean; max_length: number }) => Record<string, unknown>;

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

/** Characters kept before tokenising: far more than `maxLength` tokens, so truncation is the tokenizer's. */
const CHARS_PER_TOKEN_BOUND = 8;

export function createTextModel(parts: { tokenizer: TokenizerLike; encoder: EncoderLike; spec: TextModelSpec; device: ModelDevice; threads: number }): TextModel {
  const { tokenizer, encoder, spec } = parts;
  const maxChars = spec.maxLength * CHARS_PER_TOKEN_BOUND;
  let chain: Promise<unknown> = Promise.resolve();
  let lastQuery = -Infinity;

  async function run(texts: readonly string[]): Promise<Classification[]> {
    if (texts.length === 0) return [];
    const inputs = tokenizer(texts.map((t) => t.slice(0, maxChars)), { padding: true, truncation: true, max_length: spec.maxLength });
    const { logits } = await encoder(inputs);
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
