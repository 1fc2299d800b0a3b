/** `amazon-cells-labelled`: `sentence<TAB>label`, no header, sentiment only. */
import { parseSentiment } from '../../../src/core/text/taxonomy';
import { emptyTable, pushRow, type Preset } from '../source';
import { readLineFile, writeLineFile } from './line-file';

export const amazonCells: Preset = {
  name: 'amazon-cells-labelled',
  dataPath: 'amazon-cells-labelled/amazon_cells_labelled.txt',
  tasks: ['sentiment'],
  summary: 'en product sentences, sentence<TAB>0|1 without header (sentiment only)',
  async read(path) {
    const file = await readLineFile(path, false);
    const table = emptyTable({ header: file.header, eol: file.eol });
    file.body.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      const tab = line.lastIndexOf('\t');
      if (tab < 0) throw new Error(`${path}:${i + 1}: expected sentence<TAB>label, got ${JSON.stringify(line.slice(0, 80))}`);
      const label = line.slice(tab + 1);
      pushRow(table, { text: line.slice(0, tab), lang: 'en', category: null, sentiment: parseSentiment(label), native: label, group: '', raw: line });
    });
    return table;
  },
  splitName: (side) => `${side}.txt`,
  write(rows, layout, dir, side) {
    return writeLineFile(rows, layout, dir, `${side}.txt`);
  },
};
