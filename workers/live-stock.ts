/**
 * Live stock in the worker: Server-Sent Events from `/stock/stream`, falling back to polling
 * `/stock` when a stream cannot be held (no EventSource, proxy, server refuses). Snapshots are
 * validated before anyone trusts them.
 */
import { isValidId } from '../src/core/protocol';
import { isRecord } from '../src/core/result';

export type StockMap = Record<string, number>;

export const POLL_MS = 30_000;

export function parseStockSnapshot(v: unknown, campaign: string): StockMap | undefined {
  if (!isRecord(v) || v.campaignId !== campaign || !isRecord(v.stock)) return undefined;
  const out: StockMap = {};
  for (const [id, n] of Object.entries(v.stock)) {
    if (!isValidId(id) || !Number.isInteger(n) || (n as number) < 0) return undefined;
    out[id] = n as number;
  }
  return out;
}

export interface LiveStockDeps {
  fetch: typeof fetch;
  EventSource: typeof EventSource | undefined;
  pollMs?: number;
}

/** Calls `onStock` with every valid snapshot; returns a function that stops following. */
export function followStock(endpoint: string, campaign: string, onStock: (stock: StockMap) => void, deps: LiveStockDeps): () => void {
  const base = `${endpoint}/v1/campaigns/${encodeURIComponent(campaign)}/stock`;
  let timer: ReturnType<typeof setInterval> | undefined;
  let source: EventSource | undefined;
  const accept = (raw: unknown) => {
    const stock = parseStockSnapshot(raw, campaign);
    if (stock) onStock(stock);
  };
  const poll = () => {
    deps.fetch(base, { credentials: 'omit' }).then((r) => (r.ok ? r.json() : undefined)).then(accept, () => undefined);
  };
  const startPolling = () => {
    if (timer !== undefined) return;
    poll();
    timer = setInterval(poll, deps.pollMs ?? POLL_MS);
  };
  if (deps.EventSource) {
    try {
      source = new deps.EventSource(`${base}/stream`);
      source.addEventListener('stock', (e) => {
        try { accept(JSON.parse((e as MessageEvent<string>).data)); } catch { /* a bad frame is skipped */ }
      });
      // EventSource retries by itself; CLOSED means it gave up (404, wrong type): poll instead.
      source.onerror = () => { if (source?.readyState === 2) startPolling(); };
    } catch {
      startPolling();
    }
  } else startPolling();
  return () => {
    source?.close();
    clearInterval(timer);
  };
}
