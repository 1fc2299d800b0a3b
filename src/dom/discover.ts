/**
 * Finds widgets as they appear (server-rendered while parsing, rendered late, SPA route
 * changes) with one MutationObserver; each widget watches its own tiles.
 */
import { ATTR } from './markup';

export interface DiscoveryHandlers {
  found(widget: HTMLElement): void;
  lost(widget: HTMLElement): void;
}

export function discoverWidgets(root: Document, known: () => Iterable<HTMLElement>, h: DiscoveryHandlers): () => void {
  const scan = (node: ParentNode) => {
    if (node instanceof HTMLElement && node.hasAttribute(ATTR.widget)) h.found(node);
    for (const el of node.querySelectorAll<HTMLElement>(`[${ATTR.widget}]`)) h.found(el);
  };
  scan(root);
  const mo = new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n instanceof HTMLElement) scan(n);
    for (const w of known()) if (!w.isConnected) h.lost(w);
  });
  mo.observe(root.documentElement, { childList: true, subtree: true });
  return () => mo.disconnect();
}
