/**
 * Text variants for distillation: a teacher labels them, and the student learns the teacher's
 * answers on many more texts than the labelled ones. Each variant keeps most of one text (or
 * joins two of a source), so it stays in that source's language and domain. Pure and seeded.
 */
import type { Rng } from '../rng';

export type VariantKind = 'crop' | 'clauses' | 'join';
export const VARIANT_KINDS: readonly VariantKind[] = ['crop', 'clauses', 'join'];

// Clause ends in Chinese and English text; the mark stays with its clause.
const CLAUSE = /[^，。！？；、,.!?;~～\n]+[，。！？；、,.!?;~～\n]*/gu;

const pick = <T>(items: readonly T[], rng: Rng): T => items[Math.floor(rng() * items.length)]!;

/** A contiguous span of 50–90% of the text's code points (whole text when it is short). */
export function cropSpan(text: string, rng: Rng): string {
  const cps = Array.from(text);
  if (cps.length < 8) return text;
  const keep = Math.max(4, Math.round(cps.length * (0.5 + 0.4 * rng())));
  const from = Math.floor(rng() * (cps.length - keep + 1));
  return cps.slice(from, from + keep).join('').trim() || text;
}

/** The text with one clause left out and, for three or more, the rest maybe reordered. */
export function dropClause(text: string, rng: Rng): string {
  const clauses = text.match(CLAUSE)?.map((c) => c.trim()).filter((c) => c.length > 0) ?? [];
  if (clauses.length < 2) return cropSpan(text, rng);
  clauses.splice(Math.floor(rng() * clauses.length), 1);
  if (clauses.length >= 2 && rng() < 0.5) {
    const i = Math.floor(rng() * (clauses.length - 1));
    [clauses[i], clauses[i + 1]] = [clauses[i + 1]!, clauses[i]!];
  }
  const spaced = /[a-z]/i.test(text);
  return clauses.join(spaced ? ' ' : '');
}

/** Two texts joined, the way a shopper's longer review mixes praise and complaint. */
export function joinTexts(a: string, b: string): string {
  const spaced = /[a-z]/i.test(a) || /[a-z]/i.test(b);
  return `${a.trim()}${spaced ? ' ' : ''}${b.trim()}`;
}

/** One variant of `texts[i]`; `partners` are indices of texts it may be joined with. */
export function variantOf(texts: readonly string[], i: number, partners: readonly number[], kind: VariantKind, rng: Rng): string {
  const text = texts[i]!;
  if (kind === 'crop') return cropSpan(text, rng);
  if (kind === 'clauses') return dropClause(text, rng);
  const other = partners.length ? texts[pick(partners, rng)]! : text;
  return joinTexts(text, other);
}
