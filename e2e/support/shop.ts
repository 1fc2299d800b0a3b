/** Helpers shared by the e2e tests: reading the widget as the shopper sees it, and the server's counts. */
import type { APIRequestContext, Page } from '@playwright/test';

export const CAMPAIGN = 'flash-sale';
export const ADMIN_TOKEN = 'e2e-admin-token';

export interface TileInfo { id: string; category: string; pinned: boolean; stock: number }

/** Tiles in the order they are painted (by position on screen, whatever the reorder mode). */
export async function visualTiles(page: Page): Promise<TileInfo[]> {
  return page.evaluate(() => {
    const tiles = [...document.querySelectorAll<HTMLElement>('[data-reshelf-widget] [data-reshelf-item]')];
    return tiles
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .sort((a, b) => a.r.top - b.r.top || a.r.left - b.r.left)
      .map(({ el }) => ({
        id: el.dataset.reshelfItem!,
        category: el.dataset.reshelfCategory ?? '',
        pinned: el.hasAttribute('data-reshelf-pinned'),
        stock: Number(el.dataset.reshelfStock ?? NaN),
      }));
  });
}

/** Records, before any page script runs: layout shifts and the first painted order of the widget. */
export async function instrument(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __cls: number; __shifts: number; __firstOrder: string[] | null; __shiftLog: string[] };
    w.__cls = 0;
    w.__shifts = 0;
    w.__shiftLog = [];
    w.__firstOrder = null;
    new PerformanceObserver((list) => {
      type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean; sources: Array<{ node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }> };
      for (const e of list.getEntries() as Shift[]) {
        if (e.hadRecentInput) continue;
        w.__cls += e.value;
        w.__shifts++;
        // What moved, for the failure message.
        const what = e.sources.map((s) => `${(s.node as HTMLElement | undefined)?.dataset?.reshelfItem ?? s.node?.nodeName} y ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)}`);
        w.__shiftLog.push(`${Math.round(e.startTime)}ms ${e.value.toFixed(4)}: ${what.join(', ')}`);
      }
    }).observe({ type: 'layout-shift', buffered: true });
    // The first frame whose rAF callbacks see tiles is the first to paint them (possibly a partly
    // parsed widget). Reading them in this callback would be too early: reshelf's own rAF callback
    // of the same frame (registered later, so run later) may still put them in order before the
    // paint. A ResizeObserver's first report comes after every rAF callback and layout of the
    // frame, right before it is painted: read the order there.
    const read = () => [...document.querySelectorAll<HTMLElement>('[data-reshelf-widget] [data-reshelf-item]')]
      .map((el) => ({ id: el.dataset.reshelfItem!, r: el.getBoundingClientRect() }))
      .sort((a, b) => a.r.top - b.r.top || a.r.left - b.r.left)
      .map((t) => t.id);
    const look = () => {
      if (!document.querySelector('[data-reshelf-widget] [data-reshelf-item]')) return void requestAnimationFrame(look);
      const ro = new ResizeObserver(() => {
        ro.disconnect();
        w.__firstOrder = read();
      });
      ro.observe(document.documentElement);
    };
    requestAnimationFrame(look);
  });
}

export async function layoutShift(page: Page): Promise<{ cls: number; shifts: number; log: string[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { __cls: number; __shifts: number; __shiftLog: string[] };
    return { cls: w.__cls, shifts: w.__shifts, log: w.__shiftLog };
  });
}

export async function firstPaintedOrder(page: Page): Promise<string[] | null> {
  return page.evaluate(() => (window as unknown as { __firstOrder: string[] | null }).__firstOrder);
}

/** Waits until reshelf's engine has answered (or is known to be unavailable). */
export async function reshelfReady(page: Page): Promise<{ engine: boolean; arm?: string; storage?: string }> {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const r = (window as unknown as { reshelf: (...a: unknown[]) => void }).reshelf;
        r('ready', resolve);
      }),
  );
}

export async function flush(page: Page): Promise<unknown> {
  return page.evaluate(() => new Promise((resolve) => (window as unknown as { reshelf: (...a: unknown[]) => void }).reshelf('flush', resolve)));
}

export interface ServerItemStats { arm: string; itemId: string; position: number; impressions: number; clicks: number; carts: number; purchases: number; revenue: number }

export async function serverStats(request: APIRequestContext): Promise<ServerItemStats[]> {
  const res = await request.get(`/v1/admin/campaigns/${CAMPAIGN}/stats`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  if (!res.ok()) throw new Error(`stats answered ${res.status()}`);
  return ((await res.json()) as { items: ServerItemStats[] }).items;
}

export function totals(stats: ServerItemStats[], itemId?: string) {
  const rows = itemId ? stats.filter((s) => s.itemId === itemId) : stats;
  return rows.reduce(
    (t, s) => ({ impressions: t.impressions + s.impressions, clicks: t.clicks + s.clicks, carts: t.carts + s.carts, purchases: t.purchases + s.purchases }),
    { impressions: 0, clicks: 0, carts: 0, purchases: 0 },
  );
}
