/** Campaign report routes (admin token, mounted under /v1/admin/* after its auth middleware). */
import type { Hono } from 'hono';
import { isValidId } from '../../src/core/protocol';
import { describe } from '../../src/core/result';
import { reportCsv } from '../../src/core/report/csv';
import { buildReport, type CampaignReport } from '../../src/core/report/report';
import { jsonError } from '../http/errors';
import type { Store } from '../store/types';
import type { RouteDeps } from './deps';

/** Reads what the report needs and builds it; null for an unknown campaign. */
export async function campaignReport(store: Store, id: string, now: number): Promise<CampaignReport | null> {
  const campaign = isValidId(id) ? await store.getCampaign(id) : null;
  if (!campaign) return null;
  const [moments, units, rows] = await Promise.all([store.batchMoments(id), store.unitMoments(id), store.itemStats(id)]);
  return buildReport({ campaign, moments, units, rows, now });
}

export function mountReportRoutes(app: Hono, deps: RouteDeps): void {
  app.get('/v1/admin/campaigns/:id/report', async (c) => {
    const id = c.req.param('id');
    const report = await campaignReport(deps.store, id, deps.now());
    if (!report) return jsonError(c, 404, 'NOT_FOUND', `no campaign ${describe(id)}`);
    c.header('Cache-Control', 'no-store');
    return c.json(report);
  });

  app.get('/v1/admin/campaigns/:id/report.csv', async (c) => {
    const id = c.req.param('id');
    const report = await campaignReport(deps.store, id, deps.now());
    if (!report) return jsonError(c, 404, 'NOT_FOUND', `no campaign ${describe(id)}`);
    // BOM: spreadsheet apps then read titles in UTF-8 (Chinese, accents).
    return c.body(`\uFEFF${reportCsv(report)}`, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="reshelf-report-${id}.csv"`,
      'Cache-Control': 'no-store',
    });
  });
}
