/**
 * Server-rendered pages of the demo shop. Pure functions from data to HTML strings; every piece
 * of campaign text goes through `escapeHtml` (or `jsonForScript` inside the checkout script).
 *
 * The `data-reshelf-*` attributes follow the SDK's markup contract (src/dom/markup.ts).
 */
import type { Campaign, CampaignItem } from '../../src/core/protocol';
import { discountPercent, escapeHtml, formatCountdown, formatPrice, jsonForScript, SALE_WINDOW_HOURS, windowEnd } from './html';
import { placeholderSvg } from './placeholder';

export const SHOP_NAME = 'Bazaar Express';

export interface ScriptTag {
  sdkPath: string;
  campaignId: string;
  /** Backend base URL when it is not this origin (`data-endpoint`). */
  endpoint?: string | undefined;
  /** `data-reorder` (the demo lets `?reorder=css` show the CSS `order` mode). */
  reorder?: 'dom' | 'css' | undefined;
  /** `data-consent` and `data-respect-gpc` (the demo lets `?consent=pending|tcf|denied&gpc=1` show consent handling). */
  consent?: 'granted' | 'denied' | 'pending' | 'tcf' | undefined;
  respectGpc?: boolean | undefined;
}

const endpointAttr = (t: ScriptTag) =>
  (t.endpoint ? ` data-endpoint="${escapeHtml(t.endpoint)}"` : '') +
  (t.reorder ? ` data-reorder="${t.reorder}"` : '') +
  (t.consent ? ` data-consent="${t.consent}"` : '') +
  (t.respectGpc ? ' data-respect-gpc' : '');

/**
 * The merchant order: pinned items at their pinned slot, every other item in campaign order
 * filling the free slots. Pinned slots past the end (or taken twice) fall back to the end.
 */
export function merchantOrder(items: readonly CampaignItem[]): CampaignItem[] {
  const slots: Array<CampaignItem | undefined> = new Array<CampaignItem | undefined>(items.length).fill(undefined);
  const rest: CampaignItem[] = [];
  for (const it of items) {
    const p = it.pinned;
    if (p !== undefined && p < slots.length && slots[p] === undefined) slots[p] = it;
    else rest.push(it);
  }
  let next = 0;
  for (let i = 0; i < slots.length && next < rest.length; i++) {
    if (slots[i] === undefined) slots[i] = rest[next++];
  }
  return slots.filter((it): it is CampaignItem => it !== undefined);
}

export function productHref(id: string): string {
  return `/p/${encodeURIComponent(id)}`;
}

function stockLine(item: CampaignItem): string {
  if (item.stock <= 0) return '<small class="low">Sold out</small>';
  if (item.stock <= 5) return `<small class="low">Only ${item.stock} left</small>`;
  const initial = Math.max(item.initialStock, item.stock);
  const claimed = initial > 0 ? Math.round(((initial - item.stock) / initial) * 100) : 0;
  return claimed >= 5 ? `<small>${claimed}% claimed · ${item.stock} left</small>` : `<small>${item.stock} left</small>`;
}

function stockBar(item: CampaignItem): string {
  const initial = Math.max(item.initialStock, item.stock, 1);
  const claimed = initial - Math.max(item.stock, 0);
  return `<progress max="${initial}" value="${claimed}" aria-hidden="true"></progress>`;
}

/** One flash-sale tile. `pinned` is the tile's fixed position when the merchant pinned it. */
export function renderTile(item: CampaignItem, currency: string): string {
  const off = discountPercent(item.price, item.listPrice);
  const soldOut = item.stock <= 0;
  const pinned = item.pinned !== undefined;
  const attrs = [
    `data-reshelf-item="${escapeHtml(item.id)}"`,
    `data-reshelf-category="${escapeHtml(item.category)}"`,
    `data-reshelf-price="${item.price}"`,
    `data-reshelf-list-price="${item.listPrice}"`,
    `data-reshelf-stock="${Math.max(0, item.stock)}"`,
    `data-reshelf-title="${escapeHtml(item.title)}"`,
    ...(pinned ? ['data-reshelf-pinned'] : []),
  ].join(' ');
  const cls = `tile${pinned ? ' is-pinned' : ''}${soldOut ? ' is-soldout' : ''}`;
  return (
    `<article ${attrs} class="${cls}">` +
    `<a class="tile-link" href="${escapeHtml(productHref(item.id))}">` +
    `<span class="media">${placeholderSvg(item.category)}` +
    (off > 0 ? `<span class="off">-${off}%</span>` : '') +
    (pinned ? '<span class="ribbon">Deal of the hour</span>' : '') +
    `</span>` +
    `<span class="body"><span class="cat">${escapeHtml(item.category)}</span>` +
    `<span class="title">${escapeHtml(item.title)}</span>` +
    `<span class="price"><strong>${escapeHtml(formatPrice(item.price, currency))}</strong>` +
    (item.listPrice > item.price ? `<s>${escapeHtml(formatPrice(item.listPrice, currency))}</s>` : '') +
    `</span></span></a>` +
    `<span class="stock">${stockBar(item)}${stockLine(item)}</span>` +
    (soldOut
      ? '<button type="button" class="btn" data-reshelf-action="cart" disabled>Sold out</button>'
      : '<button type="button" class="btn" data-reshelf-action="cart">Add to cart</button>') +
    `</article>`
  );
}

const CART_ICON =
  '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M3 4h2l2.4 11.2a2 2 0 0 0 2 1.6h7.7a2 2 0 0 0 2-1.5L21 8H6.2"/><circle cx="10" cy="20" r="1.3"/><circle cx="17" cy="20" r="1.3"/></svg>';

function header(): string {
  return (
    `<header class="top"><div class="wrap">` +
    `<a class="brand" href="/"><span class="brand-mark" aria-hidden="true">B</span>${escapeHtml(SHOP_NAME)}</a>` +
    `<form class="search" role="search" action="/" method="get">` +
    `<label class="sr" for="q">Search deals</label>` +
    `<input id="q" type="search" data-reshelf-search name="q" placeholder="Search deals, e.g. earbuds" autocomplete="off" maxlength="200">` +
    `<button type="submit">Search</button></form>` +
    `<a class="cart" href="/" aria-label="Cart">${CART_ICON}<span class="cart-count" data-cart-count hidden>0</span></a>` +
    `</div></header>`
  );
}

function footer(): string {
  return (
    `<footer><div class="wrap">A demo shop for <strong>reshelf</strong>: the deals are reordered in your browser from what you look at, ` +
    `add to cart and search for. Your profile stays on this device; the shop only receives anonymous counts. ` +
    `Catalogue derived from a public Amazon India product data set; prices are the listed ones, stock is invented.</div></footer>` +
    `<div id="toast" class="toast" role="status" aria-live="polite"></div>`
  );
}

interface LayoutOptions {
  title: string;
  /** Extra markup for `<head>`, after the stylesheet (script tags). */
  head: string;
  main: string;
  bodyAttrs?: string;
}

function layout(o: LayoutOptions): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(o.title)}</title>` +
    `<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">` +
    `<link rel="stylesheet" href="/static/shop.css">` +
    o.head +
    `<script defer src="/static/shop.js"></script>` +
    `</head><body${o.bodyAttrs ? ` ${o.bodyAttrs}` : ''}>${header()}${o.main}${footer()}</body></html>`
  );
}

/** The synchronous tag: reshelf reorders the widget before its first paint. */
function syncTag(t: ScriptTag): string {
  return `<script src="${escapeHtml(t.sdkPath)}" data-campaign="${escapeHtml(t.campaignId)}"${endpointAttr(t)} data-holdout="0" data-debug></script>`;
}

function asyncTag(t: ScriptTag, debug: boolean): string {
  return `<script async src="${escapeHtml(t.sdkPath)}" data-campaign="${escapeHtml(t.campaignId)}"${endpointAttr(t)} data-holdout="0"${debug ? ' data-debug' : ''}></script>`;
}

export function renderSalePage(campaign: Campaign, tag: ScriptTag, now: number): string {
  const items = merchantOrder(campaign.items);
  const maxOff = Math.max(0, ...items.map((i) => discountPercent(i.price, i.listPrice)));
  const categories = new Set(items.map((i) => i.category)).size;
  const endsIn = formatCountdown(windowEnd(now, campaign.endsAt) - now);
  const main =
    `<section class="sale" aria-label="Sale"><div class="wrap">` +
    `<div><h1>${escapeHtml(campaign.name)} <span>· up to ${maxOff}% off</span></h1>` +
    `<p>${items.length} deals across ${categories} categories. Fresh deals every ${SALE_WINDOW_HOURS} hours, while stocks last.</p></div>` +
    `<div class="ends">Ends in <span class="clock" role="timer" aria-live="off" data-countdown data-window-hours="${SALE_WINDOW_HOURS}" data-ends-at="${escapeHtml(campaign.endsAt)}">${endsIn}</span></div>` +
    `</div></section>` +
    `<main><div class="wrap">` +
    `<div class="grid-head"><h2>Today's lightning deals</h2><p>Arranged for you, on your device</p></div>` +
    `<section data-reshelf-widget="${escapeHtml(campaign.id)}" class="deals" aria-label="Flash-sale deals">` +
    items.map((it) => renderTile(it, campaign.currency)).join('') +
    `</section></div></main>`;
  return layout({ title: `${campaign.name} · ${SHOP_NAME}`, head: syncTag(tag), main });
}

export function renderProductPage(campaign: Campaign, item: CampaignItem, tag: ScriptTag): string {
  const cur = campaign.currency;
  const off = discountPercent(item.price, item.listPrice);
  const soldOut = item.stock <= 0;
  const avail = soldOut
    ? '<span class="out">Sold out</span> — this deal is gone, but others are still live.'
    : item.stock <= 5
      ? `<span class="low">Only ${item.stock} left</span> at this price — order soon.`
      : `In stock: ${item.stock} left at this price.`;
  const buy = soldOut
    ? '<span class="btn btn-ghost" aria-disabled="true">Buy now</span>'
    : `<a class="btn btn-ghost" href="/checkout?item=${encodeURIComponent(item.id)}&qty=1">Buy now</a>`;
  const main =
    `<main><div class="wrap">` +
    `<p class="crumbs"><a href="/">← Back to the sale</a></p>` +
    `<article class="product" data-reshelf-view="${escapeHtml(item.id)}" data-reshelf-category="${escapeHtml(item.category)}" ` +
    `data-reshelf-price="${item.price}" data-reshelf-list-price="${item.listPrice}" data-reshelf-stock="${Math.max(0, item.stock)}" data-reshelf-title="${escapeHtml(item.title)}">` +
    `<div class="media">${placeholderSvg(item.category)}${off > 0 ? `<span class="off">-${off}%</span>` : ''}</div>` +
    `<div><span class="cat">${escapeHtml(item.category)}</span>` +
    `<h1>${escapeHtml(item.title)}</h1>` +
    `<p class="price"><strong>${escapeHtml(formatPrice(item.price, cur))}</strong>` +
    (item.listPrice > item.price ? `<s>M.R.P. ${escapeHtml(formatPrice(item.listPrice, cur))}</s>` : '') +
    `</p>` +
    (off > 0 ? `<p class="save">You save ${escapeHtml(formatPrice(item.listPrice - item.price, cur))} (${off}%)</p>` : '') +
    `<p class="avail">${avail}</p>` +
    `<div class="actions">` +
    (soldOut
      ? '<button type="button" class="btn" data-reshelf-action="cart" disabled>Sold out</button>'
      : '<button type="button" class="btn" data-reshelf-action="cart">Add to cart</button>') +
    buy +
    `</div>` +
    `<p class="fine">Flash-sale price, limited stock. Free delivery on orders over ${escapeHtml(formatPrice(499, cur))}.</p>` +
    `</div></article></div></main>`;
  return layout({ title: `${item.title} · ${SHOP_NAME}`, head: asyncTag(tag, true), main });
}

export interface Purchase {
  itemId: string;
  price: number;
  quantity: number;
  category: string;
}

/**
 * The one inline call a merchant adds to an order-confirmation page: a command-queue stub that
 * records calls until the async SDK loads and replays them. Values are JSON with `<` escaped.
 */
export function purchaseSnippet(p: Purchase): string {
  return (
    'window.reshelf=window.reshelf||function(){(window.reshelf.q=window.reshelf.q||[]).push(arguments)};' +
    `reshelf('purchase',{itemId:${jsonForScript(p.itemId)},price:${jsonForScript(p.price)},quantity:${jsonForScript(p.quantity)},category:${jsonForScript(p.category)}});`
  );
}

export function renderCheckoutPage(campaign: Campaign, item: CampaignItem, quantity: number, orderNo: string, tag: ScriptTag): string {
  const cur = campaign.currency;
  const snippet = purchaseSnippet({ itemId: item.id, price: item.price, quantity, category: item.category });
  const head = `<script>${snippet}</script>${asyncTag(tag, false)}`;
  const total = item.price * quantity;
  const saved = Math.max(0, item.listPrice - item.price) * quantity;
  const main =
    `<main><div class="wrap"><div class="receipt">` +
    `<div class="tick" aria-hidden="true">✓</div>` +
    `<h1>Order confirmed</h1><p>Order <strong>#${escapeHtml(orderNo)}</strong> is on its way. A receipt would go to your e-mail in a real shop.</p>` +
    `<table class="lines"><tbody>` +
    `<tr><td>${escapeHtml(item.title)} <br><small>${escapeHtml(item.category)} · ${quantity} × ${escapeHtml(formatPrice(item.price, cur))}</small></td><td>${escapeHtml(formatPrice(total, cur))}</td></tr>` +
    `<tr><td>Delivery</td><td>Free</td></tr>` +
    `<tr class="total"><td>Total paid</td><td>${escapeHtml(formatPrice(total, cur))}</td></tr>` +
    `</tbody></table>` +
    (saved > 0 ? `<p class="save">You saved ${escapeHtml(formatPrice(saved, cur))} in the ${escapeHtml(campaign.name)}.</p>` : '') +
    `<div class="actions"><a class="btn" href="/">Continue shopping</a></div>` +
    `<details><summary>For merchants: how this page reported the sale</summary>` +
    `<p>One inline call before the async reshelf tag; it is queued until the SDK loads. Only a count and the revenue reach the server.</p>` +
    `<pre><code>${escapeHtml(`<script>${snippet}</script>\n${asyncTag(tag, false)}`)}</code></pre></details>` +
    `</div></div></main>`;
  return layout({ title: `Order confirmed · ${SHOP_NAME}`, head, main, bodyAttrs: 'data-clear-cart' });
}

export function renderNotice(title: string, message: string): string {
  const main =
    `<main><div class="wrap"><div class="notice"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>` +
    `<a class="btn" href="/">Back to the sale</a></div></div></main>`;
  return layout({ title: `${title} · ${SHOP_NAME}`, head: '', main });
}
