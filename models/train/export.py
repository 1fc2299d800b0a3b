"""Export a trained checkpoint (or random weights) to the transformers.js model layout.

  export.py --checkpoint models/.cache/train/checkpoint.pt --tokenizer models/reshelf-intent --out models/reshelf-intent
  export.py --random --layers 12 --hidden 768 --heads 12 --intermediate 3072 \\
            --tokenizer models/reshelf-intent --out models/.cache/bert-base-random

Writes config.json, tokenizer files (copied when --tokenizer differs from --out),
onnx/model.onnx (fp32) and, unless --no-quantize, onnx/model_quantized.onnx (int8).
"""
from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path

import torch

from data import load_taxonomy
from model import BertConfig, IntentModel
from quantize import quantize_file

OPSET = 14


def config_json(cfg: BertConfig, taxonomy: dict) -> dict:
    cats, sents = taxonomy["category"], taxonomy["sentiment"]
    labels = [f"category:{c}" for c in cats] + [f"sentiment:{s}" for s in sents]
    return {
        "model_type": "bert",
        "architectures": ["BertForSequenceClassification"],
        "vocab_size": cfg.vocab_size,
        "hidden_size": cfg.hidden_size,
        "num_hidden_layers": cfg.num_hidden_layers,
        "num_attention_heads": cfg.num_attention_heads,
        "intermediate_size": cfg.intermediate_size,
        "max_position_embeddings": cfg.max_position_embeddings,
        "type_vocab_size": cfg.type_vocab_size,
        "hidden_act": "gelu",
        "hidden_dropout_prob": cfg.hidden_dropout_prob,
        "attention_probs_dropout_prob": cfg.attention_probs_dropout_prob,
        "layer_norm_eps": cfg.layer_norm_eps,
        "pad_token_id": cfg.pad_token_id,
        "initializer_range": 0.02,
        # Beyond stock BERT (informational; the ONNX graph already contains them).
        "pooling": cfg.pooling,
        "bigram_buckets": cfg.bigram_buckets,
        "bigram_dim": cfg.bigram_dim,
        "bag_ngrams": cfg.bag_ngrams,
        "bag_pool": cfg.bag_pool,
        "bag_into": cfg.bag_into,
        **({"bag2_buckets": cfg.bag2_buckets, "bag2_dim": cfg.bag2_dim} if cfg.bag2_buckets else {}),
        **({"embedding_size": cfg.embedding_size} if cfg.embedding_size else {}),
        "id2label": {str(i): l for i, l in enumerate(labels)},
        "label2id": {l: i for i, l in enumerate(labels)},
        # Which slice of `logits` belongs to which head (parsed by src/core/text/heads.ts).
        "reshelf": {
            "heads": [
                {"name": "category", "labels": cats, "offset": 0},
                {"name": "sentiment", "labels": sents, "offset": len(cats)},
            ],
            "max_length": cfg.max_position_embeddings,
            "taxonomy_version": taxonomy["version"],
        },
    }


def export_onnx(model: IntentModel, path: Path) -> None:
    model.eval()
    path.parent.mkdir(parents=True, exist_ok=True)
    ids = torch.tensor([[2, 10, 11, 12, 3], [2, 13, 3, 0, 0]], dtype=torch.long)
    mask = (ids != 0).long()
    dynamic = {0: "batch_size", 1: "sequence_length"}
    torch.onnx.export(
        model, (ids, mask, torch.zeros_like(ids)), str(path), opset_version=OPSET,
        input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["logits"],
        dynamic_axes={"input_ids": dynamic, "attention_mask": dynamic, "token_type_ids": dynamic,
                      "logits": {0: "batch_size"}},
        do_constant_folding=True,
    )


def copy_tokenizer(src: Path, dst: Path) -> None:
    if src.resolve() == dst.resolve():
        return
    for name in ("tokenizer.json", "tokenizer_config.json"):
        shutil.copyfile(src / name, dst / name)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--checkpoint", help="checkpoint.pt from train.py")
    ap.add_argument("--random", action="store_true", help="random weights (speed benchmark only)")
    ap.add_argument("--tokenizer", default=str(Path(__file__).resolve().parents[1] / "reshelf-intent"))
    ap.add_argument("--out", required=True)
    ap.add_argument("--layers", type=int, default=12)
    ap.add_argument("--hidden", type=int, default=768)
    ap.add_argument("--heads", type=int, default=12)
    ap.add_argument("--intermediate", type=int, default=3072)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--no-quantize", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    taxonomy = load_taxonomy()
    out, tok_dir = Path(args.out), Path(args.tokenizer)
    out.mkdir(parents=True, exist_ok=True)

    if args.random:
        tok_cfg = json.loads((tok_dir / "tokenizer_config.json").read_text("utf-8"))
        vocab = len(json.loads((tok_dir / "tokenizer.json").read_text("utf-8"))["model"]["vocab"])
        cfg = BertConfig(vocab_size=vocab, hidden_size=args.hidden, num_hidden_layers=args.layers,
                         num_attention_heads=args.heads, intermediate_size=args.intermediate,
                         max_position_embeddings=int(tok_cfg["model_max_length"]),
                         num_categories=len(taxonomy["category"]), num_sentiments=len(taxonomy["sentiment"]))
        model = IntentModel(cfg)
    elif args.checkpoint:
        ckpt = torch.load(args.checkpoint, map_location="cpu")
        cfg = BertConfig(**ckpt["config"])
        model = IntentModel(cfg)
        model.load_state_dict(ckpt["state_dict"])
    else:
        ap.error("give --checkpoint or --random")

    t0 = time.time()
    copy_tokenizer(tok_dir, out)
    (out / "config.json").write_text(json.dumps(config_json(cfg, taxonomy), indent=2, ensure_ascii=False) + "\n",
                                     "utf-8")
    fp32 = out / "onnx" / "model.onnx"
    export_onnx(model, fp32)
    print(f"[export] {fp32} {fp32.stat().st_size} bytes ({time.time() - t0:.0f}s)", flush=True)
    if not args.no_quantize:
        q = out / "onnx" / "model_quantized.onnx"
        quantize_file(fp32, q)
        print(f"[quantize] {q} {q.stat().st_size} bytes", flush=True)


if __name__ == "__main__":
    main()
