"""Masked-language-model pre-training of the encoder on all training text (labels unused)."""
from __future__ import annotations

import random
import time

import torch
import torch.nn.functional as F

from batching import bucketed_batches, pad_batch
from model import IntentModel, MlmHead
from tokenizer import MASK, SPECIALS
from schedule import linear_warmup


def mask_tokens(ids: torch.Tensor, attention: torch.Tensor, vocab_size: int, gen: torch.Generator,
                rate: float = 0.15) -> tuple[torch.Tensor, torch.Tensor]:
    """BERT masking: pick 15% of real tokens; 80% -> [MASK], 10% -> random, 10% unchanged."""
    real = (attention == 1) & (ids >= len(SPECIALS))
    picked = (torch.rand(ids.shape, generator=gen) < rate) & real
    labels = torch.where(picked, ids, torch.full_like(ids, -100))
    roll = torch.rand(ids.shape, generator=gen)
    ids = ids.clone()
    ids[picked & (roll < 0.8)] = MASK
    rand_pos = picked & (roll >= 0.8) & (roll < 0.9)
    ids[rand_pos] = torch.randint(len(SPECIALS), vocab_size, ids.shape, generator=gen)[rand_pos]
    return ids, labels


def pretrain(model: IntentModel, seqs: list[list[int]], indices_per_epoch, epochs: int, batch_size: int,
             lr: float, seed: int, log_every: int = 100) -> None:
    """Train model.encoder in place. indices_per_epoch(epoch) -> rows to use that epoch."""
    encoder, vocab_size = model.encoder, model.config.vocab_size
    head = MlmHead(model.config, encoder.embeddings.word)
    params = list(encoder.parameters()) + [p for n, p in head.named_parameters() if not n.startswith("word_embeddings")]
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.01, foreach=True)
    rng = random.Random(seed)
    gen = torch.Generator().manual_seed(seed)
    lengths = [len(s) for s in seqs]
    plan = [bucketed_batches(indices_per_epoch(e), lengths, batch_size, rng) for e in range(epochs)]
    sched = linear_warmup(opt, sum(len(p) for p in plan))
    encoder.train()
    head.train()
    step, t0, tokens, running = 0, time.time(), 0, 0.0
    for epoch, batches in enumerate(plan):
        for batch in batches:
            inputs = pad_batch([seqs[i] for i in batch])
            ids, labels = mask_tokens(inputs["input_ids"], inputs["attention_mask"], vocab_size, gen)
            hidden = encoder(ids, inputs["attention_mask"], inputs["token_type_ids"])
            where = labels != -100
            if not where.any():
                continue
            loss = F.cross_entropy(head(hidden[where]), labels[where])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            step += 1
            tokens += int(inputs["attention_mask"].sum())
            running = 0.98 * running + 0.02 * loss.item() if step > 1 else loss.item()
            if step % log_every == 0:
                el = time.time() - t0
                print(f"[mlm] epoch {epoch + 1}/{epochs} step {step} loss {running:.3f} "
                      f"{tokens / el:.0f} tok/s {el:.0f}s", flush=True)
    print(f"[mlm] done: {step} steps, {time.time() - t0:.0f}s, final loss {running:.3f}", flush=True)

