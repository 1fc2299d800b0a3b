/**
 * Runs a shipped text model in Node (onnxruntime-node under transformers.js), for the evaluation
 * CLI and the model card. Node-only glue: never import it from src/ or workers/.
 * Texts are sorted by length and classified in fixed batches, so a run is reproducible and
 * padding stays small; each is cut as in the browser (src/core/text/fit-length.ts).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { batchFor, bertInputs, inputLength, untruncatedIds, type CallableTokenizer } from '../../src/core/text/fit-length';
import { parseTextModelSpec, splitHeads, type Classification } from '../../src/core/text/heads';
import type { TextClassifier } from './classifier';

export type ModelDtype = 'q8' | 'fp32';
export const MODEL_DTYPES: readonly ModelDtype[] = ['q8', 'fp32'];
export const DEFAULT_MODEL_DIR = 'models/reshelf-intent';
export const DEFAULT_BATCH = 32;

/**
 * Imported by a computed name, so bundlers leave it (and onnxruntime-node's native binding)
 * out of dist/cli.js; Node resolves it from node_modules when a model is loaded.
 */
const TRANSFORMERS = '@huggingface/transformers';
type Transformers = typeof import('@huggingface/transformers');

const FILES: Record<ModelDtype, string> = { q8: 'onnx/model_quantized.onnx', fp32: 'onnx/model.onnx' };

interface TensorLike {
  data: ArrayLike<number>;
  dims: readonly number[];
}
type Encode = (inputs: Record<string, unknown>) => Promise<{ logits: TensorLike }>;

/** Why a folder is not a loadable model, or null when it looks complete. */
export function missingModelFiles(dir: string, dtype: ModelDtype): string | null {
  const need = ['config.json', 'tokenizer.json', 'tokenizer_config.json', FILES[dtype]];
  const missing = need.filter((f) => !existsSync(join(dir, f)));
  return missing.length ? `no model at ${dir} (missing ${missing.join(', ')}); scripts/train-model.sh trains one, or pass --model <dir>` : null;
}

export interface NodeClassifierOptions {
  dtype?: ModelDtype | undefined;
  batch?: number | undefined;
  /**
   * onnxruntime intra-op threads. One by default: on these 2-core machines a second thread
   * competing with any other process made inference about 3× slower, and one is reproducible.
   */
  threads?: number | undefined;
}

export async function loadNodeClassifier(dir: string, options: NodeClassifierOptions = {}): Promise<TextClassifier> {
  const dtype = options.dtype ?? 'q8';
  const batch = options.batch ?? DEFAULT_BATCH;
  const threads = options.threads ?? 1;
  const problem = missingModelFiles(dir, dtype);
  if (problem) throw new Error(problem);
  const spec = parseTextModelSpec(JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as unknown);
  if (!spec.ok) throw new Error(`${dir}/config.json: ${spec.error}`);
  const { AutoModelForSequenceClassification, AutoTokenizer, Tensor, env } = (await import(TRANSFORMERS)) as Transformers;
  const full = resolve(dir);
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${dirname(full)}/`;
  const name = basename(full);
  const tokenizer = await AutoTokenizer.from_pretrained(name);
  const model = await AutoModelForSequenceClassification.from_pretrained(name, { dtype, session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 } });
  const limit = inputLength(spec.value.maxLength, tokenizer.model_max_length);
  const tokenize = untruncatedIds(tokenizer as unknown as CallableTokenizer);
  const encode = ((inputs: Record<string, unknown>) => model(inputs)) as unknown as Encode;

  return {
    name: `${dir} (${dtype}${threads === 1 ? '' : `, ${threads} threads`})`,
    spec: spec.value,
    async classify(texts) {
      const out: Classification[] = new Array<Classification>(texts.length);
      const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length || a - b);
      for (let s = 0; s < order.length; s += batch) {
        const idx = order.slice(s, s + batch);
        const b = batchFor(idx.map((i) => texts[i]!), tokenize, limit);
        const { logits } = await encode(bertInputs(b, (data, dims) => new Tensor('int64', data, dims)));
        const [rows, width] = logits.dims;
        if (rows !== idx.length || width !== spec.value.width) throw new Error(`model returned logits [${logits.dims.join(', ')}], expected [${idx.length}, ${spec.value.width}]`);
        idx.forEach((i, row) => {
          out[i] = splitHeads(logits.data, row, spec.value);
        });
      }
      return out;
    },
    dispose: async () => {
      await model.dispose();
    },
  };
}
