/**
 * One widget on the page: reads its tiles, puts them in the cached order before first paint
 * when it can, asks the engine for a fresh order, and never moves a tile the shopper has seen.
 */
import type { RankReply } from '../../workers/api';
import type { ReorderMode } from '../core/options';
import { placeAroundLocked } from '../core/placement';
import type { ItemId, Tile } from '../core/types';
import { applyOrder } from './apply-order';
import { afterParseIdle } from './idle';
import { trackImpressions, type ImpressionTracker } from './impressions';
import { ATTR, readWidget, widgetId } from './markup';
import { hasPainted, inOrAboveViewport } from './viewport';

export interface WidgetHost {
  mode: ReorderMode;
  /**
   * True when reshelf has watched the document since before the body was parsed (a synchronous
   * tag in <head>): tiles it discovers cannot have been painted yet.
   */
  watchingSinceParse: boolean;
  debug: boolean;
  cachedOrder(widget: string): ItemId[] | undefined;
  rank(widget: string, tiles: Tile[], locked: ItemId[]): Promise<RankReply | undefined>;
  saveNext(widget: string, next: ItemId[]): void;
  impression(tile: Tile, position: number): void;
}


const live = new Set<WidgetController>();

/**
 * Called at the end of a requestAnimationFrame callback: the frame about to be painted shows
 * every tile in the DOM now, so they all count as possibly seen from here on.
 */
export function framePainting(): void {
  for (const w of live) w.exposeAll();
}

export class WidgetController {
  readonly id: string;
  private tiles: Tile[] = [];
  private elements: HTMLElement[] = [];
  private readonly seen = new Set<ItemId>();
  /** Tiles that were in the DOM when a frame was rendered: they may have been painted. */
  private readonly exposed = new Set<HTMLElement>();
  private frameScheduled = false;
  /** Live units per item (newer than the markup's data-reshelf-stock). */
  private readonly live = new Map<ItemId, number>();
  /** The slot each tile had when reshelf first saw it: the merchant's order. */
  private readonly merchantIndex = new WeakMap<HTMLElement, number>();
  private nextMerchantIndex = 0;
  private readonly io: ImpressionTracker;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;
  private started = false;
  /** Until this time the next fresh order may move seen tiles too: the shopper asked for it. */
  private requestedUntil = 0;
  private readonly mo: MutationObserver;

  constructor(readonly element: HTMLElement, index: number, private readonly host: WidgetHost) {
    this.id = widgetId(element, index);
    this.io = trackImpressions(
      (el) => { const id = this.idOf(el); if (id) this.seen.add(id); },
      (el) => {
        const i = this.elements.indexOf(el);
        if (i >= 0) this.host.impression(this.tiles[i]!, i);
      },
    );
    this.mo = new MutationObserver((records) => {
      const touchesTiles = records.some((r) =>
        [...r.addedNodes, ...r.removedNodes].some((n) => n instanceof Element && (n.hasAttribute(ATTR.item) || n.querySelector(`[${ATTR.item}]`) !== null)),
      );
      if (touchesTiles) this.tilesChanged(document.readyState === 'loading');
    });
    // Only a cached order has to be applied before the first paint; otherwise the page's own
    // load goes first and the widget is read when the main thread is idle.
    live.add(this);
    if (host.cachedOrder(this.id)) this.start(host.watchingSinceParse);
    else afterParseIdle(() => this.start(false), 500);
  }

  private start(watchingSinceParse: boolean): void {
    if (this.started || this.destroyed) return;
    this.started = true;
    this.read();
    // Tiles that existed before reshelf looked may already be on screen.
    if (!watchingSinceParse && hasPainted()) for (const el of this.elements) this.exposed.add(el);
    this.applyCached();
    this.mo.observe(this.element, { childList: true, subtree: true });
  }

  private idOf(el: HTMLElement): ItemId | undefined {
    const i = this.elements.indexOf(el);
    return i >= 0 ? this.tiles[i]!.id : undefined;
  }

  /** Re-reads tiles from the DOM (after our own moves, or markup the page changed). */
  private read(): void {
    const before = new Set(this.elements);
    const read = readWidget(this.element);
    const { errors } = read;
    let { tiles, elements } = read;
    if (this.host.mode === 'css') {
      // In CSS mode the arrangement on screen is the CSS order. A new tile has none (order 0) and
      // would sort before every placed tile; park it after them first, as if appended, so layout
      // (and the seen-tile check) sees the arrangement that was painted.
      elements.forEach((el, i) => { if (el.style.order === '') el.style.order = String(100_000 + i); });
      const key = (el: HTMLElement) => Number(el.style.order);
      const pairs = tiles.map((t, i) => ({ t, el: elements[i]!, k: key(elements[i]!) })).sort((a, b) => a.k - b.k);
      tiles = pairs.map((p) => p.t);
      elements = pairs.map((p) => p.el);
    }
    if (errors.length && this.host.debug) console.warn(`[reshelf] widget "${this.id}":`, errors);
    for (const el of elements) if (!before.has(el)) this.io.observe(el);
    for (const el of before) if (!elements.includes(el)) this.io.unobserve(el);
    for (const el of elements) if (!this.merchantIndex.has(el)) this.merchantIndex.set(el, this.nextMerchantIndex++);
    this.tiles = tiles.map((t, i) => ({ ...t, stock: this.live.get(t.id) ?? t.stock, merchantIndex: this.merchantIndex.get(elements[i]!) }));
    this.elements = elements;
    if (elements.some((el) => !this.exposed.has(el))) this.markExposedNextFrame();
    this.tiles.forEach((t, i) => {
      const el = elements[i]!;
      if (t.stock === 0) el.setAttribute(ATTR.soldOut, '');
      else el.removeAttribute(ATTR.soldOut);
    });
  }

  exposeAll(): void {
    for (const el of this.elements) this.exposed.add(el);
  }

  /** rAF callbacks run just before a frame is rendered: whatever is in the DOM then may be painted. */
  private markExposedNextFrame(): void {
    if (this.frameScheduled || typeof requestAnimationFrame === 'undefined') return;
    this.frameScheduled = true;
    requestAnimationFrame(() => {
      this.frameScheduled = false;
      for (const el of this.elements) this.exposed.add(el);
    });
  }

  /** Tiles that must stay put: seen (intersected the viewport) or possibly painted in or above it. */
  private lockedNow(): Set<ItemId> {
    const locked = new Set(this.seen);
    const exposedEls = this.elements.filter((el) => this.exposed.has(el));
    const exposedIds = exposedEls.map((el) => this.tiles[this.elements.indexOf(el)]!.id);
    for (const id of inOrAboveViewport(exposedEls, exposedIds)) locked.add(id);
    return locked;
  }

  private apply(order: readonly ItemId[]): void {
    const moved = applyOrder(this.elements, this.tiles.map((t) => t.id), order, this.host.mode);
    // Our own moves are not page changes.
    this.mo?.takeRecords();
    if (moved > 0) this.read();
  }

  /** The order cached on the previous visit, applied synchronously (before first paint when early enough). */
  applyCached(): void {
    const cached = this.host.cachedOrder(this.id);
    if (!cached || this.tiles.length === 0) return;
    const known = new Set(cached);
    const locked = this.lockedNow();
    for (const t of this.tiles) if (t.pinned || !known.has(t.id)) locked.add(t.id);
    const soldOut = new Set(this.tiles.filter((t) => t.stock === 0).map((t) => t.id));
    const ranked = [...cached.filter((id) => !soldOut.has(id)), ...cached.filter((id) => soldOut.has(id))];
    this.apply(placeAroundLocked(this.tiles.map((t) => t.id), ranked, locked));
  }

  /** Called when the page changed the widget's children. */
  tilesChanged(loading: boolean): void {
    this.read();
    // New tiles cannot have been painted yet: give them the cached order now (seen tiles stay locked).
    this.applyCached();
    if (!loading) this.scheduleRefresh();
  }

  scheduleRefresh(delayMs = 300): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), delayMs);
  }

  /**
   * The shopper explicitly asked for a new arrangement (submitted a search): the next fresh order
   * may move every unpinned tile, seen or not, as a search results list would. Other refreshes
   * keep seen tiles where they are.
   */
  reorderOnRequest(windowMs = 4000): void {
    this.requestedUntil = Date.now() + windowMs;
    this.scheduleRefresh(0);
  }

  async refresh(): Promise<void> {
    if (this.destroyed) return;
    this.start(false);
    this.read();
    const tiles = this.tiles;
    if (tiles.length === 0) return;
    const requested = Date.now() < this.requestedUntil;
    const reply = await this.host.rank(this.id, tiles, requested ? [] : [...this.lockedNow()]);
    if (!reply || this.destroyed) return;
    this.host.saveNext(this.id, reply.next);
    // The page may have re-rendered meanwhile; ranking stale tiles would misplace them.
    this.read();
    if (this.tiles.length !== tiles.length || this.tiles.some((t, i) => t.id !== tiles[i]!.id)) return this.scheduleRefresh();
    // Apply again around what has been seen since the request left (unless the shopper asked).
    const locked = requested ? new Set<ItemId>() : this.lockedNow();
    if (requested) this.requestedUntil = 0;
    for (const t of this.tiles) if (t.pinned) locked.add(t.id);
    this.apply(placeAroundLocked(this.tiles.map((t) => t.id), reply.now.order, locked));
  }

  /**
   * Live stock: marks sold-out tiles, tells the page (a `reshelf:stock` event on each changed tile,
   * e.g. for "only 3 left" badges) and re-ranks, which sinks sold-out tiles the shopper has not seen.
   */
  applyStock(stock: Record<ItemId, number>): void {
    this.start(false);
    let changed = false;
    this.tiles.forEach((t, i) => {
      const n = stock[t.id];
      if (n === undefined || n === t.stock) return;
      this.live.set(t.id, n);
      changed = true;
      this.elements[i]!.dispatchEvent(new CustomEvent('reshelf:stock', { bubbles: true, detail: { itemId: t.id, stock: n } }));
    });
    if (!changed) return;
    this.read();
    this.scheduleRefresh(50);
  }

  positionOf(el: HTMLElement): number {
    this.start(false);
    return this.elements.indexOf(el);
  }

  destroy(): void {
    this.destroyed = true;
    live.delete(this);
    clearTimeout(this.refreshTimer);
    this.io.disconnect();
    this.mo.disconnect();
  }
}
