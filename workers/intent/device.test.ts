import { describe, expect, it } from 'vitest';
import { chooseDevice, probeGpu } from './device';

describe('chooseDevice', () => {
  it('picks WebGPU only for a hardware adapter', () => {
    expect(chooseDevice({ api: true, adapter: true, fallback: false })).toBe('webgpu');
    expect(chooseDevice({ api: true, adapter: true, fallback: true })).toBe('wasm');
    // An adapter that does not say whether it is a fallback: not worth the risk of a 100× slower device.
    expect(chooseDevice({ api: true, adapter: true, fallback: undefined })).toBe('wasm');
    expect(chooseDevice({ api: true, adapter: false, fallback: undefined })).toBe('wasm');
    expect(chooseDevice({ api: false, adapter: false, fallback: undefined })).toBe('wasm');
    expect(chooseDevice({ api: true, adapter: true, fallback: false, error: 'boom' })).toBe('wasm');
  });
});

describe('probeGpu', () => {
  const nav = (requestAdapter: () => Promise<unknown>) => ({ gpu: { requestAdapter } });

  it('reports no API, no adapter, a fallback adapter and a hardware one', async () => {
    expect(await probeGpu({})).toEqual({ api: false, adapter: false, fallback: undefined });
    expect(await probeGpu(undefined)).toEqual({ api: false, adapter: false, fallback: undefined });
    expect(await probeGpu(nav(async () => null))).toEqual({ api: true, adapter: false, fallback: undefined });
    expect(await probeGpu(nav(async () => ({ info: { isFallbackAdapter: true } })))).toMatchObject({ adapter: true, fallback: true });
    const device = { destroyed: false, destroy() { this.destroyed = true; } };
    const hardware = await probeGpu(nav(async () => ({ info: { isFallbackAdapter: false }, requestDevice: async () => device })));
    expect(hardware).toEqual({ api: true, adapter: true, fallback: false });
    expect(chooseDevice(hardware)).toBe('webgpu');
    expect(device.destroyed).toBe(true);
    expect(await probeGpu(nav(async () => ({ isFallbackAdapter: false, requestDevice: async () => ({}) })))).toMatchObject({ adapter: true, fallback: false });
  });

  it('reports a hardware adapter that cannot give a device', async () => {
    const probe = await probeGpu(nav(async () => ({ info: { isFallbackAdapter: false }, requestDevice: async () => { throw new Error('device lost'); } })));
    expect(probe).toMatchObject({ adapter: true, fallback: false, error: 'device lost' });
    expect(chooseDevice(probe)).toBe('wasm');
  });

  it('turns a throwing requestAdapter into an error, never a throw', async () => {
    const probe = await probeGpu(nav(async () => { throw new Error('GPU process crashed'); }));
    expect(probe).toMatchObject({ api: true, adapter: false, error: 'GPU process crashed' });
    expect(chooseDevice(probe)).toBe('wasm');
  });
});
