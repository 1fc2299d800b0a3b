/**
 * Reading and writing single-file, one-record-per-line sources. The written split keeps the
 * source's header and line ending and every record byte for byte, so it parses like the original.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NativeLayout, SourceRow } from '../source';

export interface LineFile extends NativeLayout {
  /** The text after the header (records). */
  body: string;
}

/** Reads a file; `hasHeader` drops (and keeps) its first line. */
export async function readLineFile(path: string, hasHeader: boolean): Promise<LineFile> {
  const text = await readFile(path, 'utf8');
  const eol = /\r\n/.test(text.slice(0, 10_000)) ? '\r\n' : '\n';
  if (!hasHeader) return { header: null, eol, body: text };
  const nl = text.indexOf('\n');
  const first = nl < 0 ? text : text.slice(0, nl);
  return { header: first.replace(/\r$/, ''), eol, body: nl < 0 ? '' : text.slice(nl + 1) };
}

/** Writes `<dir>/<name>`: the header, then each row's raw record. */
export async function writeLineFile(rows: readonly SourceRow[], layout: NativeLayout, dir: string, name: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  const lines = layout.header === null ? [] : [layout.header];
  for (const r of rows) lines.push(r.raw);
  await writeFile(path, lines.length ? lines.join(layout.eol) + layout.eol : '');
  return path;
}

/** The header line a file must start with, compared without BOM and case. */
export function checkHeader(file: LineFile, expected: string, path: string): void {
  const got = (file.header ?? '').replace(/^\uFEFF/, '').trim().toLowerCase();
  if (got !== expected) throw new Error(`${path}: expected the header ${JSON.stringify(expected)}, found ${JSON.stringify(file.header)}`);
}
