/**
 * Delegated listeners for the markup contract: tile clicks, add-to-cart actions, product page
 * views and search text. One listener per kind on the document, so late-rendered markup works.
 */
import type { ItemId } from '../core/types';
import { ATTR, readTile } from './markup';

export type Interaction =
  | { type: 'click' | 'cart'; itemId: ItemId; category?: string | undefined; price?: number | undefined; element: HTMLElement }
  | { type: 'view'; itemId: ItemId; category?: string | undefined }
  | { type: 'search'; text: string };

export function listenForInteractions(doc: Document, emit: (i: Interaction) => void): () => void {
  const onClick = (ev: Event) => {
    const target = ev.target instanceof Element ? ev.target : null;
    if (!target) return;
    const host = target.closest<HTMLElement>(`[${ATTR.item}],[${ATTR.view}]`);
    if (!host) return;
    const tile = readTile(host, []);
    if (!tile) return;
    const action = target.closest(`[${ATTR.action}]`);
    const isCart = action?.getAttribute(ATTR.action) === 'cart' && host.contains(action);
    if (isCart) {
      if ((action as HTMLButtonElement).disabled) return;
      emit({ type: 'cart', itemId: tile.id, category: tile.category, price: tile.price, element: host });
    } else if (host.hasAttribute(ATTR.item) && target.closest('a,button,[role="link"],[role="button"]')) {
      emit({ type: 'click', itemId: tile.id, category: tile.category, price: tile.price, element: host });
    }
  };
  const onSearch = (ev: Event) => {
    const input = ev.target instanceof HTMLInputElement && ev.target.hasAttribute(ATTR.search) ? ev.target : null;
    const text = input?.value.trim();
    if (text) emit({ type: 'search', text: text.slice(0, 200) });
  };
  const onSubmit = (ev: Event) => {
    const input = ev.target instanceof HTMLFormElement ? ev.target.querySelector<HTMLInputElement>(`input[${ATTR.search}]`) : null;
    const text = input?.value.trim();
    if (text) emit({ type: 'search', text: text.slice(0, 200) });
  };
  doc.addEventListener('click', onClick, true);
  doc.addEventListener('change', onSearch, true);
  doc.addEventListener('submit', onSubmit, true);
  return () => {
    doc.removeEventListener('click', onClick, true);
    doc.removeEventListener('change', onSearch, true);
    doc.removeEventListener('submit', onSubmit, true);
  };
}

/** Product pages announce themselves with `data-reshelf-view`; each is reported once per page. */
export function reportViews(root: ParentNode, seen: WeakSet<Element>, emit: (i: Interaction) => void): void {
  for (const el of root.querySelectorAll<HTMLElement>(`[${ATTR.view}]`)) {
    if (seen.has(el)) continue;
    seen.add(el);
    const tile = readTile(el, []);
    if (tile) emit({ type: 'view', itemId: tile.id, category: tile.category });
  }
}
