"""Experiment (not part of the shipped pipeline): which part of a too-long text should the model see?

Scores a checkpoint on the test rows longer than its max length, cut four ways: the head (what
transformers.js does), the head with the final [SEP] kept, the first half + the end, the first
quarter + the end. Prints correct/total per source and head. The model card quotes it:

  python3 models/train/probe_truncation.py --checkpoint models/.cache/train/checkpoint.pt --tokenizer models/reshelf-intent
"""
from __future__ import annotations

import argparse

import numpy as np
import torch

from data import IGNORE, load_taxonomy, read_rows
from metrics import predict
from model import BertConfig, IntentModel
from tokenizer import WordPieceTokenizer


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--data", default="models/data")
    args = ap.parse_args()
    torch.set_num_threads(1)
    ck = torch.load(args.checkpoint)
    cfg = BertConfig(**ck["config"])
    model = IntentModel(cfg)
    model.load_state_dict(ck["state_dict"])
    tok = WordPieceTokenizer.load(args.tokenizer)
    n = tok.max_length
    rows = read_rows(f"{args.data}/test.jsonl", load_taxonomy())
    full = [tok.encode(r.text, truncate=False) for r in rows]
    long = [i for i, s in enumerate(full) if len(s) > n]
    print(f"{len(long)} test rows longer than {n} tokens")
    cuts = {
        "head": lambda s: s[:n],
        "head + [SEP]": lambda s: s[:n - 1] + s[-1:],
        "first half + end": lambda s: s[:n // 2] + s[-(n - n // 2):],
        "first quarter + end": lambda s: s[:n // 4] + s[-(n - n // 4):],
    }
    with torch.no_grad():
        for name, cut in cuts.items():
            out = predict(model, [cut(full[i]) for i in long])
            tally: dict[str, list[int]] = {}
            for k, i in enumerate(long):
                r = rows[i]
                for head, gold, logits in (("category", r.category, out[k, :cfg.num_categories]),
                                           ("sentiment", r.sentiment, out[k, cfg.num_categories:])):
                    if gold != IGNORE:
                        t = tally.setdefault(f"{r.source} {head}", [0, 0])
                        t[0] += int(np.argmax(logits) == gold)
                        t[1] += 1
            print(f"{name:20s} " + "  ".join(f"{key} {a}/{t}" for key, (a, t) in sorted(tally.items())))


if __name__ == "__main__":
    main()
