/**
 * Derives the demo storefront's flash-sale campaign from the shared `amazon-in-products` data set
 * and writes it to `examples/data/demo-campaign.json` (committed, so the demo runs from a clean clone).
 *
 *   npx tsx scripts/derive-demo-catalog.ts [path/to/amazon_cleaned.csv] [out.json]
 *
 * Fully deterministic: no randomness, no clock. Running it twice gives byte-identical output.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCampaign, type Campaign, type CampaignItem } from '../src/core/protocol';

export const DEFAULT_CSV = '../shared/data/amazon-in-products/amazon_cleaned.csv';
export const DEFAULT_OUT = 'examples/data/demo-campaign.json';

/**
 * The demo's categories, in the order a merchant would list them: a human label, the data set's
 * `sub_category` values it covers, and how many items it contributes (8 categories, 36 items).
 */
export const CATEGORIES: ReadonlyArray<{ label: string; sub: readonly string[]; take: number }> = [
  { label: 'Smartphones', sub: ['Smartphones'], take: 5 },
  { label: 'Headphones', sub: ['In-Ear', 'On-Ear', 'Over-Ear'], take: 5 },
  { label: 'Smartwatches', sub: ['SmartWatches'], take: 5 },
  { label: 'Cables', sub: ['USBCables'], take: 5 },
  { label: 'Mice', sub: ['Mice'], take: 4 },
  { label: 'Kettles', sub: ['ElectricKettles'], take: 4 },
  { label: 'Irons', sub: ['DryIrons', 'SteamIrons'], take: 4 },
  { label: 'Mixer Grinders', sub: ['MixerGrinders'], take: 4 },
];

/** Merchant positions of the two pinned "deal of the hour" tiles and of the two sold-out tiles. */
export const PINNED_POSITIONS = [0, 5] as const;
export const SOLD_OUT_POSITIONS = [11, 26] as const;

/**
 * RFC 4180 CSV: fields separated by commas, optionally quoted; inside quotes commas and line
 * breaks are literal and `""` is one quote. Accepts LF or CRLF line ends; a trailing newline
 * does not produce an empty row.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1; // byte order mark
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Rows as objects keyed by the header row. */
export function csvRecords(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.map((r) => Object.fromEntries(header.map((h, j) => [h.trim(), r[j] ?? ''])));
}

/** FNV-1a, 32 bit: a stable small hash for deterministic per-item numbers. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Shortens a marketplace title to about `max` characters: drops the "| spec | spec" tail, then,
 * if still too long, keeps the part before the first spec separator (" - ", ",", "(", "[") when
 * that part names the product, else cuts at a word boundary with an ellipsis. Never leaves an
 * unclosed parenthesis.
 */
export function shortenTitle(raw: string, max = 70): string {
  const trim = (s: string) => s.replace(/[\s,;:|\-–(/&+]+$/, '');
  let t = raw.replace(/\s+/g, ' ').replace(/(\w)\(/g, '$1 (').trim();
  const bar = t.indexOf('|');
  if (bar >= 12) t = trim(t.slice(0, bar));
  if (t.length <= max) return t;
  const sep = t.search(/\s[-–]\s|,|\(|\[/);
  if (sep >= 24 && sep <= max) return trim(t.slice(0, sep));
  const cut = t.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  let head = trim(space > max / 2 ? cut.slice(0, space) : t.slice(0, max));
  // Do not end on a dangling connective ("… with", "… and").
  while (/\s(with|and|for|of|in|to|the|a|&|\+|-)$/i.test(head)) head = trim(head.replace(/\s\S+$/, ''));
  const open = head.lastIndexOf('(');
  if (open > head.lastIndexOf(')')) head = trim(open >= 24 ? head.slice(0, open) : head.slice(0, open) + head.slice(open + 1));
  return `${head}…`;
}

/** Colour and pack variants share their first words ("boAt Rugged v3 …"); keep one per model. */
export function modelKey(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').split(/\s+/).filter(Boolean).slice(0, 3).join(' ');
}

interface Row {
  id: string;
  name: string;
  sub: string;
  price: number;
  listPrice: number;
  ratingCount: number;
}

function toRow(r: Record<string, string>): Row | undefined {
  const price = Number(r.discounted_price);
  const listPrice = Number(r.actual_price);
  const ratingCount = Number(r.rating_count);
  const id = r.product_id?.trim() ?? '';
  if (!/^[A-Z0-9]{10}$/.test(id) || !r.product_name || !(price > 0) || !(listPrice >= price)) return undefined;
  return { id, name: r.product_name, sub: r.sub_category ?? '', price, listPrice, ratingCount: Number.isFinite(ratingCount) ? ratingCount : 0 };
}

/**
 * Interleaves per-category lists round by round, rotating each round's start so the merchant
 * order has no visible pattern, and never putting two items of one list next to each other
 * when a round boundary would (the round's first list moves to its end instead).
 */
export function interleave<T>(lists: T[][], rotate = 3): T[] {
  const out: T[] = [];
  let last = -1;
  const rounds = Math.max(0, ...lists.map((l) => l.length));
  for (let r = 0; r < rounds; r++) {
    const order: number[] = [];
    for (let k = 0; k < lists.length; k++) {
      const li = (k + r * rotate) % lists.length;
      if (lists[li]?.[r] !== undefined) order.push(li);
    }
    if (order.length > 1 && order[0] === last) order.push(order.shift() as number);
    for (const li of order) out.push(lists[li]?.[r] as T);
    last = order[order.length - 1] ?? last;
  }
  return out;
}

export function deriveCampaign(csvText: string): Campaign {
  const seen = new Set<string>();
  const rows: Row[] = [];
  for (const rec of csvRecords(csvText)) {
    const row = toRow(rec);
    if (!row || seen.has(row.id)) continue; // the data set repeats some ASINs
    seen.add(row.id);
    rows.push(row);
  }
  const perCategory: CampaignItem[][] = CATEGORIES.map(({ label, sub, take }) => {
    const models = new Set<string>();
    const picked = rows
      .filter((r) => sub.includes(r.sub))
      .sort((a, b) => b.ratingCount - a.ratingCount || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .filter((r) => {
        const key = modelKey(r.name);
        if (models.has(key)) return false;
        models.add(key);
        return true;
      })
      .slice(0, take);
    if (picked.length < take) throw new Error(`only ${picked.length} rows for ${label}; expected ${take}`);
    return picked.map((r) => {
      const h = fnv1a(r.id);
      const stock = 3 + (h % 58); // 3..60
      const initialStock = Math.max(stock, [40, 50, 60, 80, 100][(h >>> 8) % 5] ?? 60);
      return {
        id: r.id,
        title: shortenTitle(r.name),
        category: label,
        price: r.price,
        listPrice: r.listPrice,
        stock,
        initialStock,
        url: `/p/${r.id}`,
      };
    });
  });
  const items = interleave(perCategory);
  for (const pos of SOLD_OUT_POSITIONS) {
    const it = items[pos];
    if (it) it.stock = 0;
  }
  PINNED_POSITIONS.forEach((pos) => {
    const it = items[pos];
    if (it) it.pinned = pos;
  });
  // Key order fixed for stable JSON; `pinned` only where set.
  const ordered = items.map(({ id, title, category, price, listPrice, stock, initialStock, pinned, url }) => ({
    id, title, category, price, listPrice, stock, initialStock, ...(pinned !== undefined ? { pinned } : {}), ...(url !== undefined ? { url } : {}),
  }));
  const campaign = {
    id: 'flash-sale',
    name: 'Midnight Flash Sale',
    currency: 'INR',
    startsAt: '2026-01-01T00:00:00Z',
    endsAt: '2030-01-01T00:00:00Z',
    items: ordered,
  };
  const checked = parseCampaign(campaign);
  if (!checked.ok) throw new Error(`derived campaign is invalid: ${checked.error}`);
  return campaign;
}

function main(argv: string[]): void {
  const csvPath = resolve(argv[0] ?? DEFAULT_CSV);
  const outPath = resolve(argv[1] ?? DEFAULT_OUT);
  const campaign = deriveCampaign(readFileSync(csvPath, 'utf8'));
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, `${JSON.stringify(campaign, null, 2)}\n`);
  const cats = new Set(campaign.items.map((i) => i.category)).size;
  console.log(`wrote ${outPath}: ${campaign.items.length} items in ${cats} categories from ${csvPath}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main(process.argv.slice(2));
