/**
 * `online-shopping-10-cats`: `cat,label,review`, one unquoted record per line (some reviews are
 * wholly quoted because they contain commas); split on the first two commas only.
 */
import { ONLINE_SHOPPING_CATEGORY, parseSentiment } from '../../../src/core/text/taxonomy';
import { splitFirst } from '../csv';
import { emptyTable, pushRow, type Preset } from '../source';
import { checkHeader, readLineFile, writeLineFile } from './line-file';

const HEADER = 'cat,label,review';

export const onlineShopping: Preset = {
  name: 'online-shopping-10-cats',
  dataPath: 'online-shopping-10-cats/online_shopping_10_cats.csv',
  tasks: ['category', 'sentiment'],
  summary: 'zh reviews, CSV cat,label,review (10 categories × sentiment)',
  async read(path) {
    const file = await readLineFile(path, true);
    checkHeader(file, HEADER, path);
    const table = emptyTable({ header: file.header, eol: file.eol });
    file.body.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      const f = splitFirst(line, ',', 3);
      if (!f) throw new Error(`${path}:${i + 2}: expected cat,label,review, got ${JSON.stringify(line.slice(0, 80))}`);
      const [cat = '', label = '', review = ''] = f;
      pushRow(table, {
        text: review, lang: 'zh', category: ONLINE_SHOPPING_CATEGORY[cat.trim()] ?? null, sentiment: parseSentiment(label),
        native: `${cat}/${label}`, group: '', raw: line,
      });
    });
    return table;
  },
  splitName: (side) => `${side}.csv`,
  write(rows, layout, dir, side) {
    return writeLineFile(rows, layout, dir, `${side}.csv`);
  },
};
