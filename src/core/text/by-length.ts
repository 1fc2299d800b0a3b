/**
 * Accuracy by text length: the test rows sorted by length in characters (code points) and cut
 * into groups of equal size, with each side's accuracy per group. It shows where a model loses
 * to the baseline (the shipped model trails TF-IDF most on the longest reviews). Rows of equal
 * length may straddle two groups, so every group keeps its share of the rows. Pure.
 */

export interface LengthGroup {
  /** Shortest and longest text in the group, in characters. */
  minChars: number;
  maxChars: number;
  n: number;
  /** Per side (e.g. `model`, `baseline`): the fraction of the group's rows predicted right. */
  accuracy: Record<string, number>;
}

export function accuracyByLength(
  texts: readonly string[],
  truth: readonly string[],
  sides: Readonly<Record<string, readonly string[]>>,
  groups = 4,
): LengthGroup[] {
  if (!Number.isInteger(groups) || groups < 1) throw new Error(`groups must be a positive integer; received ${groups}`);
  for (const [name, pred] of Object.entries(sides)) {
    if (pred.length !== truth.length) throw new Error(`${name} has ${pred.length} predictions for ${truth.length} rows`);
  }
  if (texts.length !== truth.length) throw new Error(`${texts.length} texts for ${truth.length} labels`);
  const lengths = texts.map((t) => [...t].length);
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a]! - lengths[b]! || a - b);
  const out: LengthGroup[] = [];
  const count = Math.min(groups, order.length);
  for (let g = 0; g < count; g++) {
    const rows = order.slice(Math.floor((g * order.length) / count), Math.floor(((g + 1) * order.length) / count));
    const accuracy: Record<string, number> = {};
    for (const [name, pred] of Object.entries(sides)) accuracy[name] = rows.filter((i) => pred[i] === truth[i]).length / rows.length;
    out.push({ minChars: lengths[rows[0]!]!, maxChars: lengths[rows[rows.length - 1]!]!, n: rows.length, accuracy });
  }
  return out;
}
