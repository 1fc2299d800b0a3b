import { describe, expect, it } from 'vitest';
import { csvField, csvRow, reportCsv } from '../../src/core/report/csv';
import { buildReport } from '../../src/core/report/report';
import type { Campaign } from '../../src/core/protocol';
import { moments } from './fixtures';

const H = 3_600_000;
const campaign: Campaign = {
  id: 'c1', name: 'Sale', currency: 'EUR', startsAt: '2025-03-01T00:00:00.000Z', endsAt: '2025-03-02T00:00:00.000Z',
  items: [
    { id: 'a', title: 'Mug, "large"', category: 'kitchen', price: 5, listPrice: 10, stock: 2, initialStock: 62 },
    { id: 'b', title: '=HYPERLINK("x")', category: 'kitchen', price: 5, listPrice: 10, stock: 100, initialStock: 100 },
  ],
};
const now = Date.parse(campaign.startsAt) + 12 * H;
// Treatment clicks twice as often per impression, with little noise: a clear, significant lift.
const T = moments('treatment', Array.from({ length: 50 }, (_, i) => ({ sessions: 1, impressions: 10, clicks: 2 + (i % 2), carts: 1, purchases: 1, revenue: 5 })));
const C = moments('control', Array.from({ length: 50 }, (_, i) => ({ sessions: 1, impressions: 10, clicks: 1 + (i % 2) * 0.5, carts: 1, purchases: 1, revenue: 5 })));
const rows = [
  { arm: 'treatment' as const, itemId: 'a', position: 0, impressions: 500, clicks: 125, carts: 50, purchases: 0, revenue: 0 },
  { arm: 'treatment' as const, itemId: 'a', position: -1, impressions: 0, clicks: 0, carts: 0, purchases: 60, revenue: 300 },
  { arm: 'control' as const, itemId: 'a', position: 0, impressions: 500, clicks: 63, carts: 50, purchases: 0, revenue: 0 },
];

describe('CSV', () => {
  it('quotes commas, quotes and newlines, and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvRow(['x', 1, true, undefined])).toBe('x,1,true,');
  });
  it('writes arm, lift and item blocks with CRLF line ends', () => {
    const csv = reportCsv(buildReport({ campaign, moments: [T, C], rows, now }));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('arm,batches,sessions,impressions,clicks,carts,purchases,revenue,ctr,add_to_cart_rate,conversion_rate,revenue_per_session');
    expect(lines[1]).toMatch(/^treatment,50,50,500,125,50,50,250,0\.25,/);
    expect(lines[4]).toBe('metric,treatment,control,lift,ci_low,ci_high,p,significant,note,unit');
    expect(lines[5]).toMatch(/,batch$/); // no unit messages: the batch is the unit
    expect(csv).toContain('a,"Mug, ""large""",kitchen,5,10,500+0'.replace('500+0', '1000'));
    expect(csv).toContain(`b,"'=HYPERLINK(""x"")",kitchen`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});

describe('summary', () => {
  const report = buildReport({ campaign, moments: [T, C], rows, now });
  it('says what lifted, by how much and how sure, in English', () => {
    expect(report.lift.ctr.estimate).toBeCloseTo(2.5 / 1.25 - 1, 9);
    expect(report.summary.en).toContain('Click-through rate rose +100.0% with reordering (95% CI +');
    expect(report.summary.en).toContain('p < 0.001): strong evidence of a real effect.');
    expect(report.summary.en).toContain('Conversion rate changed +0.0%');
    expect(report.summary.en).toContain('not distinguishable from no effect');
  });
  it('says the same in Chinese', () => {
    expect(report.summary.zh).toContain('重排后点击率提升 +100.0%（95% 置信区间 +');
    expect(report.summary.zh).toContain('有力证据表明效果真实');
    expect(report.summary.zh).toContain('与无效果无法区分');
  });
  it('names the items that need action in both languages', () => {
    // a: 60 sold in 12 h = 5/h, 2 left → sells out 11.6 h early (shown as 12 h); b: no sales → leftover.
    expect(report.items.map((i) => i.advice.kind)).toEqual(['sell-out-early', 'leftover']);
    expect(report.summary.en).toContain('2 items need action: Mug, "large" (projected to sell out 12 h before the end (5.0 units/h, 2 left)');
    expect(report.summary.zh).toContain('2 个商品需要处理：Mug, "large"（预计在结束前 12 小时售罄');
  });
  it('admits when there is not enough data', () => {
    const empty = buildReport({ campaign, moments: [], rows: [], now });
    expect(empty.lift.ctr).toMatchObject({ estimate: null, ci: null, p: null });
    expect(empty.summary.en).toContain('Not enough data in both arms yet to estimate a lift.');
    expect(empty.summary.zh).toContain('两组数据尚不足以估计提升。');
  });
});
