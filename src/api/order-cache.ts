/**
 * A synchronous mirror of the engine's cached orders, so a widget can be put in this shopper's
 * order before its first paint. IndexedDB (in the worker) stays the source of truth; this
 * mirror holds item ids only and is cleared by `forget()`.
 */
import type { Arm, ItemId } from '../core/types';

const PREFIX = 'reshelf:v1:';

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // access denied (sandboxed iframe, blocked cookies)
  }
}

export function readCachedOrder(campaign: string, widget: string): ItemId[] | undefined {
  try {
    if (storage()?.getItem(`${PREFIX}${campaign}:arm`) !== 'treatment') return undefined;
    const raw = storage()?.getItem(`${PREFIX}${campaign}:order:${widget}`);
    if (!raw) return undefined;
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) && parsed.length <= 1000 && parsed.every((x) => typeof x === 'string') ? (parsed as ItemId[]) : undefined;
  } catch {
    return undefined;
  }
}

export function writeCachedOrder(campaign: string, widget: string, order: readonly ItemId[]): void {
  try {
    storage()?.setItem(`${PREFIX}${campaign}:order:${widget}`, JSON.stringify(order));
  } catch {
    // Quota or denied: the next visit simply paints the merchant order first.
  }
}

export function writeArm(campaign: string, arm: Arm): void {
  try {
    storage()?.setItem(`${PREFIX}${campaign}:arm`, arm);
  } catch {
    /* as above */
  }
}

export function clearCache(): void {
  const s = storage();
  if (!s) return;
  try {
    for (let i = s.length - 1; i >= 0; i--) {
      const key = s.key(i);
      if (key?.startsWith(PREFIX)) s.removeItem(key);
    }
  } catch {
    /* nothing left to do */
  }
}
