import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCampaign, type Campaign } from '../../src/core/protocol';
import { csvRecords, interleave, parseCsv, shortenTitle } from '../../scripts/derive-demo-catalog';
import { discountPercent, escapeHtml, formatCountdown, formatPrice, jsonForScript, windowEnd } from './html';
import { merchantOrder, purchaseSnippet } from './pages';
import { parseQuantity, storefrontRoutes } from './storefront';

const CATALOG = fileURLToPath(new URL('../data/demo-campaign.json', import.meta.url));

function loadCatalog(): Campaign {
  const r = parseCampaign(JSON.parse(readFileSync(CATALOG, 'utf8')) as unknown);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const HOSTILE = '<img src=x onerror=alert(1)>';

/** The demo campaign with one title and one category made hostile. */
function hostileCampaign(): Campaign {
  const c = structuredClone(loadCatalog());
  c.items[3]!.title = `${HOSTILE} "quoted" & 'single'`;
  c.items[4]!.category = `Mice"><script>alert(2)</script>`;
  return c;
}

function app(campaign: Campaign | undefined, now = Date.parse('2026-03-01T08:47:15Z')) {
  return storefrontRoutes({ campaignId: 'flash-sale', getCampaign: (id) => (id === campaign?.id ? campaign : undefined), now: () => now });
}

/** Opening tags of the widget's tiles, with their attributes parsed (enough of an HTML reader for our own markup). */
function tiles(html: string): Array<Record<string, string>> {
  const widget = html.slice(html.indexOf('<section data-reshelf-widget='), html.indexOf('</section>', html.indexOf('<section data-reshelf-widget=')));
  return [...widget.matchAll(/<article ([^>]*)>/g)].map((m) => {
    const attrs: Record<string, string> = {};
    for (const a of (m[1] ?? '').matchAll(/([a-z-]+)(?:="([^"]*)")?/g)) attrs[a[1]!] = a[2] ?? '';
    return attrs;
  });
}

describe('escapeHtml', () => {
  it('escapes every character that can break out of text or an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&\`</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;');
    expect(escapeHtml(HOSTILE)).toBe('&lt;img src=x onerror=alert(1)&gt;');
  });
  it('leaves plain text and unicode alone, and stringifies non-strings', () => {
    expect(escapeHtml('Redmi 9A — ₹6,499')).toBe('Redmi 9A — ₹6,499');
    expect(escapeHtml(42)).toBe('42');
    expect(escapeHtml(undefined)).toBe('');
  });
});

describe('page helpers', () => {
  it('jsonForScript cannot close a script element', () => {
    const out = jsonForScript({ t: '</script><script>alert(1)</script>', u: '\u2028&' });
    expect(out).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(out)).toEqual({ t: '</script><script>alert(1)</script>', u: '\u2028&' });
  });
  it('formats prices in rupees with Indian grouping', () => {
    expect(formatPrice(1099, 'INR')).toBe('₹1,099');
    expect(formatPrice(199, 'INR')).toBe('₹199');
    expect(formatPrice(129999, 'INR')).toBe('₹1,29,999');
    expect(formatPrice(12.5, 'USD')).toBe('$12.50');
  });
  it('computes discount and the 6-hour countdown', () => {
    expect(discountPercent(399, 1099)).toBe(64);
    expect(discountPercent(500, 500)).toBe(0);
    const now = Date.parse('2026-03-01T08:47:15Z');
    expect(formatCountdown(windowEnd(now, '2030-01-01T00:00:00Z') - now)).toBe('03:12:45');
    expect(windowEnd(now, '2026-03-01T09:00:00Z')).toBe(Date.parse('2026-03-01T09:00:00Z'));
    expect(formatCountdown(-5)).toBe('00:00:00');
  });
  it('puts pinned items at their slot and keeps the rest in campaign order', () => {
    const mk = (id: string, pinned?: number) => ({ id, title: id, category: 'c', price: 1, listPrice: 1, stock: 1, initialStock: 1, ...(pinned === undefined ? {} : { pinned }) });
    const order = merchantOrder([mk('a'), mk('b'), mk('p2', 2), mk('c'), mk('p0', 0), mk('far', 99)]);
    expect(order.map((i) => i.id)).toEqual(['p0', 'a', 'p2', 'b', 'c', 'far']);
  });
  it('parses the quantity conservatively', () => {
    expect(parseQuantity('2')).toBe(2);
    expect(parseQuantity('0')).toBe(1);
    expect(parseQuantity('99')).toBe(10);
    expect(parseQuantity('1e3')).toBe(1);
    expect(parseQuantity(undefined)).toBe(1);
  });
});

describe('GET / (flash-sale page)', () => {
  it('renders every item as a tile with the full markup contract, in merchant order', async () => {
    const campaign = loadCatalog();
    const res = await app(campaign).request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('<section data-reshelf-widget="flash-sale"');
    const list = tiles(html);
    expect(list.length).toBeGreaterThanOrEqual(24);
    expect(list.length).toBe(campaign.items.length);
    for (const t of list) {
      for (const a of ['data-reshelf-item', 'data-reshelf-category', 'data-reshelf-price', 'data-reshelf-list-price', 'data-reshelf-stock']) {
        expect(t[a], `${a} on ${t['data-reshelf-item']}`).toBeTruthy();
      }
      expect(Number(t['data-reshelf-price'])).toBeLessThanOrEqual(Number(t['data-reshelf-list-price']));
      expect(Number.isInteger(Number(t['data-reshelf-stock']))).toBe(true);
    }
    const expected = merchantOrder(campaign.items);
    expect(list.map((t) => t['data-reshelf-item'])).toEqual(expected.map((i) => i.id));
    // Pinned tiles sit at their pinned slot and carry the attribute; nothing else does.
    for (const [i, t] of list.entries()) {
      const item = campaign.items.find((x) => x.id === t['data-reshelf-item'])!;
      if (item.pinned !== undefined) expect(i).toBe(item.pinned);
      expect('data-reshelf-pinned' in t).toBe(item.pinned !== undefined);
    }
    expect(html.match(/Deal of the hour/g)?.length).toBe(2);
  });

  it('loads the SDK synchronously in <head>, and the shop script as an external file', async () => {
    const html = await (await app(loadCatalog()).request('/')).text();
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).toContain('<script src="/reshelf/reshelf.js" data-campaign="flash-sale" data-holdout="0" data-debug></script>');
    expect(head).not.toMatch(/<script[^>]*(async|defer)[^>]*reshelf\.js/);
    // No inline script anywhere on the sale page (strict-CSP ready).
    expect(html.match(/<script(?![^>]*\ssrc=)[^>]*>/g)).toBeNull();
    expect(html).toContain('<input id="q" type="search" data-reshelf-search name="q"');
    expect(html).toContain('data-countdown');
    expect(html).toContain('>03:12:45<');
    expect(html).toContain('₹');
  });

  it('disables the add-to-cart button of sold-out tiles', async () => {
    const html = await (await app(loadCatalog()).request('/')).text();
    const articles = html.match(/<article data-reshelf-item=[\s\S]*?<\/article>/g) ?? [];
    const soldOut = articles.filter((a) => a.includes('data-reshelf-stock="0"'));
    expect(soldOut).toHaveLength(2);
    for (const a of soldOut) expect(a).toContain('<button type="button" class="btn" data-reshelf-action="cart" disabled>Sold out</button>');
    for (const a of articles.filter((x) => !x.includes('data-reshelf-stock="0"'))) {
      expect(a).toContain('<button type="button" class="btn" data-reshelf-action="cart">Add to cart</button>');
      expect(a).toMatch(/<a class="tile-link" href="\/p\/[A-Z0-9]+">/);
    }
  });

  it('escapes hostile titles and categories in text and attributes', async () => {
    const html = await (await app(hostileCampaign()).request('/')).text();
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain('<script>alert(2)');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &amp; &#39;single&#39;');
    expect(html).toContain('data-reshelf-category="Mice&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"');
    expect(tiles(html).length).toBe(36);
  });

  it('answers 503 with a friendly page when the campaign is missing', async () => {
    const res = await app(undefined).request('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('Back to the sale');
  });
});

describe('GET /p/:id (product page)', () => {
  it('renders the view wrapper, prices, stock and links', async () => {
    const campaign = loadCatalog();
    const item = campaign.items.find((i) => i.stock > 5)!;
    const res = await app(campaign).request(`/p/${item.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<article class="product" data-reshelf-view="${item.id}" data-reshelf-category="${item.category}" data-reshelf-price="${item.price}"`);
    expect(html).toContain('<button type="button" class="btn" data-reshelf-action="cart">Add to cart</button>');
    expect(html).toContain(`href="/checkout?item=${item.id}&qty=1"`);
    expect(html).toContain('Back to the sale');
    expect(html).toContain(formatPrice(item.price));
    expect(html).toContain(`-${discountPercent(item.price, item.listPrice)}%`);
  });

  it('says "only N left" when stock is low and "Sold out" with a disabled button at 0', async () => {
    const campaign = loadCatalog();
    campaign.items[1]!.stock = 3;
    const low = await (await app(campaign).request(`/p/${campaign.items[1]!.id}`)).text();
    expect(low).toContain('Only 3 left');
    const gone = campaign.items.find((i) => i.stock === 0)!;
    const out = await (await app(campaign).request(`/p/${gone.id}`)).text();
    expect(out).toContain('data-reshelf-action="cart" disabled>Sold out</button>');
    expect(out).not.toContain('/checkout?item=');
  });

  it('answers 404 for an unknown id', async () => {
    const res = await app(loadCatalog()).request('/p/NOPE123');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('Deal not found');
    expect(html).not.toContain('data-reshelf-view');
  });
});

describe('GET /checkout', () => {
  it('reports the purchase with the async command queue before the async SDK tag', async () => {
    const campaign = loadCatalog();
    const item = campaign.items.find((i) => i.stock > 5)!;
    const res = await app(campaign).request(`/checkout?item=${item.id}&qty=2`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const head = html.slice(0, html.indexOf('</head>'));
    const stub = `<script>window.reshelf=window.reshelf||function(){(window.reshelf.q=window.reshelf.q||[]).push(arguments)};reshelf('purchase',{itemId:"${item.id}",price:${item.price},quantity:2,category:"${item.category}"});</script>`;
    const tag = '<script async src="/reshelf/reshelf.js" data-campaign="flash-sale" data-holdout="0"></script>';
    expect(head).toContain(stub);
    expect(head).toContain(tag);
    expect(head.indexOf(stub)).toBeLessThan(head.indexOf(tag));
    expect(html).toContain('Order confirmed');
  });

  it('runs the queue stub: the call is queued with the right values', async () => {
    const campaign = loadCatalog();
    const item = campaign.items[2]!;
    const html = await (await app(campaign).request(`/checkout?item=${item.id}&qty=3`)).text();
    const code = /<script>(window\.reshelf=[\s\S]*?)<\/script>/.exec(html)![1]!;
    const window: { reshelf?: ((...a: unknown[]) => void) & { q?: unknown[][] } } = {};
    new Function('window', 'reshelf', `var reshelf; ${code.replace('window.reshelf=window.reshelf||', 'reshelf=window.reshelf=window.reshelf||')}`)(window, undefined);
    expect(window.reshelf?.q?.map((a) => Array.from(a))).toEqual([['purchase', { itemId: item.id, price: item.price, quantity: 3, category: item.category }]]);
  });

  it('JSON-escapes values inside the inline script', async () => {
    const campaign = hostileCampaign();
    campaign.items[4]!.category = '</script><script>alert(1)</script>';
    const html = await (await app(campaign).request(`/checkout?item=${campaign.items[4]!.id}`)).text();
    const script = /<script>(window\.reshelf=[\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(script).toContain('category:"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"');
    expect(script).toContain('quantity:1');
    expect(html).not.toContain('<script>alert(1)');
    expect(purchaseSnippet({ itemId: 'a', price: 1, quantity: 1, category: 'x<y' })).toContain('"x\\u003cy"');
  });

  it('refuses unknown, missing and sold-out items without reporting a purchase', async () => {
    const campaign = loadCatalog();
    const gone = campaign.items.find((i) => i.stock === 0)!;
    for (const [url, status] of [['/checkout?item=NOPE', 404], ['/checkout', 400], [`/checkout?item=${gone.id}`, 409]] as const) {
      const res = await app(campaign).request(url);
      expect(res.status, url).toBe(status);
      expect(await res.text()).not.toContain("reshelf('purchase'");
    }
  });
});

describe('static assets', () => {
  it('serves the stylesheet and the shop script', async () => {
    const a = app(loadCatalog());
    const css = await a.request('/static/shop.css');
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    expect(await css.text()).toContain('.deals');
    const js = await a.request('/static/shop.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    const source = await js.text();
    expect(() => new Function(source)).not.toThrow(); // parses as a classic script
    expect(source).not.toMatch(/\binnerHTML\b|\beval\(/);
  });
});

describe('derived demo catalog', () => {
  it('is a valid campaign with ≥ 24 items, 2 sold out and 2 pinned', () => {
    const raw = JSON.parse(readFileSync(CATALOG, 'utf8')) as unknown;
    const r = parseCampaign(raw);
    expect(r.ok, r.ok ? '' : r.error).toBe(true);
    if (!r.ok) return;
    const c = r.value;
    expect(c.id).toBe('flash-sale');
    expect(c.currency).toBe('INR');
    expect(c.items.length).toBeGreaterThanOrEqual(24);
    expect(c.items.filter((i) => i.stock === 0)).toHaveLength(2);
    const pinned = c.items.filter((i) => i.pinned !== undefined);
    expect(pinned.map((i) => i.pinned).sort()).toEqual([0, 5]);
    for (const p of pinned) expect(c.items.indexOf(p)).toBe(p.pinned);
    for (const p of pinned) expect(p.stock).toBeGreaterThan(0);
    for (const i of c.items) {
      expect(i.price).toBeLessThanOrEqual(i.listPrice);
      expect(i.title.length).toBeLessThanOrEqual(72);
      if (i.stock > 0) expect(i.stock).toBeGreaterThanOrEqual(3);
      expect(i.stock).toBeLessThanOrEqual(60);
    }
    // Interleaved: no two neighbours share a category.
    for (let k = 1; k < c.items.length; k++) expect(c.items[k]!.category).not.toBe(c.items[k - 1]!.category);
    expect(new Set(c.items.map((i) => i.category)).size).toBeGreaterThanOrEqual(6);
  });
});

describe('derive-demo-catalog helpers', () => {
  it('parses quoted CSV fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,b,c\n"x, y","say ""hi""",3\r\n"multi\nline",,\n')).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', '3'],
      ['multi\nline', '', ''],
    ]);
    expect(csvRecords('id,name\n1,"A, B"')).toEqual([{ id: '1', name: 'A, B' }]);
    expect(() => parseCsv('"open')).toThrow(/quoted/);
  });
  it('shortens titles at a sensible boundary', () => {
    expect(shortenTitle('Logitech B170 Wireless Mouse')).toBe('Logitech B170 Wireless Mouse');
    expect(shortenTitle('Redmi 9A Sport (Coral Green, 2GB RAM, 32GB Storage) | 2GHz Octa-core Helio G25 Processor')).toBe('Redmi 9A Sport (Coral Green, 2GB RAM, 32GB Storage)');
    const long = shortenTitle('boAt Rugged v3 Extra Tough Unbreakable Braided Micro USB Cable 1.5 Meter (Black)');
    expect(long.length).toBeLessThanOrEqual(71);
    expect(long.endsWith('…')).toBe(true);
    expect(long).not.toMatch(/\s…$/);
  });
  it('interleaves categories', () => {
    expect(interleave([['a1', 'a2'], ['b1', 'b2'], ['c1']], 1)).toEqual(['a1', 'b1', 'c1', 'b2', 'a2']);
  });
});
