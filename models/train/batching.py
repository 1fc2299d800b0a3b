"""Source-balanced sampling and length-bucketed, dynamically padded batches."""
from __future__ import annotations

import random
from collections import defaultdict

import torch

from data import IGNORE


def balanced_sample(sources: list[str], cap: int, rng: random.Random,
                    caps: dict[str, str] | None = None) -> list[int]:
    """Row indices with `cap` rows per source at most, drawn afresh each epoch.

    Capping keeps easy, plentiful sources (product titles, clinc utterances) from drowning the
    rest, while re-drawing every epoch still shows all their rows over time. `caps` overrides
    the cap per source: a row count ("8000") or a multiple of the source's size ("2x"); only
    such an explicit cap above the source's size repeats rows (oversampling).
    """
    by_source: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sources):
        by_source[s].append(i)
    picked: list[int] = []
    for s in sorted(by_source):
        idx = by_source[s]
        spec = (caps or {}).get(s)
        if spec is None:
            n = min(cap, len(idx))
        else:
            n = round(float(spec[:-1]) * len(idx)) if spec.endswith("x") else int(spec)
        while n >= len(idx):
            picked.extend(idx)
            n -= len(idx)
        picked.extend(rng.sample(idx, n))
    return picked


def bucketed_batches(indices: list[int], lengths: list[int], batch_size: int, rng: random.Random,
                     bucket_batches: int = 50) -> list[list[int]]:
    """Shuffle, then sort within windows of `bucket_batches` batches so each batch holds
    similar lengths (little padding) while batch order stays random."""
    order = list(indices)
    rng.shuffle(order)
    window = batch_size * bucket_batches
    batches: list[list[int]] = []
    for start in range(0, len(order), window):
        chunk = sorted(order[start:start + window], key=lambda i: lengths[i])
        batches.extend(chunk[j:j + batch_size] for j in range(0, len(chunk), batch_size))
    rng.shuffle(batches)
    return batches


def pad_batch(seqs: list[list[int]]) -> dict[str, torch.Tensor]:
    width = max(len(s) for s in seqs)
    ids = torch.zeros(len(seqs), width, dtype=torch.long)
    mask = torch.zeros(len(seqs), width, dtype=torch.long)
    for r, s in enumerate(seqs):
        ids[r, : len(s)] = torch.tensor(s, dtype=torch.long)
        mask[r, : len(s)] = 1
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": torch.zeros_like(ids)}


def labels_of(rows, batch: list[int]) -> tuple[torch.Tensor, torch.Tensor]:
    cat = torch.tensor([rows[i].category for i in batch], dtype=torch.long)
    sent = torch.tensor([rows[i].sentiment for i in batch], dtype=torch.long)
    return cat, sent


def has_labels(t: torch.Tensor) -> bool:
    return bool((t != IGNORE).any())
