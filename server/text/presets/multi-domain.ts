/**
 * `multi-domain-sentiment`: a folder of `<domain>/{positive,negative}.review` files in
 * pseudo-XML that is not well-formed (raw `&`, quotes), so blocks are cut out with a regex.
 * A single `.review` file works too: the domain is its folder's name, the sentiment its own name.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { MULTI_DOMAIN_CATEGORY, parseSentiment } from '../../../src/core/text/taxonomy';
import { emptyTable, pushRow, type Preset, type SourceTable } from '../source';

const BLOCK = /<review>\n[\s\S]*?\n<\/review>/g;
const TEXT = /<review_text>\n([\s\S]*?)\n<\/review_text>/;

/** Every `<review>` block with its review text (null when the block has none). */
export function parseReviews(xml: string): Array<{ raw: string; text: string | null }> {
  const out: Array<{ raw: string; text: string | null }> = [];
  for (const m of xml.matchAll(BLOCK)) out.push({ raw: m[0], text: TEXT.exec(m[0])?.[1] ?? null });
  return out;
}

/** The `.review` files under a folder (domain sub-folders, or the files directly). */
async function reviewFiles(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const files: string[] = [];
  for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) files.push(...(await reviewFiles(full)));
    else if (entry.name.endsWith('.review')) files.push(full);
  }
  return files;
}

async function readReviewFile(file: string, table: SourceTable): Promise<void> {
  const domain = basename(dirname(file));
  const polarity = basename(file, '.review');
  const sentiment = parseSentiment(polarity);
  const blocks = parseReviews(await readFile(file, 'utf8'));
  if (blocks.length === 0) throw new Error(`${file}: no <review> blocks found`);
  for (const b of blocks) {
    if (b.text === null) {
      table.empty++;
      continue;
    }
    pushRow(table, {
      text: b.text, lang: 'en', category: MULTI_DOMAIN_CATEGORY[domain] ?? null, sentiment,
      native: `${domain}/${polarity}`, group: `${domain}/${polarity}`, raw: b.raw,
    });
  }
}

export const multiDomain: Preset = {
  name: 'multi-domain-sentiment',
  dataPath: 'multi-domain-sentiment',
  tasks: ['category', 'sentiment'],
  summary: 'en Amazon reviews, folder of <domain>/{positive,negative}.review (4 domains × sentiment)',
  async read(path) {
    const files = await reviewFiles(path);
    if (files.length === 0) throw new Error(`${path}: no .review files`);
    const table = emptyTable();
    for (const file of files) await readReviewFile(file, table);
    return table;
  },
  splitName: (side) => side,
  async write(rows, _layout, dir, side) {
    const root = join(dir, side);
    const groups = new Map<string, string[]>();
    for (const r of rows) {
      const list = groups.get(r.group);
      if (list) list.push(r.raw);
      else groups.set(r.group, [r.raw]);
    }
    for (const [group, blocks] of groups) {
      const file = join(root, `${group}.review`);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, `<reviews>\n${blocks.join('\n')}\n</reviews>`);
    }
    return root;
  },
};
