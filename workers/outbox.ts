/**
 * The outbox: sealed aggregate batches waiting to be sent. Survives reloads (IndexedDB), is
 * bounded (oldest dropped first, counted), retries with backoff and jitter, and keeps the same
 * batch id on every retry so the server can drop duplicates.
 */
import { backoffMs } from '../src/core/backoff';
import type { SignalBatch } from '../src/core/protocol';
import type { FlushReport } from './api';
import type { EngineStore, OutboxEntry, StoreName } from './db';
import { storedOutboxEntry } from './stored';

/** Batches kept at most; past it the oldest are dropped and counted in `droppedTotal`. */
export const OUTBOX_MAX = 200;
const DROPPED_KEY = 'outboxDropped';

/** Outbox entries oldest first, with their keys; corrupted entries are deleted and counted as dropped. */
async function entries(store: EngineStore): Promise<Array<[string, OutboxEntry]>> {
  const out: Array<[string, OutboxEntry]> = [];
  let corrupted = 0;
  for (const [key, raw] of await store.entries<unknown>('outbox')) {
    const entry = storedOutboxEntry(raw);
    if (entry) out.push([key, entry]);
    else {
      await store.delete('outbox', key);
      corrupted++;
    }
  }
  if (corrupted) await store.put('meta', DROPPED_KEY, ((await store.get<number>('meta', DROPPED_KEY)) ?? 0) + corrupted);
  return out.sort((a, b) => a[1].createdAt - b[1].createdAt || a[1].seq - b[1].seq);
}

export async function droppedTotal(store: EngineStore): Promise<number> {
  return (await store.get<number>('meta', DROPPED_KEY)) ?? 0;
}

/**
 * Adds sealed batches. `alongWith` are writes that must land in the same transaction (the emptied
 * accumulator): a tab closed in between must neither lose the counts nor seal them twice.
 */
export async function enqueue(store: EngineStore, batches: SignalBatch[], now: number, alongWith: ReadonlyArray<{ store: StoreName; key: string; value: unknown }> = []): Promise<void> {
  await store.putAll([
    ...batches.map((batch, seq) => ({ store: 'outbox' as const, key: batch.batchId, value: { batch, createdAt: now, seq, attempts: 0, nextAttemptAt: now } satisfies OutboxEntry })),
    ...alongWith,
  ]);
  const all = await entries(store);
  const excess = all.length - OUTBOX_MAX;
  if (excess > 0) {
    for (const [key] of all.slice(0, excess)) await store.delete('outbox', key);
    const dropped = ((await store.get<number>('meta', DROPPED_KEY)) ?? 0) + excess;
    await store.put('meta', DROPPED_KEY, dropped);
  }
}

export interface SendOptions {
  endpoint: string;
  keepalive: boolean;
  now: () => number;
  fetch: typeof fetch;
  timeoutMs?: number;
  /** Called for each batch the server acknowledged (counted now or before), e.g. for unit totals. */
  onAcked?: ((batch: SignalBatch) => void) | undefined;
}

export type Outcome = 'sent' | 'duplicate' | 'rejected' | 'failed';

/** POSTs one JSON message to `path` and classifies the answer; shared by batches and unit messages. */
export async function postMessage(path: string, message: unknown, o: SendOptions): Promise<Outcome> {
  const body = JSON.stringify(message);
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), o.timeoutMs ?? 10_000);
  try {
    const res = await o.fetch(`${o.endpoint}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      // keepalive bodies are capped at 64 KB by browsers; batches are built below that.
      keepalive: o.keepalive && body.length < 60_000,
      credentials: 'omit',
      signal: ctrl.signal,
    });
    if (res.ok) {
      const ack = (await res.json().catch(() => ({}))) as { duplicate?: unknown };
      return ack.duplicate === true ? 'duplicate' : 'sent';
    }
    // Retrying a request the server refused as malformed would never succeed.
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) return 'rejected';
    return 'failed';
  } catch {
    return 'failed';
  } finally {
    clearTimeout(timer);
  }
}

/** Sends every due batch, oldest first; stops at the first network failure to spare a down server. */
export async function flushOutbox(store: EngineStore, o: SendOptions): Promise<FlushReport> {
  const report: FlushReport = { sent: 0, duplicates: 0, rejected: 0, failed: 0, pending: 0, droppedTotal: 0 };
  for (const [key, entry] of await entries(store)) {
    if (entry.nextAttemptAt > o.now() && !o.keepalive) continue;
    const outcome = await postMessage('/v1/signals', entry.batch, o);
    if (outcome === 'failed') {
      report.failed++;
      const attempts = entry.attempts + 1;
      await store.put('outbox', key, { ...entry, attempts, nextAttemptAt: o.now() + backoffMs(attempts) });
      break;
    }
    await store.delete('outbox', key);
    if (outcome !== 'rejected') o.onAcked?.(entry.batch);
    if (outcome === 'sent') report.sent++;
    else if (outcome === 'duplicate') report.duplicates++;
    else {
      report.rejected++;
      const rejected = ((await store.get<number>('meta', 'outboxRejected')) ?? 0) + 1;
      await store.put('meta', 'outboxRejected', rejected);
    }
  }
  report.pending = await store.count('outbox');
  report.droppedTotal = await droppedTotal(store);
  return report;
}
