/** Human-readable `reshelf eval text` report: counts, per-class scores side by side, confusion matrices. */
import type { ClassificationScores } from '../../src/core/text/metrics';
import type { RowCounts, TextEvalReport } from './evaluate';

const pct = (x: number) => (Number.isNaN(x) ? '   n/a' : (x * 100).toFixed(2).padStart(6));

function counts(name: string, c: RowCounts | null): string {
  if (!c) return `${name}: -`;
  const skipped = Object.entries(c.skipped).sort((a, b) => b[1] - a[1]);
  const total = skipped.reduce((a, [, n]) => a + n, 0);
  const list = skipped.slice(0, 6).map(([k, n]) => `${k || '(empty label)'} ${n}`).join(', ');
  return `${name}: ${c.used} rows used; skipped ${total} without a usable label${total ? ` (${list}${skipped.length > 6 ? ', …' : ''})` : ''}; ${c.empty} empty texts dropped`;
}

function confusion(title: string, s: ClassificationScores): string[] {
  const labels = s.confusion.labels;
  const short = labels.map((l) => l.slice(0, 8));
  const width = Math.max(5, ...s.confusion.matrix.flat().map((n) => String(n).length), ...short.map((l) => l.length));
  const nameWidth = Math.max(...labels.map((l) => l.length), 10);
  return [
    `${title} confusion (rows: truth, columns: predicted)`,
    `${''.padEnd(nameWidth)}  ${short.map((l) => l.padStart(width)).join(' ')}`,
    ...labels.map((l, i) => `${l.padEnd(nameWidth)}  ${s.confusion.matrix[i]!.map((n) => String(n).padStart(width)).join(' ')}`),
  ];
}

/** Accuracy per length quartile, side by side: where the model gains or loses against the baseline. */
function byLength(r: TextEvalReport): string[] {
  const names = Object.keys(r.byLength[0]!.accuracy);
  return [
    `accuracy by text length (characters; test rows in ${r.byLength.length} groups of equal size)`,
    `${'chars'.padEnd(13)} ${'n'.padStart(6)} | ${names.map((n) => n.padStart(8)).join(' ')}`,
    ...r.byLength.map((g) => `${`${g.minChars}–${g.maxChars}`.padEnd(13)} ${String(g.n).padStart(6)} | ${names.map((n) => pct(g.accuracy[n]!).padStart(8)).join(' ')}`),
  ];
}

export function formatTextReport(r: TextEvalReport): string[] {
  const lines = [`task: ${r.task}`, counts('test', r.rows.test), counts('train', r.rows.train)];
  const sides: Array<[string, ClassificationScores]> = [];
  if (r.model) sides.push([`model ${r.model.name}`, r.model]);
  if (r.baseline) sides.push([`baseline ${r.baseline.kind} (TF-IDF, ${r.baseline.features} features)`, r.baseline]);
  lines.push('', ...sides.map(([name, s]) => `${name}: accuracy ${pct(s.accuracy).trim()}%, macro-F1 ${pct(s.macroF1).trim()}% (n ${s.n})`));
  const labels = [...new Set(sides.flatMap(([, s]) => s.confusion.labels))];
  const nameWidth = Math.max(...labels.map((l) => l.length), 10);
  const heads = sides.map(([name]) => (name.startsWith('model') ? 'model' : 'baseline'));
  lines.push('', `${'class'.padEnd(nameWidth)} support | ${heads.map((h) => `${h.padEnd(8)}   prec    rec     F1`).join(' | ')}`);
  for (const label of labels) {
    const support = sides.map(([, s]) => s.perClass[label]?.support).find((x) => x !== undefined) ?? 0;
    const cells = sides.map(([, s]) => {
      const c = s.perClass[label];
      return c ? `${''.padEnd(8)} ${pct(c.precision)} ${pct(c.recall)} ${pct(c.f1)}` : `${''.padEnd(8)} ${'-'.padStart(6)} ${'-'.padStart(6)} ${'-'.padStart(6)}`;
    });
    lines.push(`${label.padEnd(nameWidth)} ${String(support).padStart(7)} | ${cells.join(' | ')}`);
  }
  if (r.byLength.length) lines.push('', ...byLength(r));
  for (const [name, s] of sides) lines.push('', ...confusion(name, s));
  const t: string[] = [];
  if (r.model) t.push(`model ${r.model.timings.predictMs} ms (${r.model.timings.msPerText} ms/text)`);
  if (r.baseline) t.push(`baseline training ${r.baseline.timings.trainMs} ms, prediction ${r.baseline.timings.predictMs} ms`);
  if (t.length) lines.push('', `timings: ${t.join('; ')}`);
  return lines;
}
