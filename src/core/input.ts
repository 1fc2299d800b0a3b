/**
 * Validation of what crosses the page → worker boundary and what comes back out of storage:
 * shopper events, tiles, a stored profile. Bad input gets a clear error and nothing else is lost.
 */
import { parseIntentState, parseLabels } from './intent';
import { isValidId } from './protocol';
import { describe, fail, isFiniteNumber, isRecord, ok, type Result } from './result';
import type { Profile, ShopperEvent, Tile } from './types';

const optCategory = (v: unknown) => v === undefined || (typeof v === 'string' && v.length > 0 && v.length <= 100);
const optNumber = (v: unknown) => v === undefined || (isFiniteNumber(v) && v >= 0);

export function parseEvent(v: unknown): Result<ShopperEvent> {
  if (!isRecord(v)) return fail(`event must be an object, got ${describe(v)}`);
  const t = v.t;
  if (!isFiniteNumber(t) || t <= 0) return fail(`event.t must be a timestamp in ms, got ${describe(t)}`);
  if (v.type === 'search') {
    if (typeof v.text !== 'string' || v.text.length > 500) return fail('search event.text must be a string of at most 500 characters');
    return ok({ type: 'search', text: v.text, t });
  }
  if (!isValidId(v.itemId)) return fail(`event.itemId must be an id ([A-Za-z0-9._:-], ≤ 64 chars), got ${describe(v.itemId)}`);
  if (!optCategory(v.category)) return fail(`event.category must be a short string, got ${describe(v.category)}`);
  const itemId = v.itemId;
  const category = v.category as string | undefined;
  const position = v.position;
  if (position !== undefined && (!Number.isInteger(position) || (position as number) < -1 || (position as number) > 10_000))
    return fail(`event.position must be an integer ≥ -1, got ${describe(position)}`);
  switch (v.type) {
    case 'impression':
      if (position === undefined) return fail('impression event needs a position');
      return ok({ type: 'impression', itemId, position: position as number, category, t });
    case 'click':
      return ok({ type: 'click', itemId, position: position as number | undefined, category, t });
    case 'view':
      return ok({ type: 'view', itemId, category, t });
    case 'cart':
      if (!optNumber(v.price)) return fail(`cart event.price must be a number ≥ 0, got ${describe(v.price)}`);
      if (v.quantity !== undefined && !(Number.isInteger(v.quantity) && (v.quantity as number) >= 1 && (v.quantity as number) <= 1000))
        return fail(`cart event.quantity must be an integer 1..1000, got ${describe(v.quantity)}`);
      return ok({ type: 'cart', itemId, position: position as number | undefined, category, price: v.price as number | undefined, quantity: v.quantity as number | undefined, t });
    case 'purchase':
      if (!isFiniteNumber(v.price) || v.price < 0 || v.price > 1e7) return fail(`purchase event.price must be a number ≥ 0, got ${describe(v.price)}`);
      if (!(Number.isInteger(v.quantity) && (v.quantity as number) >= 1 && (v.quantity as number) <= 1000))
        return fail(`purchase event.quantity must be an integer 1..1000, got ${describe(v.quantity)}`);
      return ok({ type: 'purchase', itemId, price: v.price, quantity: v.quantity as number, category, t });
    default:
      return fail(`event.type must be one of impression, click, view, cart, purchase, search; got ${describe(v.type)}`);
  }
}

export function parseTile(v: unknown, at = 'tile'): Result<Tile> {
  if (!isRecord(v)) return fail(`${at} must be an object, got ${describe(v)}`);
  if (!isValidId(v.id)) return fail(`${at}.id must be an id ([A-Za-z0-9._:-], ≤ 64 chars), got ${describe(v.id)}`);
  if (!optCategory(v.category)) return fail(`${at}.category must be a short string, got ${describe(v.category)}`);
  for (const k of ['price', 'listPrice'] as const) if (!optNumber(v[k])) return fail(`${at}.${k} must be a number ≥ 0, got ${describe(v[k])}`);
  if (v.stock !== undefined && !(Number.isInteger(v.stock) && (v.stock as number) >= 0)) return fail(`${at}.stock must be an integer ≥ 0, got ${describe(v.stock)}`);
  if (v.pinned !== undefined && typeof v.pinned !== 'boolean') return fail(`${at}.pinned must be a boolean, got ${describe(v.pinned)}`);
  if (v.title !== undefined && typeof v.title !== 'string') return fail(`${at}.title must be a string`);
  const labels = v.labels === undefined ? undefined : parseLabels(v.labels);
  if (v.labels !== undefined && !labels) return fail(`${at}.labels must map taxonomy labels to probabilities in (0, 1], got ${describe(v.labels)}`);
  if (v.merchantIndex !== undefined && !(Number.isInteger(v.merchantIndex) && (v.merchantIndex as number) >= 0 && (v.merchantIndex as number) <= 100_000))
    return fail(`${at}.merchantIndex must be an integer ≥ 0, got ${describe(v.merchantIndex)}`);
  return ok({
    id: v.id,
    category: v.category as string | undefined,
    price: v.price as number | undefined,
    listPrice: v.listPrice as number | undefined,
    stock: v.stock as number | undefined,
    pinned: v.pinned as boolean | undefined,
    title: typeof v.title === 'string' ? v.title.slice(0, 300) : undefined,
    merchantIndex: v.merchantIndex as number | undefined,
    ...(labels ? { labels } : {}),
  });
}

export function parseTiles(v: unknown): Result<Tile[]> {
  if (!Array.isArray(v)) return fail(`tiles must be an array, got ${describe(v)}`);
  if (v.length > 1000) return fail(`tiles must hold at most 1000 entries, got ${v.length}`);
  const out: Tile[] = [];
  for (const [i, raw] of v.entries()) {
    const r = parseTile(raw, `tiles[${i}]`);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return ok(out);
}

/** A stored profile from an older build or a corrupted write is refused rather than half-used. */
export function parseStoredProfile(v: unknown): Result<Profile> {
  if (!isRecord(v) || v.v !== 1) return fail(`stored profile has an unknown shape: ${describe(v)}`);
  if (!isFiniteNumber(v.updatedAt) || !isRecord(v.affinities) || !Array.isArray(v.recent) || !Array.isArray(v.queries))
    return fail('stored profile is missing fields');
  const affinities: Profile['affinities'] = {};
  for (const [k, dw] of Object.entries(v.affinities)) {
    if (isRecord(dw) && isFiniteNumber(dw.w) && isFiniteNumber(dw.t) && dw.w >= 0) affinities[k] = { w: dw.w, t: dw.t };
  }
  const recent = v.recent.filter(
    (r): r is Profile['recent'][number] => isRecord(r) && isValidId(r.id) && isFiniteNumber(r.w) && isFiniteNumber(r.t) && (r.category === undefined || typeof r.category === 'string'),
  );
  const queries = v.queries.filter((q): q is Profile['queries'][number] => isRecord(q) && typeof q.text === 'string' && isFiniteNumber(q.t));
  const intent = parseIntentState(v.intent);
  return ok({ v: 1, updatedAt: v.updatedAt, affinities, recent, queries, ...(intent ? { intent } : {}) });
}
