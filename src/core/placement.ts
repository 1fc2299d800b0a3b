/**
 * Placing a ranked list into a widget whose some slots are locked (pinned tiles, tiles the
 * shopper has seen, tiles the ranking does not know). Locked tiles keep their exact slot; the
 * free tiles fill the free slots in ranked order. The result is always a permutation.
 */
import type { ItemId } from './types';

export function placeAroundLocked(current: readonly ItemId[], ranked: readonly ItemId[], locked: ReadonlySet<ItemId>): ItemId[] {
  // An id repeated in the markup cannot be placed unambiguously: every copy stays put.
  const repeated = new Set<ItemId>();
  const once = new Set<ItemId>();
  for (const id of current) (once.has(id) ? repeated : once).add(id);
  const inCurrent = once;
  const isLocked = (id: ItemId) => locked.has(id) || repeated.has(id);
  const free = new Set(current.filter((id) => !isLocked(id)));
  const queue: ItemId[] = [];
  const queued = new Set<ItemId>();
  for (const id of ranked) {
    if (free.has(id) && !queued.has(id) && inCurrent.has(id)) {
      queue.push(id);
      queued.add(id);
    }
  }
  // Free tiles the ranking did not mention keep their relative merchant order after the ranked ones.
  for (const id of current) if (free.has(id) && !queued.has(id)) queue.push(id);
  let next = 0;
  return current.map((id) => (isLocked(id) ? id : queue[next++]!));
}
