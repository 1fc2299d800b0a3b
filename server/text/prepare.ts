/**
 * `reshelf text prepare`: reads every data set with its preset, splits each (clinc150 by its own
 * split, everything else by the text hash in src/core/text/split.ts), and writes
 * (a) `<out>/{train,dev,test}.jsonl` for training, one labelled text per line, and
 * (b) `<out>/splits/<preset>/{train,dev,test}…` in each data set's native layout, so
 * `reshelf eval text --preset <p> --train … --test …` scores exactly the held-out rows.
 */
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SPLITS, splitOf, type Split } from '../../src/core/text/split';
import { PRESETS } from './presets/index';
import type { Lang, Preset, SourceRow } from './source';

export interface PrepareOptions {
  dataDir: string;
  outDir: string;
  presets?: readonly Preset[] | undefined;
}

export interface SourceCounts {
  source: string;
  lang: Lang | 'mixed';
  /** Non-empty records read. */
  rows: number;
  /** Records with empty or whitespace text, dropped. */
  empty: number;
  /** Records with neither a category nor a sentiment in the taxonomy (kept in the native splits only). */
  unlabelled: number;
  /** Labelled rows per split (what the .jsonl files hold). */
  split: Record<Split, number>;
  ms: number;
}

/** One line of train/dev/test.jsonl. */
export interface JsonlRow {
  text: string;
  lang: Lang;
  source: string;
  category: string | null;
  sentiment: string | null;
}

/** The rows of `<dir>/<split>.jsonl` as prepare wrote them (for the training and experiment scripts). */
export function readJsonlSplit(dir: string, split: Split): JsonlRow[] {
  return readFileSync(join(dir, `${split}.jsonl`), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as JsonlRow);
}

function end(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(resolve);
  });
}

export async function prepare(options: PrepareOptions): Promise<SourceCounts[]> {
  const presets = options.presets ?? PRESETS;
  await mkdir(options.outDir, { recursive: true });
  const splitsDir = join(options.outDir, 'splits');
  await rm(splitsDir, { recursive: true, force: true });
  const streams = Object.fromEntries(SPLITS.map((s) => [s, createWriteStream(join(options.outDir, `${s}.jsonl`))])) as Record<Split, WriteStream>;
  const counts: SourceCounts[] = [];
  try {
    for (const preset of presets) {
      const started = performance.now();
      const table = await preset.read(join(options.dataDir, preset.dataPath), 'all');
      const bySide: Record<Split, SourceRow[]> = { train: [], dev: [], test: [] };
      const c: SourceCounts = { source: preset.name, lang: table.rows[0]?.lang ?? 'en', rows: table.rows.length, empty: table.empty, unlabelled: 0, split: { train: 0, dev: 0, test: 0 }, ms: 0 };
      const chunks: Record<Split, string[]> = { train: [], dev: [], test: [] };
      for (const row of table.rows) {
        if (row.lang !== c.lang) c.lang = 'mixed';
        const side = row.fixedSplit ?? splitOf(row.text);
        bySide[side].push(row);
        if (row.category === null && row.sentiment === null) {
          c.unlabelled++;
          continue;
        }
        c.split[side]++;
        const line: JsonlRow = { text: row.text, lang: row.lang, source: preset.name, category: row.category, sentiment: row.sentiment };
        chunks[side].push(`${JSON.stringify(line)}\n`);
      }
      for (const side of SPLITS) {
        if (chunks[side].length) streams[side].write(chunks[side].join(''));
        await preset.write(bySide[side], table.layout, join(splitsDir, preset.name), side);
      }
      c.ms = Math.round(performance.now() - started);
      counts.push(c);
    }
  } finally {
    await Promise.all(SPLITS.map((s) => end(streams[s])));
  }
  await writeFile(join(options.outDir, 'stats.json'), `${JSON.stringify({ rule: 'sha256("reshelf-split:" + text) first 8 hex % 20: 0-1 test, 2 dev, else train; clinc150 keeps its own split', sources: counts }, null, 2)}\n`);
  return counts;
}

/** One line per source, then totals. */
export function formatCounts(counts: readonly SourceCounts[]): string[] {
  type Line = Omit<SourceCounts, 'lang'> & { lang: string };
  const head = `${'source'.padEnd(28)} lang   rows   empty unlabelled   train    dev   test     ms`;
  const line = (c: Line) =>
    `${c.source.padEnd(28)} ${c.lang.padEnd(4)} ${String(c.rows).padStart(6)} ${String(c.empty).padStart(7)} ${String(c.unlabelled).padStart(10)} ${String(c.split.train).padStart(7)} ${String(c.split.dev).padStart(6)} ${String(c.split.test).padStart(6)} ${String(c.ms).padStart(6)}`;
  const sum = (f: (c: SourceCounts) => number) => counts.reduce((a, c) => a + f(c), 0);
  const total: Line = {
    source: 'total', lang: '', rows: sum((c) => c.rows), empty: sum((c) => c.empty), unlabelled: sum((c) => c.unlabelled),
    split: { train: sum((c) => c.split.train), dev: sum((c) => c.split.dev), test: sum((c) => c.split.test) }, ms: sum((c) => c.ms),
  };
  return [head, ...counts.map(line), line(total)];
}
