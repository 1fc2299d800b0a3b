/**
 * Applies an order to tile elements without touching anything else.
 * - `dom`: moves the tile nodes into the slots of the tiles (keyboard and reading order follow);
 *   only nodes whose slot changes are moved, so focus and media in place are kept.
 * - `css`: sets the CSS `order` property (flex/grid containers a framework owns keep their DOM).
 */
import type { ReorderMode } from '../core/options';
import type { ItemId } from '../core/types';
import { ATTR } from './markup';

/** Returns how many tiles changed slot. */
export function applyOrder(elements: readonly HTMLElement[], ids: readonly ItemId[], order: readonly ItemId[], mode: ReorderMode): number {
  if (mode === 'none' || elements.length !== order.length) return 0;
  const byId = new Map<ItemId, HTMLElement>();
  ids.forEach((id, i) => { if (!byId.has(id)) byId.set(id, elements[i]!); });
  // Only a permutation of the tiles present is applied; anything else would lose or clone tiles.
  if (byId.size !== elements.length || new Set(order).size !== order.length || !order.every((id) => byId.has(id))) return 0;
  const target = order.map((id) => byId.get(id)!);
  let moved = 0;
  if (mode === 'css') {
    target.forEach((el, slot) => {
      if (el.style.order !== String(slot)) {
        el.style.order = String(slot);
        moved++;
      }
      el.setAttribute(ATTR.rank, String(slot));
    });
    return moved;
  }
  const doc = elements[0]?.ownerDocument;
  if (!doc) return 0;
  const marks = elements.map((el) => {
    const mark = doc.createComment('');
    el.before(mark);
    return mark;
  });
  target.forEach((el, slot) => {
    if (el !== elements[slot]) {
      marks[slot]!.after(el);
      moved++;
    }
    el.setAttribute(ATTR.rank, String(slot));
  });
  for (const m of marks) m.remove();
  return moved;
}
