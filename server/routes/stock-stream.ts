/**
 * Live stock for open pages: Server-Sent Events on `GET /v1/campaigns/:id/stock/stream`. The first
 * event is the current snapshot; every stock change (through this instance or, with PostgreSQL,
 * any other) sends a fresh one. Pages that cannot hold a stream poll `/stock` instead.
 */
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { isValidId } from '../../src/core/protocol';
import { jsonError } from '../http/errors';
import { stockSnapshot, type RouteDeps } from './deps';

/** Keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 25_000;

export function mountStockStream(app: Hono, deps: RouteDeps): void {
  app.get('/v1/campaigns/:id/stock/stream', async (c) => {
    const id = c.req.param('id');
    if (!isValidId(id) || !(await deps.campaigns.items(id))) return jsonError(c, 404, 'NOT_FOUND', `no campaign ${JSON.stringify(id)}`);
    c.header('Cache-Control', 'no-store');
    return streamSSE(c, async (stream) => {
      let wake: (() => void) | undefined;
      let changed = true;
      const unsubscribe = deps.store.onStockChange((campaignId) => {
        if (campaignId !== id) return;
        deps.campaigns.invalidate(id);
        changed = true;
        wake?.();
      });
      const heartbeat = setInterval(() => wake?.(), HEARTBEAT_MS);
      stream.onAbort(() => {
        unsubscribe();
        clearInterval(heartbeat);
        wake?.();
      });
      try {
        while (!stream.aborted) {
          if (changed) {
            changed = false;
            const stock = await deps.store.getStock(id);
            if (stock) await stream.writeSSE({ event: 'stock', data: JSON.stringify(stockSnapshot(id, stock, deps.now())) });
          } else {
            await stream.write(': keep-alive\n\n');
          }
          // A change may have arrived while we were writing: only sleep when there is none.
          if (!changed && !stream.aborted) await new Promise<void>((resolve) => { wake = resolve; });
          wake = undefined;
        }
      } finally {
        unsubscribe();
        clearInterval(heartbeat);
      }
    });
  });
}
