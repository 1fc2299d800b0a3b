/** `waimai-10k`: `label,review` food-delivery reviews, sentiment only (delivery is no product category). */
import { parseSentiment } from '../../../src/core/text/taxonomy';
import { splitFirst } from '../csv';
import { emptyTable, pushRow, type Preset } from '../source';
import { checkHeader, readLineFile, writeLineFile } from './line-file';

const HEADER = 'label,review';

export const waimai: Preset = {
  name: 'waimai-10k',
  dataPath: 'waimai-10k/waimai_10k.csv',
  tasks: ['sentiment'],
  summary: 'zh food-delivery reviews, CSV label,review (sentiment only)',
  async read(path) {
    const file = await readLineFile(path, true);
    checkHeader(file, HEADER, path);
    const table = emptyTable({ header: file.header, eol: file.eol });
    file.body.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      const f = splitFirst(line, ',', 2);
      if (!f) throw new Error(`${path}:${i + 2}: expected label,review, got ${JSON.stringify(line.slice(0, 80))}`);
      const [label = '', review = ''] = f;
      pushRow(table, { text: review, lang: 'zh', category: null, sentiment: parseSentiment(label), native: label, group: '', raw: line });
    });
    return table;
  },
  splitName: (side) => `${side}.csv`,
  write(rows, layout, dir, side) {
    return writeLineFile(rows, layout, dir, `${side}.csv`);
  },
};
