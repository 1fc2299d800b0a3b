/**
 * The deterministic train/dev/test split of every text source that has no split of its own.
 * It depends on the text alone, so identical texts (duplicates within or across sources) always
 * fall on the same side and no test text is ever trained on.
 */
import { sha256Hex } from './sha256';

export type Split = 'train' | 'dev' | 'test';

export const SPLITS: readonly Split[] = ['train', 'dev', 'test'];

/** Salt, so this split is independent of the data README's own holdout rule. */
export const SPLIT_PREFIX = 'reshelf-split:';

/** Bucket 0..19 of a text: 0–1 test (10%), 2 dev (5%), 3–19 train (85%). */
export function splitBucket(text: string): number {
  return parseInt(sha256Hex(SPLIT_PREFIX + text).slice(0, 8), 16) % 20;
}

export function splitOf(text: string): Split {
  const b = splitBucket(text);
  return b <= 1 ? 'test' : b === 2 ? 'dev' : 'train';
}
