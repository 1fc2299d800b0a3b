/**
 * `pricerunner-product-titles`: no header; product_id, product_title, merchant_id, cluster_id,
 * cluster_label, category_id, category_label. The text is the (lower-case) offer title.
 */
import { PRICERUNNER_CATEGORY } from '../../../src/core/text/taxonomy';
import { parseDelimited } from '../csv';
import { emptyTable, pushRow, type Preset } from '../source';
import { readLineFile, writeLineFile } from './line-file';

export const pricerunner: Preset = {
  name: 'pricerunner-product-titles',
  dataPath: 'pricerunner-product-titles/pricerunner_aggregate.csv',
  tasks: ['category'],
  summary: 'en product titles, positional CSV without header (10 categories)',
  async read(path) {
    const file = await readLineFile(path, false);
    const table = emptyTable({ header: file.header, eol: file.eol });
    for (const rec of parseDelimited(file.body, ',')) {
      // Seven columns; a title holding commas (unquoted) pushes the rest to the right.
      const f = rec.fields;
      if (f.length < 7) throw new Error(`${path}: expected 7 columns, got ${f.length} in ${JSON.stringify(rec.raw.slice(0, 80))}`);
      const label = (f[f.length - 1] ?? '').trim();
      const title = f.slice(1, f.length - 5).join(',');
      pushRow(table, { text: title, lang: 'en', category: PRICERUNNER_CATEGORY[label] ?? null, sentiment: null, native: label, group: '', raw: rec.raw });
    }
    return table;
  },
  splitName: (side) => `${side}.csv`,
  write(rows, layout, dir, side) {
    return writeLineFile(rows, layout, dir, `${side}.csv`);
  },
};
