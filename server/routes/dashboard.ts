/**
 * The merchant dashboard: its public HTML shell at /dashboard (the data comes from the admin
 * API with the token the merchant enters) and the campaign list its picker shows. Mount after
 * the admin routes, whose auth middleware then guards /v1/admin/campaigns too.
 */
import type { Hono } from 'hono';
import { DASHBOARD_CSP, dashboardHtml } from '../dashboard/html';
import type { RouteDeps } from './deps';

/** The picker shows this many; the report API still serves any campaign id. */
export const MAX_LISTED_CAMPAIGNS = 200;

export function mountDashboardRoutes(app: Hono, deps: RouteDeps, version: string): void {
  const html = dashboardHtml(version);
  const page = () =>
    new Response(html, {
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': DASHBOARD_CSP,
        'Cache-Control': 'no-cache',
        'Referrer-Policy': 'no-referrer',
        'X-Content-Type-Options': 'nosniff',
        'X-Frame-Options': 'DENY',
      },
    });
  app.get('/dashboard', page);
  app.get('/dashboard/', page);

  app.get('/v1/admin/campaigns', async (c) => {
    const ids = (await deps.store.listCampaignIds()).slice(0, MAX_LISTED_CAMPAIGNS);
    const campaigns = await Promise.all(ids.map((id) => deps.campaigns.get(id)));
    c.header('Cache-Control', 'no-store');
    return c.json({
      campaigns: campaigns.filter((x) => x !== null).map((x) => ({ id: x.id, name: x.name, startsAt: x.startsAt, endsAt: x.endsAt, items: x.items.length })),
    });
  });
}
