"""Accuracy and macro-F1 per head and language, from concatenated logits."""
from __future__ import annotations

import numpy as np
import torch

from batching import pad_batch
from data import IGNORE


@torch.no_grad()
def predict(model, seqs: list[list[int]], batch_size: int = 128) -> np.ndarray:
    model.eval()
    order = sorted(range(len(seqs)), key=lambda i: len(seqs[i]))  # little padding
    out = np.zeros((len(seqs), model.config.num_categories + model.config.num_sentiments), np.float32)
    for s in range(0, len(order), batch_size):
        idx = order[s:s + batch_size]
        out[idx] = model(**pad_batch([seqs[i] for i in idx])).numpy()
    return out


def macro_f1(gold: np.ndarray, pred: np.ndarray, n: int) -> float:
    f1s = []
    for c in range(n):
        tp = int(((pred == c) & (gold == c)).sum())
        fp = int(((pred == c) & (gold != c)).sum())
        fn = int(((pred != c) & (gold == c)).sum())
        if tp + fp + fn:  # skip classes absent from both gold and predictions
            f1s.append(2 * tp / (2 * tp + fp + fn))
    return float(np.mean(f1s)) if f1s else 0.0


def score(rows, logits: np.ndarray, n_cat: int) -> dict:
    """{"category": {"zh": {...}, "en": {...}, "all": {...}}, "sentiment": {...}, "selection": x}."""
    heads = {"category": (slice(0, n_cat), [r.category for r in rows], n_cat),
             "sentiment": (slice(n_cat, logits.shape[1]), [r.sentiment for r in rows], logits.shape[1] - n_cat)}
    langs = np.array([r.lang for r in rows])
    result: dict = {}
    accs = []
    for name, (cols, gold, n) in heads.items():
        gold = np.array(gold)
        pred = logits[:, cols].argmax(1)
        result[name] = {}
        for lang in ("zh", "en", "all"):
            m = gold != IGNORE
            if lang != "all":
                m &= langs == lang
            if not m.any():
                continue
            acc = float((pred[m] == gold[m]).mean())
            result[name][lang] = {"n": int(m.sum()), "accuracy": acc, "macro_f1": macro_f1(gold[m], pred[m], n)}
            if lang != "all":
                accs.append(acc)
    # Model selection: mean accuracy over (head, language) groups, so no group dominates.
    result["selection"] = float(np.mean(accs)) if accs else 0.0
    return result


def summary(s: dict) -> str:
    parts = []
    for head in ("category", "sentiment"):
        for lang in ("zh", "en"):
            if lang in s.get(head, {}):
                parts.append(f"{head[:4]}-{lang} {s[head][lang]['accuracy']:.4f}")
    return " ".join(parts) + f" | sel {s['selection']:.4f}"
