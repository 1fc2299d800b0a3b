/**
 * The transformers.js / onnxruntime-web settings for one load, computed without touching either
 * library. Everything is fetched from the merchant's own origin; nothing from a hub or a CDN.
 */
import { MODEL_CACHE_NAME } from './cache-name';
import { virtualPathFor } from './model-fetch';
import type { ModelConfig, ModelDevice } from './types';

/** File names of one onnxruntime-web build inside the runtime folder. */
export interface OrtBuild {
  mjs: string;
  wasm: string;
}

/** The builds shipped in `dist/ort/` (names carry a content hash; see rollup.config.mjs). */
export interface OrtFiles {
  /** Plain SIMD build (~14 MB wasm): CPU only, enough for the WASM device. */
  wasm: OrtBuild;
  /** Asyncify build (~27 MB wasm): what onnxruntime-web's WebGPU bundle needs. */
  webgpu: OrtBuild;
}

export interface RuntimeSettings {
  /** A path, not the model URL: see model-fetch.ts. */
  localModelPath: string;
  /** Object form: the string form would let onnxruntime-web pick the 27 MB asyncify build. */
  wasmPaths: { mjs: string; wasm: string };
  numThreads: number;
  cacheKey: string;
}

/** Two threads only on a cross-origin isolated page (SharedArrayBuffer); one everywhere else. */
export function threadsFor(crossOriginIsolated: boolean): number {
  return crossOriginIsolated ? 2 : 1;
}

export function runtimeSettings(config: ModelConfig, device: ModelDevice, files: OrtFiles, crossOriginIsolated: boolean): RuntimeSettings {
  const build = device === 'webgpu' ? files.webgpu : files.wasm;
  return {
    localModelPath: virtualPathFor(config.baseUrl),
    wasmPaths: { mjs: new URL(build.mjs, config.runtimeUrl).href, wasm: new URL(build.wasm, config.runtimeUrl).href },
    numThreads: threadsFor(crossOriginIsolated),
    cacheKey: MODEL_CACHE_NAME,
  };
}
