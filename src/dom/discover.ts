/**
 * Finds widgets as they appear (server-rendered while parsing, rendered late, SPA route
 * changes); each widget then watches its own tiles.
 */
import { ATTR } from './markup';

export interface DiscoveryHandlers {
  found(widget: HTMLElement): void;
  lost(widget: HTMLElement): void;
  /** Runs at the end of each animation frame callback while the document is parsed. */
  frame?: () => void;
}

export function discoverWidgets(root: Document, known: () => Iterable<HTMLElement>, h: DiscoveryHandlers): () => void {
  const scan = (node: ParentNode) => {
    if (node instanceof HTMLElement && node.hasAttribute(ATTR.widget)) h.found(node);
    // Elements inserted one by one arrive empty: only subtrees inserted whole need a query.
    if (node.firstElementChild) for (const el of node.querySelectorAll<HTMLElement>(`[${ATTR.widget}]`)) h.found(el);
  };
  let mo: MutationObserver | undefined;
  let frame = 0;
  // While the parser runs, a MutationObserver on the whole document would wake for every node.
  // A query once per frame is enough: rAF runs before each paint, so a widget is still found
  // (and put in order) before it is first painted.
  const whileParsing = () => {
    scan(root);
    h.frame?.();
    frame = root.readyState === 'loading' ? requestAnimationFrame(whileParsing) : 0;
  };
  const afterParsing = () => {
    cancelAnimationFrame(frame);
    scan(root);
    mo = new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n instanceof HTMLElement) scan(n);
      for (const w of known()) if (!w.isConnected) h.lost(w);
    });
    mo.observe(root.documentElement, { childList: true, subtree: true });
  };
  if (root.readyState === 'loading') {
    whileParsing();
    root.addEventListener('DOMContentLoaded', afterParsing, { once: true });
  } else afterParsing();
  return () => {
    cancelAnimationFrame(frame);
    root.removeEventListener('DOMContentLoaded', afterParsing);
    mo?.disconnect();
  };
}
