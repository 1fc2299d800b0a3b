"""Check that ngram_keys (the list form the probes use) and IntentModel.bigram_bag (the tensor form
the shipped graph uses) hash the same n-grams into the same buckets, for models/ngram-keys.test.ts.

  check_ngram_keys.py   # prints one JSON line: {"rows": N, "max_error": E}

The bag table gets one random number per bucket and width 1, mean pooling: the graph's pooled
value times the n-gram count is then the sum of the numbers of its buckets, which must equal the
sum over ngram_keys' buckets of the unpadded ids. Padded rows check the attention mask too.
"""
from __future__ import annotations

import json
import random

import torch

from model import BertConfig, IntentModel, ngram_keys


def main() -> None:
    torch.manual_seed(0)
    rng = random.Random(0)
    worst, rows = 0.0, 0
    for order in (2, 3):
        for buckets in (97, 4096, 262144):
            c = BertConfig(vocab_size=10000, hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                           intermediate_size=32, max_position_embeddings=64, pooling="cls_mean",
                           bigram_buckets=buckets, bigram_dim=1, bag_ngrams=order, bag_pool="mean")
            model = IntentModel(c).eval()
            width = 40
            lengths = [rng.randint(1, width) for _ in range(16)]
            seqs = [[rng.randrange(10000) for _ in range(n)] for n in lengths]
            ids = torch.tensor([s + [0] * (width - len(s)) for s in seqs])
            mask = torch.tensor([[1] * len(s) + [0] * (width - len(s)) for s in seqs])
            with torch.no_grad():
                pooled = model.bigram_bag(ids, mask)[0][:, 0]
                table = model.bigram.weight[:, 0]
                for r, s in enumerate(seqs):
                    keys = ngram_keys(s, order, buckets)
                    graph = float(pooled[r]) * max(1, len(keys))
                    listed = float(table[keys].sum()) if keys else 0.0
                    worst = max(worst, abs(graph - listed))
                    rows += 1
    print(json.dumps({"rows": rows, "max_error": worst}))


if __name__ == "__main__":
    main()
