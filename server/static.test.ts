import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
