/** Routes the SDK calls from shoppers' browsers: campaign, live stock, similarity slice, signals. */
import type { Hono } from 'hono';
import { isValidId, parseSignalBatch, PROTOCOL_VERSION, type SignalAck } from '../../src/core/protocol';
import type { SimilaritySlice } from '../../src/core/types';
import { capBody, JSON_OR_TEXT, readJson, requireMediaType } from '../http/body';
import { jsonError } from '../http/errors';
import { requestHeader } from '../http/incoming';
import { respond } from '../http/respond';
import { matchesEtag, SliceCache } from '../slice-cache';
import { stockSnapshot, type RouteDeps } from './deps';

/** Raw body cap for /v1/signals: what a keepalive request may carry. */
export const MAX_SIGNAL_BYTES = 64 * 1024;
export const SLICE_MAX_ITEMS = 50;
export const SLICE_DEFAULT_K = 20;
export const SLICE_MAX_K = 50;

const notFound = (id: string) => `no campaign ${JSON.stringify(id)}`;

type SliceQuery = { ok: true; items: string[]; k: number } | { ok: false; message: string };

export function parseSliceQuery(items: string | undefined, k: string | undefined): SliceQuery {
  if (!items) return { ok: false, message: `items must list 1..${SLICE_MAX_ITEMS} comma-separated item ids` };
  const ids = [...new Set(items.split(',').map((s) => s.trim()).filter((s) => s.length > 0))];
  if (ids.length === 0 || ids.length > SLICE_MAX_ITEMS) return { ok: false, message: `items must list 1..${SLICE_MAX_ITEMS} item ids, got ${ids.length}` };
  const bad = ids.find((id): boolean => !isValidId(id));
  if (bad !== undefined) return { ok: false, message: `items contains an invalid id ${JSON.stringify(bad.slice(0, 80))}` };
  let kk = SLICE_DEFAULT_K;
  if (k !== undefined) {
    kk = Number(k);
    if (!/^\d+$/.test(k) || kk < 1 || kk > SLICE_MAX_K) return { ok: false, message: `k must be an integer 1..${SLICE_MAX_K}, got ${JSON.stringify(k.slice(0, 20))}` };
  }
  return { ok: true, items: ids, k: kk };
}

export function mountPublicRoutes(app: Hono, deps: RouteDeps, version: string): void {
  const { store, similarity, campaigns } = deps;

  app.get('/healthz', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ ok: true, version, protocol: PROTOCOL_VERSION, store: store.kind, similarityVersion: similarity.currentVersion });
  });

  app.get('/v1/campaigns/:id', async (c) => {
    const id = c.req.param('id');
    const campaign = isValidId(id) ? await campaigns.get(id) : null;
    if (!campaign) return jsonError(c, 404, 'NOT_FOUND', notFound(id));
    c.header('Cache-Control', 'no-store');
    return c.json(campaign);
  });

  app.get('/v1/campaigns/:id/stock', async (c) => {
    const id = c.req.param('id');
    const stock = isValidId(id) ? await store.getStock(id) : null;
    if (!stock) return jsonError(c, 404, 'NOT_FOUND', notFound(id));
    c.header('Cache-Control', 'no-store');
    return c.json(stockSnapshot(id, stock, deps.now()));
  });

  // The merchant's objective (clearance, exploration) and the aggregates the worker needs for
  // it; recomputed at most once a minute, so shared caches may keep it that long.
  app.get('/v1/campaigns/:id/objective', async (c) => {
    const id = c.req.param('id');
    const signals = isValidId(id) ? await deps.objective.get(id) : null;
    if (!signals) return jsonError(c, 404, 'NOT_FOUND', notFound(id));
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(signals);
  });

  const slices = new SliceCache();
  app.get('/v1/campaigns/:id/slice', async (c) => {
    const id = c.req.param('id');
    const allowed = isValidId(id) ? await campaigns.items(id) : null;
    if (!allowed) return jsonError(c, 404, 'NOT_FOUND', notFound(id));
    const version = similarity.currentVersion;
    // Keyed by the raw query: a hit skips parsing it (it was valid when stored).
    const url = c.req.url;
    const key = `${id}?${url.includes('?') ? url.slice(url.indexOf('?') + 1) : ''}`;
    let slice = slices.lookup(key, version, allowed);
    if (!slice) {
      const q = parseSliceQuery(c.req.query('items'), c.req.query('k'));
      if (!q.ok) return jsonError(c, 400, 'INVALID_QUERY', q.message);
      const body: SimilaritySlice = { v: PROTOCOL_VERSION, campaignId: id, version, neighbors: similarity.slice(q.items, allowed, q.k).neighbors };
      slice = slices.store(key, version, allowed, JSON.stringify(body));
    }
    // Neighbours change only when a rebuild runs; a minute of staleness is harmless.
    const headers = { 'Cache-Control': 'public, max-age=60', ETag: slice.etag };
    if (matchesEtag(requestHeader(c, 'if-none-match'), slice.etag)) return respond(c, 304, null, headers);
    return respond(c, 200, slice.body, { ...headers, 'Content-Type': 'application/json' });
  });

  app.post('/v1/signals', requireMediaType(JSON_OR_TEXT), capBody(MAX_SIGNAL_BYTES), async (c) => {
    const json = await readJson(c);
    if (!json.ok) return jsonError(c, 400, 'INVALID_BODY', json.error);
    const batch = parseSignalBatch(json.value);
    if (!batch.ok) return jsonError(c, 400, 'INVALID_BODY', batch.error);
    if (!(await campaigns.items(batch.value.campaignId))) return jsonError(c, 404, 'NOT_FOUND', notFound(batch.value.campaignId));
    const { duplicate } = await store.ingest(batch.value, deps.now());
    const ack: SignalAck = { batchId: batch.value.batchId, duplicate };
    // 202: counted, similarity catches up later. 200: seen before, nothing counted again.
    return respond(c, duplicate ? 200 : 202, JSON.stringify(ack), { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  });
}
