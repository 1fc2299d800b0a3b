/**
 * The markup contract: reads tiles from `data-reshelf-*` attributes. Malformed attributes are
 * reported and ignored field by field; a tile without a valid id is left alone entirely.
 */
import { isValidId } from '../core/protocol';
import type { Tile } from '../core/types';

export const ATTR = {
  widget: 'data-reshelf-widget',
  item: 'data-reshelf-item',
  view: 'data-reshelf-view',
  category: 'data-reshelf-category',
  price: 'data-reshelf-price',
  listPrice: 'data-reshelf-list-price',
  stock: 'data-reshelf-stock',
  pinned: 'data-reshelf-pinned',
  title: 'data-reshelf-title',
  action: 'data-reshelf-action',
  search: 'data-reshelf-search',
  soldOut: 'data-reshelf-soldout',
  rank: 'data-reshelf-rank',
} as const;

export interface TileRead {
  tiles: Tile[];
  elements: HTMLElement[];
  errors: string[];
}

function num(el: Element, attr: string, errors: string[], id: string, integer = false): number | undefined {
  const raw = el.getAttribute(attr);
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw.replace(/[,_\s]/g, ''));
  if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) {
    errors.push(`tile ${id}: ${attr}="${raw.slice(0, 40)}" is not a ${integer ? 'whole ' : ''}number ≥ 0; ignored`);
    return undefined;
  }
  return n;
}

export function readTile(el: Element, errors: string[]): Tile | undefined {
  const raw: string = (el.getAttribute(ATTR.item) ?? el.getAttribute(ATTR.view) ?? '').trim();
  const id = raw;
  if (!isValidId(id)) {
    errors.push(`tile with ${ATTR.item}="${raw.slice(0, 40)}" has no valid id (letters, digits, ._:-, ≤ 64 chars); left in place`);
    return undefined;
  }
  const category = el.getAttribute(ATTR.category)?.trim().slice(0, 100) || undefined;
  const pinnedAttr = el.getAttribute(ATTR.pinned);
  // The title labels the tile for the on-device text model; without the attribute, the tile's
  // own heading is the merchant's title.
  const title = (el.getAttribute(ATTR.title) ?? el.querySelector('h1,h2,h3,h4,h5,h6,[itemprop="name"]')?.textContent ?? '').trim().slice(0, 300) || undefined;
  return {
    id,
    category,
    price: num(el, ATTR.price, errors, id),
    listPrice: num(el, ATTR.listPrice, errors, id),
    stock: num(el, ATTR.stock, errors, id, true),
    pinned: pinnedAttr !== null && pinnedAttr !== 'false',
    title,
  };
}

/** Tiles of a widget in DOM order (nested widgets' tiles belong to the nested widget). */
export function readWidget(widget: Element): TileRead {
  const errors: string[] = [];
  const tiles: Tile[] = [];
  const elements: HTMLElement[] = [];
  for (const el of widget.querySelectorAll<HTMLElement>(`[${ATTR.item}]`)) {
    if (el.parentElement?.closest(`[${ATTR.widget}]`) !== widget) continue;
    const tile = readTile(el, errors);
    if (!tile) continue;
    tiles.push(tile);
    elements.push(el);
  }
  return { tiles, elements, errors };
}

export function widgetId(widget: Element, index: number): string {
  const v = widget.getAttribute(ATTR.widget)?.trim();
  return v && v.length <= 100 ? v : `widget-${index}`;
}
