import { describe, expect, it } from 'vitest';
import { unitIncrement, zeroUnitTotals, type UnitTotals } from '../src/core/report/units';
import type { Arm } from '../src/core/types';
import type { UnitMessage } from '../src/core/unit-protocol';
import type { CampaignReport } from '../src/core/report/report';
import { CAMPAIGN, batch, counts, testApp } from './test-fixtures';

const T1: UnitTotals = { sessions: 1, impressions: 20, clicks: 2, carts: 1, purchases: 0 };
const unit = (id: string, arm: Arm = 'treatment', after: UnitTotals = T1, before: UnitTotals = zeroUnitTotals()): UnitMessage => ({ v: 1, unitBatchId: id, campaignId: CAMPAIGN.id, arm, ...unitIncrement(before, after) });
const post = (body: unknown, type = 'application/json') => ({ method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'Content-Type': type } });

describe('POST /v1/units', () => {
  it('counts a message once: 202, then 200 duplicate', async () => {
    const { app } = await testApp();
    const first = await app.request('/v1/units', post(unit('u-1')));
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ unitBatchId: 'u-1', duplicate: false });
    const again = await app.request('/v1/units', post(unit('u-1'), 'text/plain'));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ unitBatchId: 'u-1', duplicate: true });
  });

  it('refuses bad input with a clear 4xx and stores nothing', async () => {
    const { app, store } = await testApp();
    const cases: Array<[unknown, number, string]> = [
      ['{not json', 400, 'INVALID_BODY'],
      [{ ...unit('u-2'), items: [] }, 400, 'INVALID_BODY'],
      [{ ...unit('u-2'), sum: { ...T1, clicks: -1 } }, 400, 'INVALID_BODY'],
      [{ ...unit('u-2'), campaignId: 'nope' }, 404, 'NOT_FOUND'],
      [{ ...unit('u-2'), pad: 'x'.repeat(5000) }, 413, 'PAYLOAD_TOO_LARGE'],
    ];
    for (const [body, status, code] of cases) {
      const res = await app.request('/v1/units', post(body));
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    const media = await app.request('/v1/units', post(unit('u-3'), 'application/x-www-form-urlencoded'));
    expect(media.status).toBe(415);
    const message = await app.request('/v1/units', post({ ...unit('u-4'), deviceId: 'abc' }));
    expect(((await message.json()) as { error: { message: string } }).error.message).toBe('unit message has an unknown field "deviceId"');
    expect(await store.unitMoments(CAMPAIGN.id)).toEqual([]);
  });

  it('turns the report to the shopper unit once both arms have two shoppers', async () => {
    const { app } = await testApp({ adminToken: 'tok' });
    const report = async () => {
      const res = await app.request(`/v1/admin/campaigns/${CAMPAIGN.id}/report`, { headers: { Authorization: 'Bearer tok' } });
      return (await res.json()) as CampaignReport;
    };
    // Two shoppers per arm, each with two batches; the unit messages carry their totals.
    const shoppers: Array<[Arm, number]> = [['treatment', 3], ['treatment', 1], ['control', 2], ['control', 1]];
    for (const [i, [arm, clicks]] of shoppers.entries()) {
      for (const j of [0, 1]) await app.request('/v1/signals', post(batch(`b-${i}-${j}`, [counts('a1', 0, { impressions: 10, clicks })], [], { arm, sessions: 1 - j })));
      if (i < 3) expect((await report()).lift.ctr.unit).toBe('batch');
      await app.request('/v1/units', post(unit(`u-${i}`, arm, { sessions: 1, impressions: 20, clicks: 2 * clicks, carts: 0, purchases: 0 })));
    }
    const r = await report();
    expect(r.shoppers).toEqual({ treatment: 2, control: 2 });
    expect(r.lift.ctr).toMatchObject({ unit: 'shopper', estimate: expect.closeTo(4 / 3 - 1, 9) });
    expect(r.lift.ctr.ci).not.toBeNull();
    // Revenue never travels in unit messages: that metric keeps the batch unit.
    expect(r.lift.revenuePerSession.unit).toBe('batch');
  });
});
