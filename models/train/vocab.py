"""Learn a WordPiece vocabulary: frequent CJK characters + BPE merges over the other words.

CJK characters are already single-character words after normalization, so they only need one
entry each; everything else is learned with byte-pair-style merges in WordPiece notation
(first piece bare, later pieces '##'), which is what the HF WordPiece trainer does too.
Ties are broken by the token strings, so the same input always yields the same vocabulary.
"""
from __future__ import annotations

import heapq
from collections import Counter, defaultdict

from tokenizer import SPECIALS, is_cjk_bmp


def _merge(a: str, b: str) -> str:
    return a + b[2:]


def learn_vocab(word_counts: Counter, size: int, cjk_min_count: int = 3, char_min_count: int = 2,
                word_min_count: int = 2) -> list[str]:
    vocab: list[str] = list(SPECIALS)
    seen = set(vocab)

    def add(tok: str) -> None:
        if tok not in seen:
            seen.add(tok)
            vocab.append(tok)

    cjk = Counter()
    other: dict[str, int] = {}
    for word, n in word_counts.items():
        if len(word) == 1 and is_cjk_bmp(ord(word)):
            cjk[word] += n
        else:
            other[word] = n
    for ch, n in sorted(cjk.items(), key=lambda kv: (-kv[1], kv[0])):
        if n >= cjk_min_count:
            add(ch)

    # Alphabet: every frequent character, bare when it starts words and '##' when it continues.
    first, inner = Counter(), Counter()
    for word, n in other.items():
        first[word[0]] += n
        for ch in word[1:]:
            inner[ch] += n
    for ch, n in sorted(first.items(), key=lambda kv: (-kv[1], kv[0])):
        if n >= char_min_count:
            add(ch)
    for ch, n in sorted(inner.items(), key=lambda kv: (-kv[1], kv[0])):
        if n >= char_min_count:
            add("##" + ch)

    # BPE merges over words seen at least word_min_count times (rarer ones are mostly noise).
    words, freqs = [], []
    for word, n in sorted(other.items()):
        if n >= word_min_count and len(word) > 1:
            syms = [word[0]] + ["##" + c for c in word[1:]]
            if all(s in seen for s in syms):
                words.append(syms)
                freqs.append(n)
    pair_count: dict[tuple[str, str], int] = defaultdict(int)
    where: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i, syms in enumerate(words):
        for p in zip(syms, syms[1:]):
            pair_count[p] += freqs[i]
            where[p].add(i)
    heap = [(-c, p) for p, c in pair_count.items()]
    heapq.heapify(heap)
    while len(vocab) < size and heap:
        neg, pair = heapq.heappop(heap)
        count = pair_count.get(pair, 0)
        if count != -neg:  # stale entry: re-queue with the real count
            if count > 0:
                heapq.heappush(heap, (-count, pair))
            continue
        if count < 2:
            break
        new = _merge(*pair)
        add(new)
        for i in list(where.pop(pair, ())):
            syms, f = words[i], freqs[i]
            for p in zip(syms, syms[1:]):
                pair_count[p] -= f
            merged, j = [], 0
            while j < len(syms):
                if j + 1 < len(syms) and (syms[j], syms[j + 1]) == pair:
                    merged.append(new)
                    j += 2
                else:
                    merged.append(syms[j])
                    j += 1
            words[i] = merged
            for p in zip(merged, merged[1:]):
                pair_count[p] += f
                where[p].add(i)
                heapq.heappush(heap, (-pair_count[p], p))
        pair_count.pop(pair, None)
    return vocab
