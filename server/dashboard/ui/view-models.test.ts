/**
 * The dashboard's pure view models on two real reports: an empty campaign (no signals) and a
 * SIMULATED one with a planted lift. Whatever the data, nothing shows NaN, and the layout
 * numbers stay inside the chart.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, type CampaignReport } from '../../../src/core/report/report';
import { runSimulation } from '../../simulate/run';
import { SIM_NOW, simulatedCampaign } from '../../simulate/shoppers';
import { describeError, isCampaignList, isReport } from './api';
import { armRows } from './arm-rows';
import { forestAxis, forestRows, tickLabel, toPercent } from './forest-scale';
import { itemRows } from './item-rows';
import { liftCard } from './lift-card';
import { METRICS } from './metrics';
import { hasCurve, positionSeries } from './position-series';
import { summaryLines } from './summary-lines';

const BAD = /NaN|Infinity|undefined|null/;

function everyText(r: CampaignReport): string {
  return JSON.stringify([
    METRICS.map((m) => liftCard(m, r.lift[m.key], r.currency)),
    armRows(r.arms, r.currency),
    itemRows(r.items, r.currency, 'en'),
    itemRows(r.items, r.currency, 'zh'),
  ]);
}

const forestInputs = (r: CampaignReport) => METRICS.map((m) => ({ key: m.key, estimate: r.lift[m.key].estimate, ci: r.lift[m.key].ci, significant: r.lift[m.key].significant }));

describe('an empty campaign', () => {
  const empty = buildReport({ campaign: simulatedCampaign(), moments: [], rows: [], now: SIM_NOW });

  it('shows "not enough data" with the reason, and no NaN anywhere', () => {
    for (const m of METRICS) {
      const card = liftCard(m, empty.lift[m.key], empty.currency);
      expect(card).toMatchObject({ estimate: '—', p: '—', verdict: 'Not enough data', tone: 'empty' });
      expect(card.ci).toBe('Needs at least 2 batches in each arm.');
    }
    expect(everyText(empty)).not.toMatch(BAD);
  });

  it('draws a centred ±10% frame and no intervals', () => {
    const axis = forestAxis(forestInputs(empty));
    expect(axis).toEqual({ lo: -0.1, hi: 0.1, ticks: [-0.1, -0.05, 0, 0.05, 0.1] });
    expect(toPercent(0, axis)).toBe(50);
    expect(forestRows(forestInputs(empty), axis).every((r) => r.low === null && r.point === null && r.high === null)).toBe(true);
  });

  it('has no position curve', () => {
    expect(hasCurve(positionSeries(empty.positions))).toBe(false);
  });
});

describe('a simulated campaign with a planted lift', () => {
  let report: CampaignReport;
  beforeAll(async () => {
    ({ report } = await runSimulation({ shoppers: 300, lift: 0.2, seed: 3 }));
  }, 30_000);

  it('fills every card with an estimate, a 95% CI and a p-value', () => {
    for (const m of METRICS) {
      const card = liftCard(m, report.lift[m.key], report.currency);
      expect(card.estimate).toMatch(/^[+−]?\d+\.\d%$/);
      expect(card.ci).toMatch(/^95% CI [+−]?\d+\.\d% to [+−]?\d+\.\d%$/);
      expect(card.p).toMatch(/^p (=|<) [01]\.\d{3}$/);
      // The simulated devices send shopper moments: every metric but revenue is tested over shoppers.
      expect(card.test).toBe(m.key === 'revenuePerSession' ? 'z-test over visit batches' : 'z-test over shoppers');
      expect(card.tone).not.toBe('empty');
    }
    expect(everyText(report)).not.toMatch(BAD);
  });

  it('lays out the forest chart with 0 and every interval on the axis', () => {
    const inputs = forestInputs(report);
    const axis = forestAxis(inputs);
    expect(axis.ticks).toContain(0);
    expect(axis.ticks).toEqual([...axis.ticks].sort((a, b) => a - b));
    for (const i of inputs) {
      expect(axis.lo).toBeLessThanOrEqual(i.ci![0]);
      expect(axis.hi).toBeGreaterThanOrEqual(i.ci![1]);
    }
    for (const r of forestRows(inputs, axis)) {
      expect(r.low).not.toBeNull();
      expect(0 <= r.low! && r.low! <= r.point! && r.point! <= r.high! && r.high! <= 100).toBe(true);
    }
  });

  it('turns the position curve into 1-based slots with CTR in percent per arm', () => {
    const s = positionSeries(report.positions);
    expect(hasCurve(s)).toBe(true);
    expect(s.slots[0]).toBe(1);
    const first = report.positions[0]!;
    expect(s.treatment[0]).toBeCloseTo((100 * first.treatment.clicks) / first.treatment.impressions, 9);
    expect(s.control[0]).toBeCloseTo((100 * first.control.clicks) / first.control.impressions, 9);
    // A slot one arm never showed is a gap, not a zero.
    const gap = positionSeries([{ position: 0, treatment: { impressions: 5, clicks: 1, ctr: 0.2 }, control: { impressions: 0, clicks: 0, ctr: null } }]);
    expect(gap).toMatchObject({ slots: [1], treatment: [20], control: [null] });
  });

  it('lists items needing action first, with the forecast numbers beside the advice', () => {
    const rows = itemRows(report.items, report.currency, 'en');
    expect(rows).toHaveLength(report.items.length);
    const firstCalm = rows.findIndex((r) => !r.action);
    expect(rows.slice(firstCalm === -1 ? rows.length : firstCalm).every((r) => !r.action)).toBe(true);
    const act = rows.find((r) => r.action)!;
    expect(act.adviceNumbers).toMatch(/units\/h/);
    expect(itemRows(report.items, report.currency, 'zh').find((r) => r.itemId === act.itemId)!.advice).toMatch(/[预售]/);
  });

  it('accepts the report at the API boundary', () => {
    expect(isReport(JSON.parse(JSON.stringify(report)))).toBe(true);
    expect(isReport({ ...report, items: 'x' })).toBe(false);
  });

  it('splits the summary into sentences in both languages', () => {
    const en = summaryLines(report.summary.en, 'en');
    expect(en.length).toBeGreaterThanOrEqual(5);
    expect(en[1]).toMatch(/^Click-through rate (rose|fell|changed) .*p (=|<) 0\.\d{3}\): .*\.$/);
    expect(en.join(' ')).toBe(report.summary.en);
    const zh = summaryLines(report.summary.zh, 'zh');
    expect(zh.length).toBe(en.length);
    expect(zh.join('')).toBe(report.summary.zh);
  });
});

describe('small helpers', () => {
  it('labels axis ticks with a sign and only the decimals they need', () => {
    expect([-0.2, -0.025, 0, 0.05, 0.1, 1].map(tickLabel)).toEqual(['−20%', '−2.5%', '0%', '+5%', '+10%', '+100%']);
  });

  it('picks round ticks', () => {
    expect(forestAxis([{ key: 'ctr', estimate: 0.1, ci: [0.011, 0.241], significant: true }]).ticks).toEqual([0, 0.05, 0.1, 0.15, 0.2, 0.25]);
    expect(forestAxis([{ key: 'ctr', estimate: -0.15, ci: [-0.43, 0.33], significant: false }]).ticks).toEqual([-0.6, -0.4, -0.2, 0, 0.2, 0.4]);
  });

  it('validates the campaign list and words every API error for a merchant', () => {
    expect(isCampaignList({ campaigns: [{ id: 'a', name: 'A', startsAt: '', endsAt: '' }] })).toBe(true);
    expect(isCampaignList({ campaigns: [{ id: 1 }] })).toBe(false);
    expect(describeError({ kind: 'unauthorized', status: 401, message: 'the admin token is wrong' })).toMatch(/^The admin token was not accepted \(HTTP 401: the admin token is wrong\)/);
    expect(describeError({ kind: 'network', status: 0, message: 'Failed to fetch' })).toMatch(/Could not reach the server/);
  });
});
