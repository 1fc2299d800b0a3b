/**
 * What every text-source preset yields: labelled texts plus the native record each came from,
 * so a split can be written back in the data set's own layout. Shared helpers for presets.
 */
import type { Split } from '../../src/core/text/split';
import type { CategoryLabel, SentimentLabel, TextTask } from '../../src/core/text/taxonomy';

export type Lang = 'zh' | 'en';

export interface SourceRow {
  /** The cleaned text (BOMs removed, trimmed); never empty. */
  text: string;
  lang: Lang;
  /** Taxonomy labels; null when the source has no such label or the native one maps to none. */
  category: CategoryLabel | null;
  sentiment: SentimentLabel | null;
  /** The native label(s), e.g. `手机/1` or `kitchen/negative`, for reports on skipped rows. */
  native: string;
  /** The source's own split, when it has one (clinc150). */
  fixedSplit?: Split | undefined;
  /** File-level group in the native layout ('' for single-file sources). */
  group: string;
  /** The native record verbatim (a CSV line, a `<review>` block, a JSON pair). */
  raw: string;
}

/** Header line and line ending of a line-based file, so a written split looks like the original. */
export interface NativeLayout {
  header: string | null;
  eol: string;
}

export interface SourceTable {
  rows: SourceRow[];
  /** Records dropped because their text was empty or whitespace. */
  empty: number;
  layout: NativeLayout;
}

/** Which part of a file that holds several splits to read (clinc150's data_full.json). */
export type ReadRole = Split | 'all';

export interface Preset {
  readonly name: string;
  /** What --train/--test (and `prepare`'s input) point at, relative to the data folder. */
  readonly dataPath: string;
  readonly tasks: readonly TextTask[];
  readonly summary: string;
  read(path: string, role: ReadRole): Promise<SourceTable>;
  /** Name of a split written by `write` (a file, or a folder for folder layouts), e.g. `test.csv`. */
  splitName(side: Split): string;
  /** Writes rows in the native layout as `<dir>/<splitName(side)>`; returns that path. */
  write(rows: readonly SourceRow[], layout: NativeLayout, dir: string, side: Split): Promise<string>;
}

/** Removes byte-order marks (online-shopping-10-cats' first review has one) and trims. */
export function cleanText(text: string): string {
  return text.replaceAll('\uFEFF', '').trim();
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** zh when the text has a CJK ideograph, else en (for the generic preset). */
export function guessLang(text: string): Lang {
  return CJK.test(text) ? 'zh' : 'en';
}

/** Adds a row unless its cleaned text is empty (then counts it). */
export function pushRow(table: SourceTable, row: Omit<SourceRow, 'text'> & { text: string }): void {
  const text = cleanText(row.text);
  if (text === '') table.empty++;
  else table.rows.push({ ...row, text });
}

export const emptyTable = (layout: NativeLayout = { header: null, eol: '\n' }): SourceTable => ({ rows: [], empty: 0, layout });
