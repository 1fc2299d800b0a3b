/**
 * Types of the on-device text model as the engine worker and the page see them. Types only:
 * the page imports this file (through workers/api.ts) without pulling in any model code.
 */
import type { Classification } from '../../src/core/text/heads';

export type { Classification };

/** When the model may load. `idle`: in idle time unless the shopper saves data, else on text. */
export type ModelLoadPolicy = 'idle' | 'on-text' | 'never';

export type ModelDevice = 'webgpu' | 'wasm';

/** The model settings the page resolved (absolute URLs) and hands to the worker in `init`. */
export interface ModelConfig {
  /** Absolute base URL of the model folders, ending in `/`. */
  baseUrl: string;
  /** Folder name under `baseUrl` (transformers.js local-model layout). */
  name: string;
  /** Absolute URL of the folder holding the onnxruntime-web `.mjs`/`.wasm` files, ending in `/`. */
  runtimeUrl: string;
  load: ModelLoadPolicy;
  /** A load taking longer is abandoned; ranking goes on without intent. */
  timeoutMs: number;
}

export type ModelPhase = 'off' | 'idle' | 'loading' | 'ready' | 'failed';

/** What the page hears about the model (the `reshelf:model` event's detail). */
export interface ModelStatus {
  phase: ModelPhase;
  /** The device the model runs on, once chosen. */
  device?: ModelDevice | undefined;
  /** onnxruntime-web WASM threads (1 unless the page is cross-origin isolated). */
  threads?: number | undefined;
  /** Download progress over the model's files, 0..1 (while `loading`). */
  progress?: number | undefined;
  /** Bytes downloaded so far and in all, when the server tells the sizes. */
  loaded?: number | undefined;
  total?: number | undefined;
  /** Milliseconds from the start of the load to ready (or to the failure). */
  tookMs?: number | undefined;
  /** Where a successful load's time went, ms: importing the runtime chunk, files + session, warm-up. */
  timings?: LoadTimings | undefined;
  /** Why the load failed (`failed`), or why the model is off. */
  error?: string | undefined;
}

export interface LoadTimings {
  runtime: number;
  model: number;
  warmUp: number;
}

/** A tile title to label into the taxonomy. */
export interface TitleInput {
  id: string;
  title: string;
}
