/** Fetches the similarity slice for the shopper's history items, validated before it is trusted. */
import { parseSlice } from '../src/core/protocol';
import type { ItemId, SimilaritySlice } from '../src/core/types';
import type { StoredSlice } from './db';

/** A slice older than this is refetched even if it covers the history. */
export const SLICE_TTL_MS = 10 * 60_000;

export function sliceCovers(stored: StoredSlice | undefined, history: readonly ItemId[], now: number): boolean {
  if (!stored || now - stored.fetchedAt > SLICE_TTL_MS) return history.length === 0 && stored !== undefined;
  const have = new Set(stored.items);
  return history.every((id) => have.has(id));
}

export async function fetchSlice(endpoint: string, campaign: string, history: readonly ItemId[], fetchImpl: typeof fetch, timeoutMs = 3000): Promise<SimilaritySlice> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    const url = `${endpoint}/v1/campaigns/${encodeURIComponent(campaign)}/slice?items=${history.map(encodeURIComponent).join(',')}&k=30`;
    const res = await fetchImpl(url, { credentials: 'omit', signal: ctrl.signal });
    if (!res.ok) throw new Error(`slice request answered ${res.status}`);
    const parsed = parseSlice(await res.json());
    if (!parsed.ok) throw new Error(`slice response is invalid: ${parsed.error}`);
    return parsed.value;
  } finally {
    clearTimeout(timer);
  }
}
