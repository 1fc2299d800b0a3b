import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeRelativePath } from './http/static';
import { tempDir, testApp } from './test-fixtures';

const t = tempDir();
const root = join(t.dir, 'public');
beforeAll(() => {
  mkdirSync(join(root, 'models', 'intent'), { recursive: true });
  writeFileSync(join(root, 'reshelf.js'), 'export const x = 1;\n');
  writeFileSync(join(root, 'reshelf.js.map'), '{}');
  writeFileSync(join(root, 'ort-wasm-simd.wasm'), Buffer.from([0, 97, 115, 109]));
  writeFileSync(join(root, 'models', 'intent', 'model.onnx'), Buffer.from([8, 1]));
  writeFileSync(join(root, 'models', 'intent', 'config.json'), '{"a":1}');
  writeFileSync(join(root, '.env'), 'SECRET=1');
  writeFileSync(join(t.dir, 'secret.txt'), 'top secret');
  symlinkSync(join(t.dir, 'secret.txt'), join(root, 'link.txt'));
});
afterAll(() => t.cleanup());

describe('static /reshelf/*', () => {
  it('serves files with the right content types and a short cache', async () => {
    const { app } = await testApp({ staticDir: root });
    const cases: Array<[string, string]> = [
      ['reshelf.js', 'text/javascript'],
      ['reshelf.js.map', 'application/json'],
      ['ort-wasm-simd.wasm', 'application/wasm'],
      ['models/intent/model.onnx', 'application/octet-stream'],
      ['models/intent/config.json', 'application/json'],
    ];
    for (const [file, type] of cases) {
      const res = await app.request(`/reshelf/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expect(res.headers.get('cache-control')).toMatch(/max-age=\d{1,4}$/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(await (await app.request('/reshelf/reshelf.js')).text()).toBe('export const x = 1;\n');
  });

  it('answers a matching ETag with 304', async () => {
    const { app } = await testApp({ staticDir: root });
    const first = await app.request('/reshelf/reshelf.js');
    const etag = first.headers.get('etag')!;
    const again = await app.request('/reshelf/reshelf.js', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it.each([
    '/reshelf/..%2fsecret.txt',
    '/reshelf/%2e%2e/secret.txt',
    '/reshelf/models/..%2f..%2fsecret.txt',
    '/reshelf/%252e%252e%252fsecret.txt',
    '/reshelf/..%5csecret.txt',
    '/reshelf/.env',
    '/reshelf/link.txt',
    '/reshelf/models',
    '/reshelf/models/',
    '/reshelf/nope.js',
    '/reshelf/reshelf.js%00.png',
  ])('refuses %s with a JSON 404', async (path) => {
    const { app } = await testApp({ staticDir: root });
    const res = await app.request(path);
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(text).not.toContain('top secret');
    expect(text).not.toContain('SECRET');
    expect(JSON.parse(text).error.code).toBe('NOT_FOUND');
  });

  it('refuses a raw .. even when the URL is not normalised by a client', () => {
    expect(safeRelativePath('../secret.txt')).toBeNull();
    expect(safeRelativePath('a/../../secret.txt')).toBeNull();
    expect(safeRelativePath('%E0%A4%A')).toBeNull(); // malformed escape
    expect(safeRelativePath('models/intent/model.onnx')).toBe('models/intent/model.onnx');
  });

  it('is not mounted without a staticDir', async () => {
    const { app } = await testApp();
    expect((await app.request('/reshelf/reshelf.js')).status).toBe(404);
  });
});

describe('text model files: /models/<name>/* and /ort/*', () => {
  const m = tempDir();
  const dist = join(m.dir, 'dist');
  const models = join(m.dir, 'models');
  const wasmName = 'ort-wasm-simd-threaded.0123456789.wasm';
  beforeAll(() => {
    mkdirSync(join(dist, 'ort'), { recursive: true });
    mkdirSync(join(models, 'reshelf-intent', 'onnx'), { recursive: true });
    mkdirSync(join(models, 'train'), { recursive: true });
    writeFileSync(join(dist, 'reshelf.js'), '');
    writeFileSync(join(dist, 'ort', wasmName), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
    writeFileSync(join(dist, 'ort', `${wasmName}.gz`), gzipSync(Buffer.from([0, 97, 115, 109, 1, 0, 0, 0])));
    writeFileSync(join(dist, 'ort', 'ort-wasm-simd-threaded.0123456789.mjs'), 'export default 1;');
    writeFileSync(join(dist, 'ort', 'notes.txt'), 'no');
    writeFileSync(join(models, 'reshelf-intent', 'config.json'), JSON.stringify({ model_type: 'bert', pad: 'x'.repeat(2000) }));
    writeFileSync(join(models, 'reshelf-intent', 'onnx', 'model_quantized.onnx'), Buffer.from([8, 7, 18, 0]));
    writeFileSync(join(models, 'reshelf-intent', 'train.py'), 'print(1)');
    writeFileSync(join(models, 'train', 'export.json'), '{}');
    writeFileSync(join(models, 'taxonomy.json'), '{}');
  });
  afterAll(() => m.cleanup());

  it('serves the runtime with application/wasm, immutable caching and the gzip sibling when accepted', async () => {
    const { app } = await testApp({ staticDir: dist });
    const plain = await app.request(`/ort/${wasmName}`);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('application/wasm');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(new Uint8Array(await plain.arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    const gz = await app.request(`/ort/${wasmName}`, { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('vary')).toBe('Accept-Encoding');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer()))).toEqual(Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
    const mjs = await app.request('/ort/ort-wasm-simd-threaded.0123456789.mjs');
    expect(mjs.headers.get('content-type')).toContain('text/javascript');
    expect((await app.request('/ort/notes.txt')).status).toBe(404);
    // The same files under the SDK's prefix keep their long cache (hashed names).
    expect((await app.request(`/reshelf/ort/${wasmName}`)).headers.get('cache-control')).toContain('immutable');
    expect((await app.request('/reshelf/reshelf.js')).headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('serves model folders only: json (gzipped when accepted), onnx, nothing else', async () => {
    const { app } = await testApp({ staticDir: dist });
    const config = await app.request('/models/reshelf-intent/config.json', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(config.status).toBe(200);
    expect(config.headers.get('content-type')).toContain('application/json');
    expect(config.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(await config.arrayBuffer())).toString()).model_type).toBe('bert');
    const onnx = await app.request('/models/reshelf-intent/onnx/model_quantized.onnx');
    expect(onnx.status).toBe(200);
    expect(onnx.headers.get('content-type')).toBe('application/octet-stream');
    expect(onnx.headers.get('content-length')).toBe('4');
    for (const path of ['/models/reshelf-intent/train.py', '/models/train/export.json', '/models/taxonomy.json', '/models/reshelf-intent/', '/models/..%2fdist/reshelf.js', '/models/.cache/x/config.json']) {
      expect((await app.request(path)).status, path).toBe(404);
    }
  });

  it('takes explicit directories, and mounts nothing without them', async () => {
    const explicit = await testApp({ modelsDir: models, ortDir: join(dist, 'ort') });
    expect((await explicit.app.request('/models/reshelf-intent/config.json')).status).toBe(200);
    expect((await explicit.app.request(`/ort/${wasmName}`)).status).toBe(200);
    const none = await testApp();
    expect((await none.app.request('/models/reshelf-intent/config.json')).status).toBe(404);
    expect((await none.app.request(`/ort/${wasmName}`)).status).toBe(404);
  });
});
