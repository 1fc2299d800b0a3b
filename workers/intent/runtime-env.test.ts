import { describe, expect, it } from 'vitest';
import { runtimeSettings, threadsFor, type OrtFiles } from './runtime-env';
import type { ModelConfig } from './types';

const config: ModelConfig = { baseUrl: 'https://shop.test/models/', name: 'reshelf-intent', runtimeUrl: 'https://shop.test/ort/', load: 'idle', timeoutMs: 20_000 };
const files: OrtFiles = {
  wasm: { mjs: 'ort-wasm-simd-threaded.1234abcd.mjs', wasm: 'ort-wasm-simd-threaded.1234abcd.wasm' },
  webgpu: { mjs: 'ort-wasm-simd-threaded.asyncify.5678ef01.mjs', wasm: 'ort-wasm-simd-threaded.asyncify.5678ef01.wasm' },
};

describe('runtimeSettings', () => {
  it('points onnxruntime-web at the plain build on the own origin for WASM', () => {
    const s = runtimeSettings(config, 'wasm', files, false);
    expect(s.wasmPaths).toEqual({ mjs: 'https://shop.test/ort/ort-wasm-simd-threaded.1234abcd.mjs', wasm: 'https://shop.test/ort/ort-wasm-simd-threaded.1234abcd.wasm' });
    expect(s.localModelPath).toMatch(/^\/reshelf-model\/\w+\/$/);
    expect(s.numThreads).toBe(1);
    expect(s.cacheKey).toBe('reshelf-models');
  });

  it('uses the asyncify build for WebGPU, and two threads only when cross-origin isolated', () => {
    const s = runtimeSettings(config, 'webgpu', files, true);
    expect(s.wasmPaths.wasm).toBe('https://shop.test/ort/ort-wasm-simd-threaded.asyncify.5678ef01.wasm');
    expect(s.numThreads).toBe(2);
    expect(threadsFor(false)).toBe(1);
  });
});
