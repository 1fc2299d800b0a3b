import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from './main';
import { tempDir } from './test-fixtures';

describe('startServer', () => {
  it('listens on a free port, mounts extra routes, and closes idempotently', async () => {
    const t = tempDir();
    const server = await startServer({
      port: 0,
      dbPath: join(t.dir, 'data', 'reshelf.sqlite'),
      rebuildEverySeconds: 0,
      extraRoutes: (app) => app.get('/demo', (c) => c.text('storefront')),
    });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${server.url}/healthz`);
      expect(await health.json()).toMatchObject({ ok: true, store: 'sqlite' });
      expect(await (await fetch(`${server.url}/demo`)).text()).toBe('storefront');
      expect((await fetch(`${server.url}/v1/campaigns/nope`)).status).toBe(404);
    } finally {
      await server.close();
      await server.close();
      t.cleanup();
    }
  });

  it('rejects when the port is taken and leaves nothing open', async () => {
    const t = tempDir();
    const first = await startServer({ port: 0, dbPath: ':memory:', rebuildEverySeconds: 0 });
    try {
      await expect(startServer({ port: first.port, dbPath: join(t.dir, 'x.sqlite'), rebuildEverySeconds: 0 })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
      t.cleanup();
    }
  });
});
