/**
 * Loads the text model in the engine worker: imports the transformers.js chunk on demand,
 * gives it a fetch that can only reach the merchant's model URL, loads tokenizer + quantized
 * encoder on the chosen device, checks the heads spec and warms up. Browser-only glue; the rules
 * it follows are in runtime-env.ts (files, threads), model-fetch.ts (network) and service.ts
 * (when, timeout, fallback).
 */
import { bertInputs, inputLength, untruncatedIds, type CallableTokenizer } from '../../src/core/text/fit-length';
import { parseTextModelSpec } from '../../src/core/text/heads';
import { createModelCache, pathBase } from './model-cache';
import { createModelFetch } from './model-fetch';
import { runtimeSettings } from './runtime-env';
import type { LoadHooks } from './service';
import { createTextModel, type EncoderLike, type InputsLike, type TextModel, type TokenizerLike } from './text-model';
import type { ModelConfig, ModelDevice } from './types';
import { WARM_UP, WARM_UP_BACKGROUND, warmUp } from './warm-up';

type Ml = typeof import('./ml');
let copies = 0;

export async function loadTextModel(config: ModelConfig, device: ModelDevice, hooks: LoadHooks): Promise<TextModel> {
  const t0 = performance.now();
  const shared = await import('./ml');
  // After a failure the shared copy may be stuck (ml.ts): load an untouched one under another URL.
  const ml: Ml = hooks.fresh ? ((await import(/* @vite-ignore */ `${shared.CHUNK_URL}?copy=${++copies}`)) as Ml) : shared;
  const { env } = ml;
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const settings = runtimeSettings(config, device, ml.ORT_FILES, isolated);
  const t1 = performance.now();

  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = settings.localModelPath;
  // transformers.js's paths are relative; a worker started from a blob: module resolves them
  // against the origin that created it.
  const base = pathBase(self.location.href);
  env.fetch = createModelFetch({
    baseUrl: config.baseUrl,
    virtualPath: settings.localModelPath,
    origin: base,
    fetch: globalThis.fetch.bind(globalThis),
    signal: hooks.signal,
    onProgress: hooks.onProgress,
  });
  // Model files in Cache Storage: the second visit fetches nothing. Through env.customCache, so
  // the keys resolve against `base` (transformers.js's own cache fails in a blob: worker).
  env.useBrowserCache = false;
  env.useCustomCache = true;
  env.customCache = createModelCache(typeof caches === 'undefined' ? undefined : caches, settings.cacheKey, base);
  env.cacheKey = settings.cacheKey;
  // The runtime is cached by HTTP (hashed names, immutable): no blob: URL import (strict CSP on the worker),
  // and V8 keeps its compiled-wasm cache, which it does not for a wasm compiled from an ArrayBuffer.
  env.useWasmCache = false;
  const wasm = env.backends.onnx.wasm;
  if (!wasm) throw new Error('the model runtime has no WASM backend');
  wasm.wasmPaths = settings.wasmPaths;
  wasm.numThreads = settings.numThreads;

  // No progress_callback: with one, transformers.js probes every file with an extra GET first.
  const [tokenizer, model] = await Promise.all([
    ml.AutoTokenizer.from_pretrained(config.name),
    ml.AutoModelForSequenceClassification.from_pretrained(config.name, { device, dtype: 'q8' }),
  ]);
  const spec = parseTextModelSpec(model.config);
  if (!spec.ok) throw new Error(spec.error);
  const maxLength = inputLength(spec.value.maxLength, tokenizer.model_max_length);
  const tokenize: TokenizerLike = untruncatedIds(tokenizer as unknown as CallableTokenizer);
  const inputs: InputsLike = (b) => bertInputs(b, (data, dims) => new ml.Tensor('int64', data, dims));
  const encode: EncoderLike = (x) => model(x) as Promise<Awaited<ReturnType<EncoderLike>>>;
  const textModel = createTextModel({ tokenizer: tokenize, inputs, encoder: encode, spec: spec.value, maxLength, device, threads: settings.numThreads });
  const t2 = performance.now();
  await warmUp(textModel, WARM_UP);
  textModel.timings = { runtime: Math.round(t1 - t0), model: Math.round(t2 - t1), warmUp: Math.round(performance.now() - t2) };
  void warmUp(textModel, WARM_UP_BACKGROUND).catch(() => undefined);
  return textModel;
}
