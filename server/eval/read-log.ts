/**
 * Parses session click logs into rows. Pure (text in, rows out) so tests need no files; the
 * CLI reads the file. Layouts: the Diginetica/CIKM Cup `train-item-views` file
 * (`session_id;user_id;item_id;timeframe;eventdate`) and generic delimited logs with a header
 * naming session, item and time columns (the session-rec / SR-GNN `SessionId ItemId Time` TSV).
 */

export type LogFormat = 'diginetica' | 'tsv' | 'csv';

export interface LogOptions {
  format: LogFormat;
  /** Column names (generic layouts). @defaultValue SessionId, ItemId, Time */
  sessionCol?: string | undefined;
  itemCol?: string | undefined;
  timeCol?: string | undefined;
  /** Field separator; defaults to the format's (`;`, tab, `,`). */
  sep?: string | undefined;
  /** Unit of the generic time column: seconds (session-rec, YooChoose) or ms. @defaultValue 's' */
  timeUnit?: 's' | 'ms' | undefined;
}

/** Column-oriented rows: one entry per click, time in ms since the epoch (or a position). */
export interface LogRows {
  session: string[];
  item: string[];
  time: Float64Array;
}

const DEFAULT_SEP: Record<LogFormat, string> = { diginetica: ';', tsv: '\t', csv: ',' };

/** Guesses the layout from a file name and its header line. */
export function detectFormat(name: string, headerLine: string): LogFormat {
  if (/session_id;user_id;item_id/i.test(headerLine)) return 'diginetica';
  if (headerLine.includes('\t')) return 'tsv';
  if (/\.tsv$|\.txt$/i.test(name) && !headerLine.includes(',')) return 'tsv';
  return 'csv';
}

export function parseLog(text: string, options: LogOptions): LogRows {
  const sep = options.sep ?? DEFAULT_SEP[options.format];
  // Tolerates CRLF and a missing trailing newline (the Diginetica sample ends without one).
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(sep).map((h) => h.trim().replace(/^"|"$/g, ''));
  const col = (name: string): number => {
    const i = header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
    if (i < 0) throw new Error(`column ${JSON.stringify(name)} not found in header ${JSON.stringify(header.join(sep))}`);
    return i;
  };
  const diginetica = options.format === 'diginetica';
  const sCol = col(diginetica ? 'session_id' : options.sessionCol ?? 'SessionId');
  const iCol = col(diginetica ? 'item_id' : options.itemCol ?? 'ItemId');
  const tCol = col(diginetica ? 'timeframe' : options.timeCol ?? 'Time');
  const dCol = diginetica ? col('eventdate') : -1;
  const scale = options.timeUnit === 'ms' ? 1 : 1000;

  const session: string[] = [];
  const item: string[] = [];
  const times: number[] = [];
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n]!;
    if (line.trim() === '') continue;
    const f = line.split(sep);
    const s = f[sCol]?.trim();
    const it = f[iCol]?.trim();
    const rawT = f[tCol]?.trim();
    if (!s || !it || rawT === undefined || rawT === '') throw new Error(`line ${n + 1}: missing session, item or time in ${JSON.stringify(line.slice(0, 120))}`);
    // Diginetica: the event date plus the timeframe (ms since the session's start).
    const t = diginetica ? Date.parse(`${f[dCol]?.trim()}T00:00:00Z`) + Number(rawT) : Number(rawT) * scale;
    if (!Number.isFinite(t)) throw new Error(`line ${n + 1}: bad time ${JSON.stringify(rawT)}`);
    session.push(s);
    item.push(it);
    times.push(t);
  }
  return { session, item, time: Float64Array.from(times) };
}
