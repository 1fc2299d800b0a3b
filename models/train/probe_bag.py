"""Experiment (not part of the shipped pipeline): how much can a hashed n-gram bag alone learn?

Trains a fastText-style model (token unigram table + hashed token n-gram table, pooled, one
linear layer per head) on the same rows and tokens as the BERT model, for several bag shapes,
and prints test accuracy per language and head beside each shape. Minutes, not the ~40 of a
BERT run, so it says which bag shape is worth a full training:

  python3 models/train/probe_bag.py --tokenizer models/reshelf-intent --shapes 32768x32:2,262144x8:3
"""
from __future__ import annotations

import argparse
import random
import time

import torch
import torch.nn.functional as F
from torch import nn

from data import IGNORE, load_taxonomy, read_rows
from metrics import score, summary
from model import ngram_keys
from tokenizer import WordPieceTokenizer
from train import distillation, load_teacher, only_task, teacher_for_task


class Bag(nn.Module):
    def __init__(self, vocab: int, buckets: int, dim: int, n_cat: int, n_sent: int, pool: str):
        super().__init__()
        self.words = nn.EmbeddingBag(vocab, 64, mode="sum")
        self.grams = nn.EmbeddingBag(buckets, dim, mode="sum")
        self.pool = pool
        self.cat = nn.Linear(64 + dim, n_cat)
        self.sent = nn.Linear(64 + dim, n_sent)
        for e in (self.words, self.grams):
            nn.init.normal_(e.weight, std=0.02)

    def forward(self, w, w_off, w_n, g, g_off, g_n):
        norm = (lambda n: n.clamp(min=1).unsqueeze(1)) if self.pool == "mean" else (lambda n: n.clamp(min=1).sqrt().unsqueeze(1))
        x = torch.cat([self.words(w, w_off) / norm(w_n), self.grams(g, g_off) / norm(g_n)], dim=1)
        return self.cat(x), self.sent(x)


def pack(seqs: list[list[int]], idx: list[int], drop: float = 0.0, rng: random.Random | None = None):
    # drop > 0 (training only): each token / n-gram is left out with that probability, a
    # regulariser for the rare n-grams a bag otherwise memorises.
    flat, off, n = [], [], []
    for i in idx:
        seq = seqs[i] if not drop else [t for t in seqs[i] if rng.random() >= drop] or seqs[i][:1]
        off.append(len(flat))
        flat.extend(seq)
        n.append(len(seq))
    return torch.tensor(flat, dtype=torch.long), torch.tensor(off, dtype=torch.long), torch.tensor(n, dtype=torch.float32)


def accuracies(model, test_rows, test_ids, test_grams) -> str:
    with torch.no_grad():
        all_idx = list(range(len(test_rows)))
        lc, ls = model(*pack(test_ids, all_idx), *pack(test_grams, all_idx))
    return summary(score(test_rows, torch.cat([lc, ls], dim=1).numpy(), lc.shape[1]))


def run(shape: str, rows, ids, test_rows, test_ids, taxonomy, epochs: int, seed: int, teacher, kd_weight: float,
        drop: float = 0.0, weight_decay: float = 0.0, kd_temp: float = 2.0) -> None:
    size, order = shape.split(":") if ":" in shape else (shape, "2")
    buckets, dim = (int(x) for x in size.split("x"))
    pool = "mean"
    if order.endswith("s"):
        order, pool = order[:-1], "sqrt"
    order = int(order)
    torch.manual_seed(seed)
    grams = [ngram_keys(s, order, buckets) for s in ids]
    test_grams = [ngram_keys(s, order, buckets) for s in test_ids]
    n_cat, n_sent = len(taxonomy["category"]), len(taxonomy["sentiment"])
    model = Bag(max(max(s) for s in ids + test_ids) + 1, buckets, dim, n_cat, n_sent, pool)
    opt = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=weight_decay)
    cat = torch.tensor([r.category for r in rows])
    sent = torch.tensor([r.sentiment for r in rows])
    order_rng = random.Random(seed)
    t0 = time.time()
    for epoch in range(1, epochs + 1):
        perm = list(range(len(rows)))
        order_rng.shuffle(perm)
        for k in range(0, len(perm), 64):
            b = perm[k:k + 64]
            lc, ls = model(*pack(ids, b, drop, order_rng), *pack(grams, b, drop, order_rng))
            loss = lc.new_zeros(())
            if (cat[b] != IGNORE).any():
                loss = loss + F.cross_entropy(lc, cat[b], ignore_index=IGNORE)
            if (sent[b] != IGNORE).any():
                loss = loss + F.cross_entropy(ls, sent[b], ignore_index=IGNORE)
            if teacher is not None:
                loss = loss + kd_weight * (distillation(lc, teacher["category"][b], kd_temp)
                                           + distillation(ls, teacher["sentiment"][b], kd_temp))
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"{shape:16s} epoch {epoch} {time.time() - t0:5.0f}s  {accuracies(model, test_rows, test_ids, test_grams)}",
              flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--data", default="models/data")
    ap.add_argument("--shapes", default="32768x32:2,262144x8:3", help="BUCKETSxDIM:ORDER[s], s = sqrt pooling")
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--teacher", default="", help="teacher probabilities (train.py --teacher), distilled as in train.py")
    ap.add_argument("--kd-weight", type=float, default=1.0, help="weight of the distillation term")
    ap.add_argument("--kd-temp", type=float, default=2.0, help="softmax temperature of the distillation term")
    ap.add_argument("--drop", type=float, default=0.0, help="training-time dropout of tokens and n-grams from the bags")
    ap.add_argument("--weight-decay", type=float, default=0.0, help="AdamW weight decay (0 = plain Adam)")
    ap.add_argument("--task", choices=("both", "category", "sentiment"), default="both", help="as train.py --task")
    args = ap.parse_args()
    torch.set_num_threads(1)
    taxonomy = load_taxonomy()
    tok = WordPieceTokenizer.load(args.tokenizer)
    rows = read_rows(f"{args.data}/train.jsonl", taxonomy)
    test_rows = read_rows(f"{args.data}/test.jsonl", taxonomy)
    teacher = load_teacher(args.teacher, taxonomy, len(rows)) if args.teacher else None
    keep = only_task(rows, args.task)
    rows, test_rows = [rows[i] for i in keep], [test_rows[i] for i in only_task(test_rows, args.task)]
    if teacher is not None:
        teacher = teacher_for_task(teacher, keep, args.task)
    ids = [tok.encode_fitted(r.text) for r in rows]
    test_ids = [tok.encode_fitted(r.text) for r in test_rows]
    for shape in args.shapes.split(","):
        run(shape, rows, ids, test_rows, test_ids, taxonomy, args.epochs, args.seed, teacher, args.kd_weight,
            args.drop, args.weight_decay, args.kd_temp)


if __name__ == "__main__":
    main()
