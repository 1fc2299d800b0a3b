/**
 * Any delimited file with a text column and a label column. Columns are header names, or
 * 1-based numbers for a file without a header. Labels are taxonomy category names, or
 * 0/1/negative/positive for sentiment; a label of the other kind maps to nothing for that task.
 */
import { parseCategory, parseSentiment } from '../../../src/core/text/taxonomy';
import { defaultSeparator, parseDelimited } from '../csv';
import { emptyTable, guessLang, pushRow, type Preset } from '../source';
import { readLineFile, writeLineFile } from './line-file';

export interface GenericOptions {
  textCol?: string | undefined;
  labelCol?: string | undefined;
  sep?: string | undefined;
}

const position = (col: string): number | null => (/^\d+$/.test(col) && Number(col) >= 1 ? Number(col) - 1 : null);

export function genericPreset(options: GenericOptions): Preset {
  const textCol = options.textCol ?? 'text';
  const labelCol = options.labelCol ?? 'label';
  const positional = position(textCol) !== null && position(labelCol) !== null;
  return {
    name: 'csv',
    dataPath: '',
    tasks: ['category', 'sentiment'],
    summary: 'any CSV/TSV: --text-col, --label-col (names, or 1-based numbers when there is no header), --sep',
    async read(path) {
      const sep = options.sep ?? defaultSeparator(path);
      const file = await readLineFile(path, !positional);
      let textAt = position(textCol);
      let labelAt = position(labelCol);
      if (!positional) {
        const header = parseDelimited(file.header ?? '', sep)[0]?.fields.map((h) => h.replace(/^\uFEFF/, '').trim()) ?? [];
        const find = (name: string) => {
          const i = header.indexOf(name);
          if (i < 0) throw new Error(`${path}: no column ${JSON.stringify(name)} in the header ${JSON.stringify(file.header)} (separator ${JSON.stringify(sep)}; give --text-col/--label-col/--sep)`);
          return i;
        };
        textAt = find(textCol);
        labelAt = find(labelCol);
      }
      const table = emptyTable({ header: file.header, eol: file.eol });
      for (const rec of parseDelimited(file.body, sep)) {
        const text = rec.fields[textAt ?? 0] ?? '';
        const label = (rec.fields[labelAt ?? 1] ?? '').trim();
        pushRow(table, { text, lang: guessLang(text), category: parseCategory(label), sentiment: parseSentiment(label), native: label, group: '', raw: rec.raw });
      }
      return table;
    },
    splitName: (side) => `${side}.csv`,
    write(rows, layout, dir, side) {
      return writeLineFile(rows, layout, dir, `${side}.csv`);
    },
  };
}
