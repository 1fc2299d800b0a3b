"""Learn the WordPiece vocabulary from the TRAIN split and write tokenizer files.

Usage: build_tokenizer.py --train models/data/train.jsonl --out models/reshelf-intent
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter

from tokenizer import WordPieceTokenizer, words_of
from vocab import learn_vocab


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--vocab-size", type=int, default=10000)
    ap.add_argument("--cjk-min-count", type=int, default=3)
    ap.add_argument("--max-length", type=int, default=64)
    ap.add_argument("--per-source", type=int, default=0, help="only the first N rows of each source (smoke)")
    args = ap.parse_args()

    t0 = time.time()
    counts: Counter = Counter()
    taken: Counter = Counter()
    with open(args.train, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            taken[row.get("source")] += 1
            if not args.per_source or taken[row.get("source")] <= args.per_source:
                counts.update(words_of(row["text"]))
    vocab = learn_vocab(counts, args.vocab_size, cjk_min_count=args.cjk_min_count)
    tok = WordPieceTokenizer(vocab, max_length=args.max_length)
    tok.save(args.out)

    # Coverage report: how often a word falls back to [UNK].
    total = unk = 0
    for word, n in counts.items():
        total += n
        if tok.word_ids(word) == [1]:
            unk += n
    cjk = sum(1 for t in vocab if len(t) == 1 and "\u3400" <= t <= "\ufaff")
    print(f"[tokenizer] vocab {len(vocab)} ({cjk} CJK chars), distinct words {len(counts)}, "
          f"unk word rate {unk / max(total, 1):.4%}, {time.time() - t0:.1f}s -> {args.out}")


if __name__ == "__main__":
    main()
