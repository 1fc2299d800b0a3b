import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test-fixtures';
import type { SourceTable } from '../source';
import { writeFixtures } from './fixtures';
import { findPreset, genericPreset, PRESETS } from './index';

const tmp = tempDir();
const data = writeFixtures(join(tmp.dir, 'data'));
afterAll(() => tmp.cleanup());

const read = (name: string, role: 'train' | 'test' | 'all' = 'all', path?: string) => {
  const preset = findPreset(name)!;
  return preset.read(path ?? join(data, preset.dataPath), role);
};
const brief = (t: SourceTable) => t.rows.map((r) => [r.text, r.category, r.sentiment]);

describe('text presets', () => {
  it('online-shopping-10-cats: first two commas only, quoted reviews, BOM, empty and unknown categories', async () => {
    const t = await read('online-shopping-10-cats');
    expect(brief(t)).toEqual([
      ['做父母一定要有刘墉这样的心态', 'books_media', 'positive'],
      ['屏幕坏了,客服不理人', 'phones', 'negative'],
      ['房间干净,早餐好', 'travel', 'positive'],
      ['不知道是什么', null, 'positive'],
    ]);
    expect(t.empty).toBe(1);
    expect(t.rows.every((r) => r.lang === 'zh')).toBe(true);
  });
  it('waimai-10k: sentiment only', async () => {
    expect(brief(await read('waimai-10k'))).toEqual([['很快，好吃', null, 'positive'], ['太慢了,饭都凉了', null, 'negative'], ['很一般', null, 'negative']]);
  });
  it('multi-domain-sentiment: a folder, or one .review file (domain and sentiment from the path)', async () => {
    const t = await read('multi-domain-sentiment');
    expect(brief(t)).toEqual([
      ['Boring plot.', 'books_media', 'negative'],
      ['A great novel & a "fine" read.', 'books_media', 'positive'],
      ['Loved every chapter.', 'books_media', 'positive'],
      ['The blender broke after a week.', 'home_kitchen', 'negative'],
    ]);
    const one = await read('multi-domain-sentiment', 'all', join(data, 'multi-domain-sentiment/kitchen/negative.review'));
    expect(brief(one)).toEqual([['The blender broke after a week.', 'home_kitchen', 'negative']]);
  });
  it('amazon-cells-labelled, pricerunner (quote inside a title) and amazon-in-products (quoted CSV, CRLF, dropped categories)', async () => {
    expect(brief(await read('amazon-cells-labelled'))).toEqual([['Good case, Excellent value.', null, 'positive'], ['Battery died fast.', null, 'negative']]);
    expect(brief(await read('pricerunner-product-titles'))).toEqual([['apple iphone 8 plus 64gb silver', 'phones', null], ['loewe 55" uhd tv', 'electronics', null], ['bosch washer', 'home_kitchen', null]]);
    const amazon = await read('amazon-in-products');
    expect(brief(amazon)).toEqual([['Cable, USB-C (1m)', 'computers', null], ['Redmi 10 Smartphone', 'phones', null], ['Classmate Notebook', null, null]]);
    expect(amazon.rows[2]!.native).toBe('OfficeProducts/WireboundNotebooks');
  });
  it('clinc150: its own split; --train reads train+oos_train, --test test+oos_test', async () => {
    const all = await read('clinc150');
    expect(all.rows.map((r) => [r.fixedSplit, r.category])).toEqual([
      ['train', 'travel'], ['train', 'support'], ['dev', 'other'], ['test', 'support'], ['test', 'travel'], ['train', 'other'], ['test', 'other'],
    ]);
    expect((await read('clinc150', 'train')).rows.map((r) => r.native)).toEqual(['book_hotel', 'order_status', 'oos']);
    expect((await read('clinc150', 'test')).rows.map((r) => r.native)).toEqual(['card_declined', 'car_rental', 'oos']);
  });
  it('writes every split back in the native layout, which reads back the same rows', async () => {
    for (const preset of PRESETS) {
      const t = await preset.read(join(data, preset.dataPath), 'all');
      // clinc150 keeps its own split, and a test file holds its test parts only.
      const rows = t.rows.filter((r) => r.fixedSplit === undefined || r.fixedSplit === 'test');
      const dir = join(tmp.dir, 'splits', preset.name);
      const path = await preset.write(rows, t.layout, dir, 'test');
      expect(path).toBe(join(dir, preset.splitName('test')));
      const back = await preset.read(path, 'test');
      const key = (x: SourceTable) => x.rows.map((r) => [r.text, r.category, r.sentiment, r.native, r.raw]);
      expect(key(back), preset.name).toEqual(key({ ...t, rows }));
    }
    // Line files keep header and line ending: amazon-in-products is CRLF.
    expect(readFileSync(join(tmp.dir, 'splits/amazon-in-products/test.csv'), 'utf8')).toMatch(/^product_id,product_name,.*\r\nB1,"Cable, USB-C \(1m\)"/);
  });
  it('generic CSV: named or 1-based columns, taxonomy or 0/1 labels', async () => {
    const byName = genericPreset({ textCol: 'review', labelCol: 'label' });
    expect(brief(await byName.read(join(data, 'waimai-10k/waimai_10k.csv'), 'all'))[0]).toEqual(['很快，好吃', null, 'positive']);
    const byPosition = genericPreset({ textCol: '1', labelCol: '2' });
    expect(brief(await byPosition.read(join(data, 'amazon-cells-labelled/amazon_cells_labelled.txt'), 'all'))).toHaveLength(2);
    await expect(genericPreset({ textCol: 'nope' }).read(join(data, 'waimai-10k/waimai_10k.csv'), 'all')).rejects.toThrow(/no column "nope"/);
  });
});

const SHARED = new URL('../../../../shared/data/', import.meta.url).pathname;
describe.skipIf(!existsSync(SHARED))('text presets on ../shared/data', () => {
  it('read the documented row counts', async () => {
    const counts: Record<string, number> = {};
    for (const p of PRESETS) counts[p.name] = (await p.read(join(SHARED, p.dataPath), 'all')).rows.length;
    expect(counts).toEqual({
      'online-shopping-10-cats': 56_527, 'waimai-10k': 11_987, 'multi-domain-sentiment': 7_182, 'amazon-cells-labelled': 1_000,
      'pricerunner-product-titles': 35_311, 'amazon-in-products': 1_348, clinc150: 23_700,
    });
  }, 60_000);
});
