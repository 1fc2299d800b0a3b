/** The dashboard page (public shell, strict CSP, no data) and the admin campaign list behind it. */
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../store/sqlite';
import { SimilarityService } from '../similarity-job';
import { demoShoppersFromEnv, DEMO_SIM_CAMPAIGN, DEMO_SIM_SHOPPERS, simulateDemoCampaign } from '../simulate/demo';
import { CAMPAIGN, testApp } from '../test-fixtures';

const auth = { Authorization: 'Bearer t0ken' };

describe('GET /dashboard', () => {
  it('serves a data-free HTML shell that loads only external files under a strict CSP', async () => {
    const { app } = await testApp({ adminToken: 't0ken' });
    const res = await app.request('/dashboard?campaign=x');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).not.toMatch(/unsafe/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const html = await res.text();
    expect(html).toContain('<script src="/reshelf/dashboard.js');
    expect(html).toContain('<link rel="stylesheet" href="/reshelf/dashboard.css');
    expect(html).not.toMatch(/<script>|<style|style=/);
    expect(html).not.toContain(CAMPAIGN.name);
  });
});

describe('GET /v1/admin/campaigns', () => {
  it('needs the admin token', async () => {
    const { app } = await testApp({ adminToken: 't0ken' });
    expect((await app.request('/v1/admin/campaigns')).status).toBe(401);
    expect((await app.request('/v1/admin/campaigns', { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
  });

  it('lists ids, names and windows', async () => {
    const { app } = await testApp({ adminToken: 't0ken' });
    const res = await app.request('/v1/admin/campaigns', { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ campaigns: [{ id: CAMPAIGN.id, name: CAMPAIGN.name, startsAt: CAMPAIGN.startsAt, endsAt: CAMPAIGN.endsAt, items: CAMPAIGN.items.length }] });
  });
});

describe('the demo simulation', () => {
  it('reads RESHELF_DEMO_SIMULATE', () => {
    expect(demoShoppersFromEnv(undefined)).toBe(DEMO_SIM_SHOPPERS);
    expect(demoShoppersFromEnv('0')).toBe(0);
    expect(demoShoppersFromEnv('500')).toBe(500);
    expect(() => demoShoppersFromEnv('lots')).toThrow(/RESHELF_DEMO_SIMULATE/);
  });

  it('fills a given store with a campaign read halfway, and a re-run counts nothing twice', async () => {
    const store = new SqliteStore(':memory:');
    try {
      const similarity = await SimilarityService.open(store);
      const now = Date.parse('2026-03-01T12:00:00Z');
      const first = await simulateDemoCampaign({ store, similarity }, 200, now);
      expect(first.report.campaignId).toBe(DEMO_SIM_CAMPAIGN);
      expect(first.report.window.elapsedHours).toBeCloseTo(12, 6);
      expect(first.report.lift.ctr.ci).not.toBeNull();
      const again = await simulateDemoCampaign({ store, similarity }, 200, now + 60_000);
      expect(again.report.arms).toEqual(first.report.arms);
      expect(await store.listCampaignIds()).toEqual([DEMO_SIM_CAMPAIGN]);
    } finally {
      await store.close();
    }
  });
});
