"""Export tiny random-weight models of every architecture option, for models/export-variants.test.ts.

  export_variants.py --out DIR

Each option train.py offers (pooling, the n-gram bag's shapes and pooling, the second bag table,
the bag into the logits, the factorised word table) changes the graph torch.onnx.export writes
and the int8 rewrite reads. For each variant this writes DIR/<name>/ in the transformers.js
layout (config.json, onnx/model.onnx, onnx/model_quantized.onnx) and DIR/cases.json: the inputs
and the PyTorch logits the ONNX files must reproduce. Sizes are tiny but every large weight
still crosses quantize.py's MIN_ELEMENTS, so the int8 paths run too.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import torch

from data import load_taxonomy
from export import config_json, export_onnx
from model import BertConfig, IntentModel
from quantize import quantize_file

BASE = dict(vocab_size=400, hidden_size=64, num_hidden_layers=2, num_attention_heads=2, intermediate_size=128,
            max_position_embeddings=48)
BAG = dict(pooling="cls_mean", bigram_buckets=4096, bigram_dim=8, bag_ngrams=3, bag_pool="sqrt")
VARIANTS: dict[str, dict] = {
    "cls": {},
    "cls_mean_bigram": dict(pooling="cls_mean", bigram_buckets=1024, bigram_dim=32),
    "trigram_sqrt_bag": BAG,
    "two_bag_tables": {**BAG, "bag2_buckets": 512, "bag2_dim": 32},
    "bag_into_logits": {**BAG, "bag_into": "logits"},
    "cls_mean_max": {**BAG, "pooling": "cls_mean_max"},
    "factorised_table": {**BAG, "embedding_size": 32, "num_hidden_layers": 3},
}


def cases(vocab: int, max_len: int) -> tuple[list[list[int]], list[list[int]]]:
    # Padded batch: a long row, a short one, one of a single token between [CLS] and [SEP].
    g = torch.Generator().manual_seed(7)
    lengths = [max_len, 9, 3]
    ids, mask = [], []
    for n in lengths:
        body = torch.randint(5, vocab, (n - 2,), generator=g).tolist()
        row = [2, *body, 3]
        ids.append(row + [0] * (max_len - n))
        mask.append([1] * n + [0] * (max_len - n))
    return ids, mask


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    torch.set_num_threads(1)
    out = Path(args.out)
    taxonomy = load_taxonomy()
    result = {}
    for name, options in VARIANTS.items():
        torch.manual_seed(13)
        cfg = BertConfig(**{**BASE, **options}, num_categories=len(taxonomy["category"]),
                         num_sentiments=len(taxonomy["sentiment"]))
        model = IntentModel(cfg).eval()
        with torch.no_grad():  # init_weights leaves biases and the bag small; spread them so errors show
            for p in model.parameters():
                p.add_(torch.randn_like(p) * 0.05)
        ids, mask = cases(cfg.vocab_size, cfg.max_position_embeddings)
        t_ids = torch.tensor(ids)
        with torch.no_grad():
            logits = model(t_ids, torch.tensor(mask), torch.zeros_like(t_ids))
        d = out / name
        (d / "onnx").mkdir(parents=True, exist_ok=True)
        (d / "config.json").write_text(json.dumps(config_json(cfg, taxonomy), indent=2) + "\n", "utf-8")
        export_onnx(model, d / "onnx" / "model.onnx")
        quantize_file(d / "onnx" / "model.onnx", d / "onnx" / "model_quantized.onnx")
        result[name] = {"input_ids": ids, "attention_mask": mask, "logits": logits.tolist()}
    (out / "cases.json").write_text(json.dumps(result), "utf-8")
    print(f"[variants] {len(result)} models in {out}")


if __name__ == "__main__":
    main()
