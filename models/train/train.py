"""Train the intent + sentiment BERT (optionally MLM pre-training first); keep the best dev epoch.

Usage: train.py --data models/data --tokenizer models/reshelf-intent --out models/.cache/train
                [--mlm-epochs N] [--smoke]
Writes <out>/checkpoint.pt (best dev state) and <out>/report.json (settings, timings, metrics).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import random
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from batching import balanced_sample, bucketed_batches, has_labels, labels_of, pad_batch
from data import IGNORE, load_taxonomy, read_rows
from metrics import predict, score, summary
from mlm import pretrain
from model import BertConfig, IntentModel
from schedule import linear_warmup
from ema import Ema
from tokenizer import WordPieceTokenizer


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True, help="folder with train/dev/test.jsonl")
    ap.add_argument("--tokenizer", required=True, help="folder with tokenizer.json")
    ap.add_argument("--out", required=True)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--intermediate", type=int, default=512)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--pooling", choices=("cls", "cls_mean", "cls_mean_max"), default="cls")
    ap.add_argument("--embedding-size", type=int, default=0,
                    help="word-embedding width, projected up to --hidden (0 = --hidden): frees bytes for the encoder")
    ap.add_argument("--bigram-buckets", type=int, default=0)
    ap.add_argument("--bigram-dim", type=int, default=32)
    ap.add_argument("--bag-pool", choices=("mean", "sqrt"), default="mean",
                    help="pool the bag's n-grams by their count or its square root")
    ap.add_argument("--bag-into", choices=("pooler", "logits"), default="pooler",
                    help="feed the bag to the pooler, or through its own linear layer straight to the logits")
    ap.add_argument("--bag-ngrams", type=int, choices=(2, 3), default=2,
                    help="longest token n-gram hashed into the bag (3 adds trigrams to the same table)")
    ap.add_argument("--bag2-buckets", type=int, default=0,
                    help="a second bag table over the same n-grams (0 = off), e.g. few wide buckets beside many narrow ones")
    ap.add_argument("--bag2-dim", type=int, default=32)
    ap.add_argument("--attention-dropout", type=float, default=0.0,
                    help="0 by default: it costs ~10%% of step time and mattered little here")
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--mlm-epochs", type=int, default=0)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--mlm-lr", type=float, default=5e-4)
    ap.add_argument("--source-cap", type=int, default=12000, help="max rows per source per epoch")
    ap.add_argument("--source-caps", default="", help="per-source caps: rows or multiples, e.g. 'clinc150=8000,multi-domain-sentiment=2x'")
    ap.add_argument("--mlm-source-cap", type=int, default=0, help="default: --source-cap")
    ap.add_argument("--dev-cap", type=int, default=2000, help="max dev rows per source (speed)")
    ap.add_argument("--patience", type=int, default=2, help="epochs without dev gain before stopping")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--init", default="", help="start from this checkpoint's weights (its config wins)")
    ap.add_argument("--teacher", default="", help="out-of-fold teacher probabilities (scripts/text-teacher.ts)")
    ap.add_argument("--kd-weight", type=float, default=0.5, help="weight of the distillation term")
    ap.add_argument("--kd-temp", type=float, default=2.0, help="softmax temperature of the distillation term")
    ap.add_argument("--ema", type=float, default=0.0,
                    help="decay of an exponential moving average of the weights (e.g. 0.999; 0 = off): "
                         "the averaged weights are evaluated, selected and saved")
    ap.add_argument("--task", choices=("both", "category", "sentiment"), default="both",
                    help="train one head only (an experiment: a specialised model): rows without its label are "
                         "dropped, the other head's labels ignored; the checkpoint keeps both heads, one untrained")
    ap.add_argument("--smoke", action="store_true", help="a few hundred rows, one epoch (CI)")
    args = ap.parse_args()
    if args.smoke:
        args.epochs, args.mlm_epochs = 1, min(args.mlm_epochs, 1)
    if args.bag2_buckets and (not args.bigram_buckets or args.bag_into != "pooler"):
        ap.error("--bag2-buckets needs --bigram-buckets and --bag-into pooler (the second table joins the pooler)")
    args.caps = dict(p.split("=") for p in args.source_caps.split(",") if p)
    return args


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(1)  # two threads on these 2-core VMs are 20-60x slower


def smoke_subset(rows, per_source: int):
    """First rows of each source, so a smoke run still sees every head and language."""
    taken, out = {}, []
    for r in rows:
        if taken.get(r.source, 0) < per_source:
            taken[r.source] = taken.get(r.source, 0) + 1
            out.append(r)
    return out


def only_task(rows, task: str) -> list[int]:
    """Indices of the rows carrying `task`'s label; the other head's label is set to IGNORE."""
    keep = []
    for i, r in enumerate(rows):
        if task == "category":
            r.sentiment = IGNORE
        elif task == "sentiment":
            r.category = IGNORE
        if task == "both" or (r.category if task == "category" else r.sentiment) != IGNORE:
            keep.append(i)
    return keep


def teacher_for_task(teacher: dict[str, torch.Tensor], keep: list[int], task: str) -> dict[str, torch.Tensor]:
    """The teacher rows of the kept train rows; the head `task` leaves untrained gets none (NaN)."""
    return {h: t[keep] if task in ("both", h) else torch.full_like(t[keep], float("nan")) for h, t in teacher.items()}


def load_teacher(path: str, taxonomy: dict, n_rows: int) -> dict[str, torch.Tensor]:
    """Per head, an [n_rows, labels] matrix of teacher probabilities (NaN rows: no teacher)."""
    heads = {"category": taxonomy["category"], "sentiment": taxonomy["sentiment"]}
    out = {h: torch.full((n_rows, len(labels)), float("nan")) for h, labels in heads.items()}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                o = json.loads(line)
                row = torch.zeros(len(heads[o["task"]]))
                for label, p in o["probs"].items():
                    row[heads[o["task"]].index(label)] = p
                out[o["task"]][o["i"]] = row
    return out


def distillation(logits: torch.Tensor, teacher: torch.Tensor, temp: float) -> torch.Tensor:
    """KL(teacher_T || student_T) * T^2 over the rows that have a teacher (Hinton et al.)."""
    has = ~torch.isnan(teacher[:, 0])
    if not bool(has.any()):
        return logits.new_zeros(())
    t = teacher[has].clamp_min(1e-8).log() / temp
    t = t.log_softmax(-1).exp()
    s = (logits[has] / temp).log_softmax(-1)
    return F.kl_div(s, t, reduction="batchmean") * temp * temp


def finetune_epoch(model, opt, sched, rows, seqs, batches, epoch, log_every=100, teacher=None, kd=(0.0, 1.0),
                   ema=None) -> float:
    model.train()
    t0, tokens, running = time.time(), 0, 0.0
    n_cat = model.config.num_categories
    for step, batch in enumerate(batches, 1):
        inputs = pad_batch([seqs[i] for i in batch])
        cat, sent = labels_of(rows, batch)
        logits = model(**inputs)
        # Masked multitask loss: a head only learns from rows that carry its label.
        loss = logits.new_zeros(())
        if has_labels(cat):
            loss = loss + F.cross_entropy(logits[:, :n_cat], cat, ignore_index=IGNORE)
        if has_labels(sent):
            loss = loss + F.cross_entropy(logits[:, n_cat:], sent, ignore_index=IGNORE)
        if teacher is not None and kd[0] > 0:
            loss = loss + kd[0] * (distillation(logits[:, :n_cat], teacher["category"][batch], kd[1])
                                   + distillation(logits[:, n_cat:], teacher["sentiment"][batch], kd[1]))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        if ema is not None:
            ema.update()
        tokens += int(inputs["attention_mask"].sum())
        running = 0.98 * running + 0.02 * loss.item() if step > 1 else loss.item()
        if step % log_every == 0 or step == len(batches):
            el = time.time() - t0
            print(f"[train] epoch {epoch} step {step}/{len(batches)} loss {running:.3f} "
                  f"{tokens / el:.0f} tok/s {el:.0f}s", flush=True)
    return time.time() - t0


def main() -> None:
    args = parse_args()
    seed_everything(args.seed)
    t_start = time.time()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    taxonomy = load_taxonomy()
    tok = WordPieceTokenizer.load(args.tokenizer)
    data = Path(args.data)
    train, dev, test = (read_rows(data / f"{s}.jsonl", taxonomy) for s in ("train", "dev", "test"))
    if args.smoke:
        train, dev, test = smoke_subset(train, 60), smoke_subset(dev, 20), smoke_subset(test, 20)
    n_train_all = len(train)  # the teacher file indexes rows of the whole train split
    keep = only_task(train, args.task)
    train = [train[i] for i in keep]
    dev, test = [dev[i] for i in only_task(dev, args.task)], [test[i] for i in only_task(test, args.task)]
    rng = random.Random(args.seed)
    dev = [dev[i] for i in sorted(balanced_sample([r.source for r in dev], args.dev_cap, rng))]
    enc = lambda rows: [tok.encode_fitted(r.text) for r in rows]  # long text cut as in the browser
    t0 = time.time()
    train_ids, dev_ids, test_ids = enc(train), enc(dev), enc(test)
    print(f"[data] train {len(train)} dev {len(dev)} test {len(test)} rows, tokenized in {time.time() - t0:.0f}s",
          flush=True)

    cfg = BertConfig(vocab_size=len(tok.vocab), hidden_size=args.hidden, num_hidden_layers=args.layers,
                     num_attention_heads=args.heads, intermediate_size=args.intermediate,
                     max_position_embeddings=tok.max_length, hidden_dropout_prob=args.dropout,
                     attention_probs_dropout_prob=args.attention_dropout, pooling=args.pooling,
                     bigram_buckets=args.bigram_buckets, bigram_dim=args.bigram_dim, bag_ngrams=args.bag_ngrams,
                     bag_pool=args.bag_pool, bag_into=args.bag_into, embedding_size=args.embedding_size,
                     bag2_buckets=args.bag2_buckets, bag2_dim=args.bag2_dim,
                     num_categories=len(taxonomy["category"]), num_sentiments=len(taxonomy["sentiment"]))
    if args.init:
        init = torch.load(args.init)
        cfg = BertConfig(**init["config"])
    model = IntentModel(cfg)
    if args.init:
        model.load_state_dict(init["state_dict"])
    teacher = None
    if args.teacher and not args.smoke:
        teacher = teacher_for_task(load_teacher(args.teacher, taxonomy, n_train_all), keep, args.task)
    n_params = sum(p.numel() for p in model.parameters())
    print(f"[model] {cfg.num_hidden_layers} layers, hidden {cfg.hidden_size}, vocab {cfg.vocab_size}: "
          f"{n_params} parameters", flush=True)
    sources = [r.source for r in train]
    timings: dict = {}

    if args.mlm_epochs:
        cap = args.mlm_source_cap or args.source_cap
        t0 = time.time()
        pretrain(model, train_ids, lambda e: balanced_sample(sources, cap, random.Random(args.seed * 100 + e)),
                 args.mlm_epochs, args.batch_size, args.mlm_lr, args.seed)
        timings["mlm_seconds"] = round(time.time() - t0, 1)

    lengths = [len(s) for s in train_ids]
    plan = [bucketed_batches(balanced_sample(sources, args.source_cap, rng, args.caps), lengths, args.batch_size, rng)
            for _ in range(args.epochs)]
    no_decay = lambda n: n.endswith("bias") or "norm" in n
    groups = [{"params": [p for n, p in model.named_parameters() if not no_decay(n)], "weight_decay": 0.01},
              {"params": [p for n, p in model.named_parameters() if no_decay(n)], "weight_decay": 0.0}]
    opt = torch.optim.AdamW(groups, lr=args.lr, foreach=True)
    sched = linear_warmup(opt, sum(len(p) for p in plan))
    history, best, best_state, stale = [], -1.0, None, 0
    timings["epoch_seconds"] = []
    ema = Ema(model, args.ema) if args.ema > 0 else None
    for epoch, batches in enumerate(plan, 1):
        timings["epoch_seconds"].append(round(finetune_epoch(model, opt, sched, train, train_ids, batches, epoch,
                                                              teacher=teacher, kd=(args.kd_weight, args.kd_temp),
                                                              ema=ema), 1))
        entry = {"epoch": epoch}
        if ema is not None:
            entry["dev_raw"] = score(dev, predict(model, dev_ids), cfg.num_categories)
            print(f"[dev] epoch {epoch} raw weights: {summary(entry['dev_raw'])}", flush=True)
        with ema.applied() if ema is not None else contextlib.nullcontext():
            dev_score = score(dev, predict(model, dev_ids), cfg.num_categories)
            state = {k: v.clone() for k, v in model.state_dict().items()}
        entry["dev"] = dev_score
        history.append(entry)
        print(f"[dev] epoch {epoch}{' averaged weights' if ema else ''}: {summary(dev_score)}", flush=True)
        if dev_score["selection"] > best:
            best, stale = dev_score["selection"], 0
            best_state = state
            best_epoch = epoch
        else:
            stale += 1
            if stale >= args.patience:
                print(f"[train] early stop: no dev gain for {stale} epochs", flush=True)
                break
    model.load_state_dict(best_state)
    test_score = score(test, predict(model, test_ids), cfg.num_categories)
    print(f"[test] best epoch {best_epoch}: {summary(test_score)}", flush=True)
    timings["total_seconds"] = round(time.time() - t_start, 1)

    torch.save({"config": cfg.to_dict(), "state_dict": best_state}, out / "checkpoint.pt")
    report = {"args": vars(args), "parameters": n_params, "timings": timings, "best_epoch": best_epoch,
              "history": history, "dev": history[best_epoch - 1]["dev"], "test": test_score,
              "torch": torch.__version__, "blas": blas_info()}
    (out / "report.json").write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    print(f"[train] {timings['total_seconds']:.0f}s total -> {out}/checkpoint.pt", flush=True)


def blas_info() -> str:
    # Training speed hinges on the BLAS behind torch (reference BLAS is ~10x slower than OpenBLAS).
    try:
        return next(l.split()[-1] for l in open("/proc/self/maps") if "blas" in l.lower())
    except (StopIteration, OSError):
        return "unknown"


if __name__ == "__main__":
    main()
