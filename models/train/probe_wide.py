"""Experiment (not part of the shipped pipeline): how much would a wide hashed n-gram part add?

Trains a fastText-style bag of hashed token uni/bi/tri-grams (EmbeddingBag, mean, then a linear
layer to the 13 logits) on the train split, on its own, and mixes its log-probabilities with a
trained encoder's (frozen checkpoint) as  log p_encoder + alpha * log p_wide,  alpha chosen on the
dev split. Prints test accuracy per source and per language, for the encoder, the bag and the mix,
after every epoch. The model card's "what moved the figures" table quotes it:

  python3 models/train/probe_wide.py --checkpoint models/.cache/train/checkpoint.pt \
      --tokenizer models/reshelf-intent --buckets 262144 --dim 64 --epochs 3   # 16.8M parameters
  python3 models/train/probe_wide.py ... --buckets 32768 --dim 32 --epochs 2     # fits in 3 MB
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from batching import pad_batch
from data import IGNORE, load_taxonomy, read_rows
from model import BertConfig, IntentModel
from tokenizer import WordPieceTokenizer

ZH_SOURCES = ("online-shopping-10-cats", "waimai-10k")


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--tokenizer", required=True, help="folder with the checkpoint's tokenizer.json")
    ap.add_argument("--data", default="models/data")
    ap.add_argument("--buckets", type=int, default=32768)
    ap.add_argument("--dim", type=int, default=32)
    ap.add_argument("--ngrams", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--lr", type=float, default=5e-3)
    ap.add_argument("--seed", type=int, default=13)
    return ap.parse_args()


def hashed_ngrams(ids: list[int], buckets: int, max_n: int) -> list[int]:
    ids = ids[1:-1]  # without [CLS] / [SEP]
    out = list(ids)
    for n in range(2, max_n + 1):
        for i in range(len(ids) - n + 1):
            h = 0
            for t in ids[i:i + n]:
                h = (h * 7919 + t) % buckets
            out.append((h + n * 104729) % buckets)
    return out or [0]


def encoder_logits(model: IntentModel, seqs: list[list[int]]) -> torch.Tensor:
    out = torch.zeros(len(seqs), model.config.num_categories + model.config.num_sentiments)
    order = sorted(range(len(seqs)), key=lambda i: len(seqs[i]))
    with torch.no_grad():
        for s in range(0, len(order), 64):
            idx = order[s:s + 64]
            out[idx] = model(**pad_batch([seqs[i] for i in idx]))
    return out


def accuracy(rows, logits: torch.Tensor, n_cat: int) -> dict[tuple[str, str], float]:
    hits: dict[tuple[str, str], list[bool]] = {}
    for i, r in enumerate(rows):
        lang = "zh" if r.source in ZH_SOURCES else "en"
        for head, gold, lo in (("category", r.category, logits[i, :n_cat]), ("sentiment", r.sentiment, logits[i, n_cat:])):
            if gold != IGNORE:
                ok = int(lo.argmax()) == gold
                hits.setdefault((lang, head), []).append(ok)
                hits.setdefault((r.source, head), []).append(ok)
    return {k: 100 * float(np.mean(v)) for k, v in hits.items()}


def show(tag: str, acc: dict[tuple[str, str], float]) -> None:
    langs = " ".join(f"{l}/{h} {acc[(l, h)]:.2f}" for l in ("zh", "en") for h in ("category", "sentiment") if (l, h) in acc)
    sources = " ".join(f"{s}/{h} {v:.2f}" for (s, h), v in sorted(acc.items()) if s not in ("zh", "en"))
    print(f"{tag}: {langs} | {sources}", flush=True)


def main() -> None:
    a = parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(a.seed)
    rng = random.Random(a.seed)
    taxonomy = load_taxonomy()
    tok = WordPieceTokenizer.load(a.tokenizer)
    train, dev, test = (read_rows(Path(a.data) / f"{s}.jsonl", taxonomy) for s in ("train", "dev", "test"))
    ids = {k: [tok.encode(r.text) for r in rows] for k, rows in (("train", train), ("dev", dev), ("test", test))}
    ck = torch.load(a.checkpoint)
    encoder = IntentModel(BertConfig(**ck["config"]))
    encoder.load_state_dict(ck["state_dict"])
    encoder.eval()
    n_cat = encoder.config.num_categories
    enc_dev, enc_test = encoder_logits(encoder, ids["dev"]), encoder_logits(encoder, ids["test"])
    show("encoder", accuracy(test, enc_test, n_cat))

    feats = {k: [hashed_ngrams(s, a.buckets, a.ngrams) for s in v] for k, v in ids.items()}
    bag = nn.EmbeddingBag(a.buckets, a.dim, mode="mean", sparse=True)
    nn.init.normal_(bag.weight, std=0.02)
    head = nn.Linear(a.dim, enc_test.shape[1])
    opt_sparse = torch.optim.SparseAdam(list(bag.parameters()), lr=a.lr)
    opt_dense = torch.optim.Adam(list(head.parameters()), lr=a.lr)

    def wide(split: str, idx: list[int]) -> torch.Tensor:
        flat = torch.tensor([t for i in idx for t in feats[split][i]])
        offsets = torch.tensor(np.cumsum([0] + [len(feats[split][i]) for i in idx[:-1]]))
        return head(bag(flat, offsets))

    def wide_all(split: str, n: int) -> torch.Tensor:
        with torch.no_grad():
            return torch.cat([wide(split, list(range(s, min(s + 512, n)))) for s in range(0, n, 512)])

    def log_probs(lo: torch.Tensor) -> torch.Tensor:
        return torch.cat([lo[:, :n_cat].log_softmax(-1), lo[:, n_cat:].log_softmax(-1)], 1)

    cat = torch.tensor([r.category for r in train])
    sent = torch.tensor([r.sentiment for r in train])
    for epoch in range(1, a.epochs + 1):
        order = list(range(len(train)))
        rng.shuffle(order)
        for s in range(0, len(order), 64):
            idx = order[s:s + 64]
            lo = wide("train", idx)
            loss = lo.new_zeros(())
            if (cat[idx] != IGNORE).any():
                loss = loss + F.cross_entropy(lo[:, :n_cat], cat[idx], ignore_index=IGNORE)
            if (sent[idx] != IGNORE).any():
                loss = loss + F.cross_entropy(lo[:, n_cat:], sent[idx], ignore_index=IGNORE)
            opt_sparse.zero_grad()
            opt_dense.zero_grad()
            loss.backward()
            opt_sparse.step()
            opt_dense.step()
        wide_dev, wide_test = wide_all("dev", len(dev)), wide_all("test", len(test))
        show(f"bag epoch {epoch}", accuracy(test, wide_test, n_cat))

        def dev_score(alpha: float) -> float:
            acc = accuracy(dev, log_probs(enc_dev) + alpha * log_probs(wide_dev), n_cat)
            return float(np.mean([acc[(l, h)] for l in ("zh", "en") for h in ("category", "sentiment")]))

        alpha = max((0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0), key=dev_score)
        show(f"mix epoch {epoch} (alpha {alpha})", accuracy(test, log_probs(enc_test) + alpha * log_probs(wide_test), n_cat))


if __name__ == "__main__":
    main()
