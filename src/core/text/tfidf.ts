/**
 * TF-IDF features for the classic text baseline: word unigrams+bigrams of latin-script words,
 * character n-grams inside CJK runs (1–3 by default) and inside space-padded latin words (3–5,
 * like scikit-learn's `char_wb`). Sublinear tf, smoothed idf; the word block and the character
 * block are each l2-normalised and weighted equally, so every row has norm 1.
 *
 * Terms are hashed (32-bit FNV-1a over code points, no strings built) into 2^hashBits buckets per
 * block: this keeps fitting 50k reviews to about a second. Buckets then act as terms: a bucket
 * needs `minDf` documents, and only the `maxFeatures` buckets with the highest document counts
 * are kept. Collisions are rare at the default 2^21 buckets per block. Pure and deterministic.
 */

export interface TfidfOptions {
  wordNgrams: readonly [number, number];
  cjkCharNgrams: readonly [number, number];
  latinCharNgrams: readonly [number, number];
  minDf: number;
  maxFeatures: number;
  sublinearTf: boolean;
  /** log2 of the buckets per block. */
  hashBits: number;
}

export const DEFAULT_TFIDF: TfidfOptions = {
  wordNgrams: [1, 2],
  cjkCharNgrams: [1, 3],
  latinCharNgrams: [3, 5],
  minDf: 2,
  maxFeatures: 400_000,
  sublinearTf: true,
  hashBits: 21,
};

/** Rows of a sparse matrix in CSR form. */
export interface SparseRows {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

export interface TfidfModel {
  options: TfidfOptions;
  /** Bucket → feature index, or -1 when the bucket was dropped. */
  featureOf: Int32Array;
  idf: Float32Array;
  /** Features from this index on are character n-grams (word features come first). */
  charStart: number;
}

// ---- tokenising ------------------------------------------------------------------------------

const SEP = 0;
const WORDCHAR = 1;
const CJK = 2;
const LETTER = /^[\p{L}\p{N}\p{M}]$/u;
const kindCache = new Map<number, number>();

function kindOf(cp: number): number {
  if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39)) return WORDCHAR;
  if (cp < 0x80) return SEP;
  if ((cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x20000 && cp <= 0x3134f)) return CJK;
  let k = kindCache.get(cp);
  if (k === undefined) {
    k = LETTER.test(String.fromCodePoint(cp)) ? WORDCHAR : SEP;
    kindCache.set(cp, k);
  }
  return k;
}

// ---- hashing (FNV-1a over code points, then a murmur-style finaliser) -------------------------

const FNV_PRIME = 0x01000193;
const WORD_SEED = 0x811c9dc5 | 0;
const CHAR_SEED = 0x2f0b3a49;
const BIGRAM_SEED = 0x5bd1e995;
const SPACE = 0x20;
const finish = (h: number): number => {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  return h ^ (h >>> 15);
};

/** A growable list of buckets, reused across texts. */
export class BucketList {
  data = new Int32Array(1024);
  length = 0;
  push(b: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = b;
  }
}

let cps = new Int32Array(4096);
const ASCII = /^[\x00-\x7f]*$/;

/** Lower-cased, NFKC-normalised code points of `text` in the shared `cps` buffer; returns the count. */
function codePoints(text: string): number {
  const norm = ASCII.test(text) ? text.toLowerCase() : text.normalize('NFKC').toLowerCase();
  if (cps.length < norm.length) cps = new Int32Array(norm.length * 2);
  let n = 0;
  for (let i = 0; i < norm.length; i++) {
    const c = norm.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < norm.length) {
      const d = norm.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        cps[n++] = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        i++;
        continue;
      }
    }
    cps[n++] = c;
  }
  return n;
}

/** Character n-grams of seq[from..to) with n in [nMin, nMax] (n-grams may not leave the range). */
function charGrams(seq: Int32Array, from: number, to: number, nMin: number, nMax: number, mask: number, base: number, out: BucketList): void {
  for (let i = from; i < to; i++) {
    let h = CHAR_SEED;
    const last = Math.min(nMax, to - i);
    for (let n = 1; n <= last; n++) {
      h = Math.imul(h ^ seq[i + n - 1]!, FNV_PRIME);
      if (n >= nMin) out.push(base + (finish(h ^ n) & mask));
    }
  }
}

const padded = new Int32Array(4096);
const words: number[] = [];

function wordGrams(nMin: number, nMax: number, mask: number, out: BucketList): void {
  for (let n = nMin; n <= nMax; n++) {
    for (let i = 0; i + n <= words.length; i++) {
      let h = n === 1 ? words[i]! : BIGRAM_SEED;
      if (n > 1) for (let k = 0; k < n; k++) h = Math.imul(h ^ words[i + k]!, FNV_PRIME);
      out.push(finish(h ^ n) & mask);
    }
  }
  words.length = 0;
}

/**
 * Appends the bucket of every term of `text` (with repetitions) to `out`. Word buckets are
 * 0..2^hashBits-1, character buckets 2^hashBits..2^(hashBits+1)-1.
 */
export function termBuckets(text: string, options: TfidfOptions, out: BucketList): void {
  const [wMin, wMax] = options.wordNgrams;
  const [cMin, cMax] = options.cjkCharNgrams;
  const [lMin, lMax] = options.latinCharNgrams;
  const mask = (1 << options.hashBits) - 1;
  const charBase = 1 << options.hashBits;
  const n = codePoints(text);
  let i = 0;
  while (i < n) {
    const kind = kindOf(cps[i]!);
    if (kind === SEP) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && kindOf(cps[j]!) === kind) j++;
    if (kind === CJK) {
      // A CJK run breaks the word sequence; its characters are the n-grams.
      wordGrams(wMin, wMax, mask, out);
      charGrams(cps, i, j, cMin, cMax, mask, charBase, out);
    } else {
      let h = WORD_SEED;
      for (let k = i; k < j; k++) h = Math.imul(h ^ cps[k]!, FNV_PRIME);
      words.push(h);
      const len = Math.min(j - i, padded.length - 2);
      padded[0] = SPACE;
      padded.set(cps.subarray(i, i + len), 1);
      padded[len + 1] = SPACE;
      if (len + 2 < lMin) charGrams(padded, 0, len + 2, len + 2, len + 2, mask, charBase, out);
      else charGrams(padded, 0, len + 2, lMin, lMax, mask, charBase, out);
    }
    i = j;
  }
  wordGrams(wMin, wMax, mask, out);
}

/** Learns which buckets to keep and their idf from training texts. */
export function fitTfidf(texts: readonly string[], options: TfidfOptions = DEFAULT_TFIDF): TfidfModel {
  const space = 2 << options.hashBits;
  const df = new Int32Array(space);
  const lastDoc = new Int32Array(space).fill(-1);
  const list = new BucketList();
  texts.forEach((text, d) => {
    list.length = 0;
    termBuckets(text, options, list);
    const data = list.data;
    for (let k = 0; k < list.length; k++) {
      const b = data[k]!;
      if (lastDoc[b] !== d) {
        lastDoc[b] = d;
        df[b]! += 1;
      }
    }
  });
  let kept: number[] = [];
  for (let b = 0; b < space; b++) if (df[b]! >= options.minDf && df[b]! > 0) kept.push(b);
  if (kept.length > options.maxFeatures) {
    kept.sort((a, b) => df[b]! - df[a]! || a - b);
    kept = kept.slice(0, options.maxFeatures).sort((a, b) => a - b);
  }
  const featureOf = new Int32Array(space).fill(-1);
  const idf = new Float32Array(kept.length);
  const charBase = 1 << options.hashBits;
  let charStart = kept.length;
  const n = texts.length;
  kept.forEach((b, f) => {
    featureOf[b] = f;
    idf[f] = Math.log((1 + n) / (1 + df[b]!)) + 1;
    if (b >= charBase && f < charStart) charStart = f;
  });
  return { options, featureOf, idf, charStart };
}

/** TF-IDF rows for texts; buckets the model dropped are ignored. */
export function transformTfidf(model: TfidfModel, texts: readonly string[]): SparseRows {
  const { featureOf, idf, options, charStart } = model;
  const indptr = new Int32Array(texts.length + 1);
  let indices = new Int32Array(Math.max(16, texts.length * 64));
  let values = new Float32Array(indices.length);
  const counts = new Float32Array(idf.length);
  let touchedBuf = new Int32Array(1024);
  let nnz = 0;
  const list = new BucketList();
  texts.forEach((text, row) => {
    list.length = 0;
    termBuckets(text, options, list);
    if (touchedBuf.length < list.length) touchedBuf = new Int32Array(list.length * 2);
    let distinct = 0;
    for (let k = 0; k < list.length; k++) {
      const f = featureOf[list.data[k]!]!;
      if (f < 0) continue;
      if (counts[f] === 0) touchedBuf[distinct++] = f;
      counts[f]! += 1;
    }
    const touched = touchedBuf.subarray(0, distinct).sort();
    if (nnz + touched.length > indices.length) {
      const size = Math.max(indices.length * 2, nnz + touched.length);
      const grownI = new Int32Array(size);
      grownI.set(indices);
      indices = grownI;
      const grownV = new Float32Array(size);
      grownV.set(values);
      values = grownV;
    }
    let wordNorm = 0;
    let charNorm = 0;
    for (let k = 0; k < touched.length; k++) {
      const f = touched[k]!;
      const tf = counts[f]!;
      const w = (options.sublinearTf ? 1 + Math.log(tf) : tf) * idf[f]!;
      counts[f] = 0;
      if (f >= charStart) charNorm += w * w;
      else wordNorm += w * w;
      indices[nnz + k] = f;
      values[nnz + k] = w;
    }
    // Each non-empty block gets norm 1/sqrt(blocks), so the row has norm 1.
    const blocks = (wordNorm > 0 ? 1 : 0) + (charNorm > 0 ? 1 : 0);
    const wordScale = wordNorm > 0 ? 1 / Math.sqrt(wordNorm * blocks) : 0;
    const charScale = charNorm > 0 ? 1 / Math.sqrt(charNorm * blocks) : 0;
    for (let k = 0; k < touched.length; k++) values[nnz + k]! *= indices[nnz + k]! >= charStart ? charScale : wordScale;
    nnz += touched.length;
    indptr[row + 1] = nnz;
  });
  return { rows: texts.length, cols: idf.length, indptr, indices: indices.slice(0, nnz), values: values.slice(0, nnz) };
}
