/**
 * What comes back out of IndexedDB is untrusted: an older build, a bug or another script may
 * have written it. Each reader returns a valid value or `undefined` (the caller starts fresh).
 */
import type { Accumulator } from '../src/core/aggregate';
import { isValidId, parseSignalBatch, parseSlice } from '../src/core/protocol';
import { isFiniteNumber, isRecord } from '../src/core/result';
import type { OutboxEntry, StoredSlice } from './db';

export function storedAccumulator(v: unknown, campaign: string): Accumulator | undefined {
  if (!isRecord(v) || v.campaignId !== campaign || !isRecord(v.items) || !isRecord(v.pairs) || !Array.isArray(v.trail) || !isFiniteNumber(v.events)) return undefined;
  // Reuse the wire validation for the counts and pairs it holds.
  const batch = parseSignalBatch({ v: 1, batchId: 'stored', campaignId: campaign, arm: 'treatment', items: Object.values(v.items), pairs: Object.values(v.pairs) });
  const trailOk = v.trail.every((x) => isRecord(x) && isValidId(x.id) && isFiniteNumber(x.t));
  if (!batch.ok || !trailOk) return undefined;
  return v as unknown as Accumulator;
}

export function storedSlice(v: unknown, campaign: string): StoredSlice | undefined {
  if (!isRecord(v) || !Array.isArray(v.items) || !isFiniteNumber(v.fetchedAt)) return undefined;
  const slice = parseSlice(v.slice);
  if (!slice.ok || slice.value.campaignId !== campaign || !v.items.every(isValidId)) return undefined;
  return { slice: slice.value, items: v.items as string[], fetchedAt: v.fetchedAt };
}

export function storedOutboxEntry(v: unknown): OutboxEntry | undefined {
  if (!isRecord(v) || !isFiniteNumber(v.createdAt) || !isFiniteNumber(v.attempts) || !isFiniteNumber(v.nextAttemptAt)) return undefined;
  const batch = parseSignalBatch(v.batch);
  if (!batch.ok) return undefined;
  return { batch: batch.value, createdAt: v.createdAt, attempts: v.attempts, nextAttemptAt: v.nextAttemptAt, seq: isFiniteNumber(v.seq) ? v.seq : 0 };
}
