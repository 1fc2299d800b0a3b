/**
 * `POST /v1/units`: a shopper's item-free increment of campaign totals (core/unit-protocol.ts),
 * stored once per unitBatchId. The report's lift CIs use the sums as shopper-level moments.
 */
import type { Hono } from 'hono';
import { parseUnitMessage, UNIT_LIMITS, type UnitAck } from '../../src/core/unit-protocol';
import { capBody, JSON_OR_TEXT, readJson, requireMediaType } from '../http/body';
import { jsonError } from '../http/errors';
import type { RouteDeps } from './deps';

export const UNITS_PATH = '/v1/units';

export function mountUnitRoutes(app: Hono, deps: RouteDeps): void {
  app.post(UNITS_PATH, requireMediaType(JSON_OR_TEXT), capBody(UNIT_LIMITS.maxBytes), async (c) => {
    c.header('Cache-Control', 'no-store');
    const json = await readJson(c);
    if (!json.ok) return jsonError(c, 400, 'INVALID_BODY', json.error);
    const message = parseUnitMessage(json.value);
    if (!message.ok) return jsonError(c, 400, 'INVALID_BODY', message.error);
    const { campaignId } = message.value;
    if (!(await deps.campaigns.items(campaignId))) return jsonError(c, 404, 'NOT_FOUND', `no campaign ${JSON.stringify(campaignId)}`);
    const { duplicate } = await deps.store.ingestUnits(message.value, deps.now());
    const ack: UnitAck = { unitBatchId: message.value.unitBatchId, duplicate };
    // As for batches: 202 counted now, 200 seen before and not counted again.
    return c.json(ack, duplicate ? 200 : 202);
  });
}
