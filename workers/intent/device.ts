/**
 * Which device runs the model. WebGPU only with a real adapter: headless or GPU-less browsers
 * get a software (SwiftShader) fallback adapter that runs this model ~100× slower than WASM.
 */
import type { ModelDevice } from './types';

/** What the worker learnt about WebGPU. */
export interface GpuProbe {
  /** `navigator.gpu` exists. */
  api: boolean;
  /** `requestAdapter()` returned an adapter. */
  adapter: boolean;
  /** The adapter says it is a fallback (software) adapter; `undefined` when it does not say. */
  fallback: boolean | undefined;
  /** `requestAdapter()` threw or timed out. */
  error?: string | undefined;
}

/** Pure: WebGPU when a hardware adapter is known to exist, WASM otherwise. */
export function chooseDevice(probe: GpuProbe): ModelDevice {
  return probe.api && probe.adapter && probe.fallback === false && !probe.error ? 'webgpu' : 'wasm';
}

interface AdapterLike {
  info?: { isFallbackAdapter?: unknown } | undefined;
  /** Chromium before `adapter.info` (deprecated). */
  isFallbackAdapter?: unknown;
  requestDevice?: (() => Promise<{ destroy?: () => void } | null>) | undefined;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<AdapterLike | null>;
}

const PROBE_TIMEOUT_MS = 2000;

/** Asks the browser for an adapter, never throwing and never waiting more than 2 s. */
function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out`)), PROBE_TIMEOUT_MS);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Asks the browser for an adapter and, for a hardware one, a device (released at once): an
 * adapter that cannot give a device would otherwise cost the 27 MB WebGPU runtime for nothing.
 * Never throws, never waits more than 2 s per step.
 */
export async function probeGpu(nav: { gpu?: unknown } | undefined): Promise<GpuProbe> {
  const gpu = nav?.gpu as GpuLike | undefined;
  if (!gpu || typeof gpu.requestAdapter !== 'function') return { api: false, adapter: false, fallback: undefined };
  let adapter: AdapterLike | null;
  try {
    adapter = await within(gpu.requestAdapter({ powerPreference: 'high-performance' }), 'requestAdapter()');
  } catch (e) {
    return { api: true, adapter: false, fallback: undefined, error: message(e) };
  }
  if (!adapter) return { api: true, adapter: false, fallback: undefined };
  const flag = adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter;
  const probe: GpuProbe = { api: true, adapter: true, fallback: typeof flag === 'boolean' ? flag : undefined };
  if (chooseDevice(probe) !== 'webgpu') return probe;
  try {
    if (typeof adapter.requestDevice !== 'function') throw new Error('no requestDevice()');
    const device = await within(adapter.requestDevice(), 'requestDevice()');
    if (!device) throw new Error('requestDevice() gave no device');
    device.destroy?.();
    return probe;
  } catch (e) {
    return { ...probe, error: message(e) };
  }
}
