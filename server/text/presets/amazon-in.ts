/** `amazon-in-products`: quoted CSV with a header; text = product_name, label by main + sub category. */
import { amazonInCategory } from '../../../src/core/text/taxonomy';
import { parseDelimited } from '../csv';
import { emptyTable, pushRow, type Preset } from '../source';
import { readLineFile, writeLineFile } from './line-file';

export const amazonIn: Preset = {
  name: 'amazon-in-products',
  dataPath: 'amazon-in-products/amazon_cleaned.csv',
  tasks: ['category'],
  summary: 'en Amazon.in product names, CSV with header (main_category + sub_category)',
  async read(path) {
    const file = await readLineFile(path, true);
    const header = parseDelimited(file.header ?? '', ',')[0]?.fields.map((h) => h.replace(/^\uFEFF/, '').trim()) ?? [];
    const col = (name: string) => {
      const i = header.indexOf(name);
      if (i < 0) throw new Error(`${path}: no column ${JSON.stringify(name)} in the header ${JSON.stringify(file.header)}`);
      return i;
    };
    const [nameCol, mainCol, subCol] = [col('product_name'), col('main_category'), col('sub_category')];
    const table = emptyTable({ header: file.header, eol: file.eol });
    for (const rec of parseDelimited(file.body, ',')) {
      const main = rec.fields[mainCol]?.trim() ?? '';
      const sub = rec.fields[subCol]?.trim() ?? '';
      pushRow(table, {
        text: rec.fields[nameCol] ?? '', lang: 'en', category: amazonInCategory(main, sub), sentiment: null,
        native: `${main}/${sub}`, group: '', raw: rec.raw,
      });
    }
    return table;
  },
  splitName: (side) => `${side}.csv`,
  write(rows, layout, dir, side) {
    return writeLineFile(rows, layout, dir, `${side}.csv`);
  },
};
