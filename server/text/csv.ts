/**
 * Lenient delimited-text parsing for the text data sets. Pure (text in, records out).
 * A field is quoted only when it starts with `"` (then `""` is a quote and separators and line
 * breaks inside are data, as in RFC 4180); a quote anywhere else is literal, as in pricerunner's
 * `55" TV`, and a quote that never closes is literal up to the end of its line.
 */

export interface DelimitedRecord {
  fields: string[];
  /** The record exactly as in the file, without its line break (written back verbatim). */
  raw: string;
}

/** Every record of `text`; blank lines are skipped; CRLF and a missing final newline are fine. */
export function parseDelimited(text: string, sep: string): DelimitedRecord[] {
  const out: DelimitedRecord[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const start = i;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        // Quoted: up to the closing quote (`""` is a quote); separators and line breaks are data.
        let j = i + 1;
        let closed = false;
        while (j < n) {
          const q = text.indexOf('"', j);
          if (q < 0) break;
          field += text.slice(j, q);
          if (text[q + 1] === '"') {
            field += '"';
            j = q + 2;
            continue;
          }
          // The closing quote; anything up to the separator is appended as is (`"a"b` → `ab`).
          closed = true;
          j = q + 1;
          while (j < n && text[j] !== '\n' && text[j] !== '\r' && !text.startsWith(sep, j)) field += text[j++];
          break;
        }
        if (!closed) {
          // An opening quote that never closes: the field is literal up to the line's end.
          const end = lineEnd(text, i);
          field = text.slice(i, end);
          j = end;
        }
        i = j;
      } else {
        let j = i;
        while (j < n && text[j] !== '\n' && text[j] !== '\r' && !text.startsWith(sep, j)) j++;
        field = text.slice(i, j);
        i = j;
      }
      fields.push(field);
      if (i < n && text.startsWith(sep, i)) {
        i += sep.length;
        continue;
      }
      break;
    }
    const raw = text.slice(start, i);
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    if (raw.trim() !== '') out.push({ fields, raw });
  }
  return out;
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  const end = nl < 0 ? text.length : nl;
  return end > from && text[end - 1] === '\r' ? end - 1 : end;
}

/** The lines of a file without their line breaks; blank lines dropped. */
export function nonBlankLines(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}

/**
 * Splits a line on its first `count - 1` separators only; the last field is the rest of the
 * line (reviews may contain the separator), unquoted when the whole rest is one quoted field.
 */
export function splitFirst(line: string, sep: string, count: number): string[] | null {
  const fields: string[] = [];
  let at = 0;
  for (let k = 0; k < count - 1; k++) {
    const j = line.indexOf(sep, at);
    if (j < 0) return null;
    fields.push(line.slice(at, j));
    at = j + sep.length;
  }
  fields.push(unquoteWhole(line.slice(at)));
  return fields;
}

/** `"a ""b"", c"` → `a "b", c` when the quotes enclose the whole value; anything else unchanged. */
export function unquoteWhole(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
  const inner = value.slice(1, -1);
  return inner.replaceAll('""', '').includes('"') ? value : inner.replaceAll('""', '"');
}

/** Guesses the separator from the file name: tab for .tsv/.txt, comma otherwise. */
export function defaultSeparator(file: string): string {
  return /\.(tsv|txt)$/i.test(file) ? '\t' : ',';
}
