// The model is trained on ids from models/train/tokenizer.py and served with transformers.js:
// both must produce the same ids, or the shipped model sees different inputs than in training.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { CHARS_PER_TOKEN_BOUND, clipText, fitLength } from '../src/core/text/fit-length';
import { beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const modelDir = process.env.RESHELF_PARITY_MODEL ?? join(here, 'reshelf-intent');
const python = process.env.RESHELF_PYTHON ?? '/usr/bin/python3';

function pythonIds(texts: string[], cut: boolean | 'fit'): number[][] {
  const args = [join(here, 'train', 'tokenize_cli.py'), '--model', modelDir];
  if (cut) args.push(cut === 'fit' ? '--fit' : '--truncate');
  const run = spawnSync(python, args, { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(`tokenize_cli.py failed: ${run.stderr || run.error?.message}`);
  return JSON.parse(run.stdout) as number[][];
}

// Deterministic fuzz strings drawn from the character classes where tokenizers disagree most.
function fuzzStrings(count: number, seed: number): string[] {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const ranges: Array<[number, number]> = [
    [0x61, 0x7a], [0x41, 0x5a], [0x30, 0x39], [0x20, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e],
    [0x00, 0x1f], [0x7f, 0x9f], [0xa0, 0xff], [0x100, 0x24f], [0x300, 0x36f], [0x391, 0x3c9], [0x400, 0x44f],
    [0x4e00, 0x9fff], [0x4e00, 0x4fff], [0x3400, 0x4dbf], [0xf900, 0xfaff], [0x3000, 0x303f], [0xff01, 0xff5e],
    [0x3040, 0x30ff], [0xac00, 0xac80], [0x2000, 0x206f], [0x20a0, 0x20bf], [0x2190, 0x21ff], [0xfeff, 0xfeff],
    [0xfffd, 0xfffd], [0xe000, 0xe010], [0xd800, 0xdfff], [0x1f300, 0x1f64f], [0x20000, 0x2a6df], [0x2f800, 0x2fa1d],
  ];
  const words = ['[CLS]', '[SEP]', '[MASK]', '[UNK]', '[PAD]', '[mask]', 'iphone', '手机', 'headphones', 'x'.repeat(101)];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = '';
    const length = 1 + Math.floor(rand() * 24);
    for (let j = 0; j < length; j++) {
      if (rand() < 0.08) {
        text += words[Math.floor(rand() * words.length)];
        continue;
      }
      const [lo, hi] = ranges[Math.floor(rand() * ranges.length)]!;
      text += String.fromCodePoint(lo + Math.floor(rand() * (hi - lo + 1)));
    }
    out.push(text);
  }
  return out;
}

describe('tokenizer parity: models/train/tokenizer.py vs transformers.js', () => {
  let tokenizer: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;
  const sample = readFileSync(join(here, 'train', 'parity-sample.txt'), 'utf8').split('\n');
  if (sample.at(-1) === '') sample.pop();

  beforeAll(async () => {
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = dirname(modelDir) + '/';
    tokenizer = await AutoTokenizer.from_pretrained(modelDir.split('/').at(-1)!);
  });

  const jsIds = (texts: string[], truncation: boolean) =>
    texts.map((t) => Array.from(tokenizer(t, { truncation, return_tensor: false }).input_ids as number[]));

  it('has a sample of at least 200 lines', () => {
    expect(sample.length).toBeGreaterThanOrEqual(200);
  });

  it('gives equal ids on every line of the fixed sample', () => {
    const py = pythonIds(sample, false);
    const js = jsIds(sample, false);
    sample.forEach((line, i) => expect({ line, ids: js[i] }).toEqual({ line, ids: py[i] }));
  });

  it('truncates to model_max_length the same way', () => {
    const py = pythonIds(sample, true);
    const js = jsIds(sample, true);
    sample.forEach((line, i) => expect({ line, ids: js[i] }).toEqual({ line, ids: py[i] }));
  });

  it('cuts long text to its first half and its end the same way (reshelf\'s cut, used in training and serving)', () => {
    const max = Number(tokenizer.model_max_length);
    // Long texts: runs of sample lines (over the token limit, some over the character bound too)
    // and of fuzz strings (astral characters and lone surrogates around the character cut).
    const fuzz = fuzzStrings(600, 7);
    const long = [
      ...Array.from({ length: 40 }, (_, i) => sample.slice(i * 5, i * 5 + 5 + i * 3).join(' ')),
      ...Array.from({ length: 30 }, (_, i) => fuzz.slice(i * 20, i * 20 + 20).join('').repeat(1 + (i % 4) * 6)),
    ];
    expect(long.filter((t) => t.length > max * CHARS_PER_TOKEN_BOUND).length).toBeGreaterThan(10);
    const py = pythonIds(long, 'fit');
    const js = long.map((t) => fitLength(jsIds([clipText(t, max * CHARS_PER_TOKEN_BOUND)], false)[0]!, max));
    long.forEach((text, i) => expect({ text: text.slice(0, 80), ids: js[i] }).toEqual({ text: text.slice(0, 80), ids: py[i] }));
    expect(py.filter((ids) => ids.length === max).length).toBeGreaterThan(20);
  });

  it('gives equal ids on 3000 deterministic fuzz strings', () => {
    const fuzz = fuzzStrings(3000, 20240601);
    const py = pythonIds(fuzz, false);
    const js = jsIds(fuzz, false);
    fuzz.forEach((text, i) => expect({ text, ids: js[i] }).toEqual({ text, ids: py[i] }));
  });
});
