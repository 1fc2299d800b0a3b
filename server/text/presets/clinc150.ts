/**
 * `clinc150`: data_full.json, `{train, val, test, oos_train, oos_val, oos_test}: [[text, intent]]`.
 * It has its own split: train+oos_train, val+oos_val (dev), test+oos_test. As --train a file
 * gives its train parts, as --test its test parts (dev: val parts); a file without those keys
 * gives every pair.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Split } from '../../../src/core/text/split';
import { clincCategory } from '../../../src/core/text/taxonomy';
import { emptyTable, pushRow, type Preset, type ReadRole } from '../source';

const KEY_SPLIT: Readonly<Record<string, Split>> = { train: 'train', oos_train: 'train', val: 'dev', oos_val: 'dev', test: 'test', oos_test: 'test' };

/** The keys read for a role: the role's own parts when the file has them, else all. */
function keysFor(keys: readonly string[], role: ReadRole): string[] {
  if (role === 'all') return [...keys];
  const own = keys.filter((k) => KEY_SPLIT[k] === role);
  return own.length > 0 ? own : [...keys];
}

export const clinc150: Preset = {
  name: 'clinc150',
  dataPath: 'clinc150/data_full.json',
  tasks: ['category'],
  summary: 'en assistant utterances, data_full.json (150 intents + oos → travel/support/other)',
  async read(path, role) {
    const json: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error(`${path}: expected a JSON object of [text, intent] lists`);
    const parts = json as Record<string, unknown>;
    const table = emptyTable();
    for (const key of keysFor(Object.keys(parts), role)) {
      const list = parts[key];
      if (!Array.isArray(list)) throw new Error(`${path}: "${key}" is not a list`);
      for (const pair of list as unknown[]) {
        if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') throw new Error(`${path}: "${key}" holds ${JSON.stringify(pair)}, expected [text, intent]`);
        const [text, intent] = pair as [string, string];
        pushRow(table, { text, lang: 'en', category: clincCategory(intent), sentiment: null, native: intent, fixedSplit: KEY_SPLIT[key], group: key, raw: JSON.stringify([text, intent]) });
      }
    }
    return table;
  },
  splitName: (side) => `${side}.json`,
  async write(rows, _layout, dir, side) {
    await mkdir(dir, { recursive: true });
    const parts = new Map<string, string[]>();
    for (const r of rows) {
      const list = parts.get(r.group);
      if (list) list.push(r.raw);
      else parts.set(r.group, [r.raw]);
    }
    const body = [...parts].map(([key, pairs]) => `${JSON.stringify(key)}: [\n${pairs.map((p) => `  ${p}`).join(',\n')}\n]`).join(',\n');
    const path = join(dir, `${side}.json`);
    await writeFile(path, `{${body}}\n`);
    return path;
  },
};
