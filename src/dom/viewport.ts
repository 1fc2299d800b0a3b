/** Which tiles the shopper may already have seen: anything in or above the viewport once painted. */
import type { ItemId } from '../core/types';

export function hasPainted(): boolean {
  try {
    return performance.getEntriesByType('paint').length > 0;
  } catch {
    return true;
  }
}

export function inOrAboveViewport(elements: readonly HTMLElement[], ids: readonly ItemId[]): Set<ItemId> {
  const out = new Set<ItemId>();
  const bottom = window.innerHeight || document.documentElement.clientHeight;
  elements.forEach((el, i) => {
    const r = el.getBoundingClientRect();
    if (r.top < bottom && (r.width > 0 || r.height > 0)) out.add(ids[i]!);
  });
  return out;
}
