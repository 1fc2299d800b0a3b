"""A small BERT (post-LN, GELU) with a category head and a sentiment head.

Parameter names follow Hugging Face's BertModel loosely, but nothing depends on them: the
model ships as ONNX. The two heads' logits are concatenated (category first) into the single
`logits` output transformers.js' BertForSequenceClassification expects; config.json's
`reshelf.heads` says where each head starts.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
from torch import nn


# The bag's n-gram hash: bigram (a, b) -> a*BIGRAM + b, trigram (a, b, c) -> a*TRIGRAM + b*BIGRAM + c +
# TRIGRAM_OFFSET, modulo the bucket count. Token ids < 10^5 keep these exact in int64.
BIGRAM = 7919
TRIGRAM = 62710561
TRIGRAM_OFFSET = 104729


def ngram_keys(ids: list[int], order: int, buckets: int) -> list[int]:
    """The bag's bucket keys for one token sequence, as bigram_bag computes them (for probes)."""
    keys = [(a * BIGRAM + b) % buckets for a, b in zip(ids, ids[1:])]
    if order >= 3:
        keys += [(a * TRIGRAM + b * BIGRAM + c + TRIGRAM_OFFSET) % buckets for a, b, c in zip(ids, ids[1:], ids[2:])]
    return keys


@dataclass
class BertConfig:
    vocab_size: int
    hidden_size: int = 128
    num_hidden_layers: int = 4
    num_attention_heads: int = 4
    intermediate_size: int = 512
    max_position_embeddings: int = 64
    type_vocab_size: int = 2
    hidden_dropout_prob: float = 0.1
    attention_probs_dropout_prob: float = 0.1
    layer_norm_eps: float = 1e-12
    num_categories: int = 11
    num_sentiments: int = 2
    pad_token_id: int = 0
    # "cls": BERT's [CLS] pooler. "cls_mean": the pooler also sees the masked mean of all
    # tokens, which a small model trained from scratch learns bag-of-words cues from faster.
    # "cls_mean_max": also the masked max over tokens, so one strong cue in a long review is not
    # averaged away (the mean-pooled model fell furthest behind TF-IDF on the longest reviews).
    pooling: str = "cls"
    # Optional bag of hashed token bigrams beside the encoder (0 = off): a fastText-style
    # shortcut to the n-gram cues TF-IDF baselines live on. Costs buckets x dim parameters.
    bigram_buckets: int = 0
    bigram_dim: int = 32
    # Longest token n-gram in that bag: 2 = bigrams, 3 = bigrams and trigrams sharing the table
    # (no extra parameters; character trigrams carry Chinese cues such as 不太好).
    bag_ngrams: int = 2
    # How the bag pools its n-grams: "mean" divides the sum by their count, "sqrt" by its square
    # root, so a strong n-gram in a long review is diluted less (as TF-IDF's l2 norm does).
    # probe_bag.py: sqrt beat mean on every head for a bag on its own.
    bag_pool: str = "mean"
    # Where the bag goes: "pooler" joins it to the encoder features before the dense + tanh;
    # "logits" gives it its own linear layer per head, added to the encoder's logits (wide & deep),
    # so n-gram evidence reaches the output without the tanh squash and the pooler's dropout.
    bag_into: str = "pooler"
    # Width of the word-embedding table (0 = hidden_size). Smaller, with a projection up to the
    # hidden size (ALBERT's factorisation), it frees bytes of the 3 MB budget for the encoder:
    # at 10,000 tokens each 64 columns cost 640 KB int8.
    embedding_size: int = 0
    # A second table over the same n-gram keys (0 = off), with its own bucket count and width, pooled
    # the same way and joined to the pooler too. Many narrow buckets helped sentiment and few wide
    # ones category (model card); two tables at the same bytes keep some of each.
    bag2_buckets: int = 0
    bag2_dim: int = 32

    def to_dict(self) -> dict:
        return asdict(self)


class Embeddings(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        width = c.embedding_size or c.hidden_size
        self.word = nn.Embedding(c.vocab_size, width, padding_idx=c.pad_token_id)
        self.word_projection = nn.Linear(width, c.hidden_size, bias=False) if width != c.hidden_size else None
        self.position = nn.Embedding(c.max_position_embeddings, c.hidden_size)
        self.token_type = nn.Embedding(c.type_vocab_size, c.hidden_size)
        self.norm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)
        self.register_buffer("position_ids", torch.arange(c.max_position_embeddings).unsqueeze(0), persistent=False)

    def forward(self, input_ids, token_type_ids):
        positions = self.position_ids[:, : input_ids.shape[1]]
        words = self.word(input_ids)
        if self.word_projection is not None:
            words = self.word_projection(words)
        x = words + self.position(positions) + self.token_type(token_type_ids)
        return self.dropout(self.norm(x))


class SelfAttention(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.heads = c.num_attention_heads
        self.head_dim = c.hidden_size // c.num_attention_heads
        self.query = nn.Linear(c.hidden_size, c.hidden_size)
        self.key = nn.Linear(c.hidden_size, c.hidden_size)
        self.value = nn.Linear(c.hidden_size, c.hidden_size)
        self.out = nn.Linear(c.hidden_size, c.hidden_size)
        self.dropout = nn.Dropout(c.attention_probs_dropout_prob)

    def split(self, x):
        b, t, _ = x.shape
        return x.view(b, t, self.heads, self.head_dim).transpose(1, 2)

    def forward(self, x, mask_bias):
        q, k, v = self.split(self.query(x)), self.split(self.key(x)), self.split(self.value(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(self.head_dim) + mask_bias
        ctx = self.dropout(scores.softmax(-1)) @ v
        b, _, t, _ = ctx.shape
        return self.out(ctx.transpose(1, 2).reshape(b, t, -1))


class Layer(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.attention = SelfAttention(c)
        self.attention_norm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.intermediate = nn.Linear(c.hidden_size, c.intermediate_size)
        self.output = nn.Linear(c.intermediate_size, c.hidden_size)
        self.output_norm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)
        self.act = nn.GELU()

    def forward(self, x, mask_bias):
        x = self.attention_norm(x + self.dropout(self.attention(x, mask_bias)))
        return self.output_norm(x + self.dropout(self.output(self.act(self.intermediate(x)))))


class Encoder(nn.Module):
    """Embeddings + layers: shared by MLM pre-training and the classifier."""

    def __init__(self, c: BertConfig):
        super().__init__()
        self.embeddings = Embeddings(c)
        self.layers = nn.ModuleList(Layer(c) for _ in range(c.num_hidden_layers))

    def forward(self, input_ids, attention_mask, token_type_ids):
        # Additive mask: 0 where attended, -10000 on padding (finite, so no NaN on empty rows).
        mask_bias = (1.0 - attention_mask[:, None, None, :].to(torch.float32)) * -10000.0
        x = self.embeddings(input_ids, token_type_ids)
        for layer in self.layers:
            x = layer(x, mask_bias)
        return x


class IntentModel(nn.Module):
    def __init__(self, c: BertConfig):
        super().__init__()
        self.config = c
        self.encoder = Encoder(c)
        features = c.hidden_size * {"cls": 1, "cls_mean": 2, "cls_mean_max": 3}[c.pooling]
        if c.bigram_buckets:
            self.bigram = nn.Embedding(c.bigram_buckets, c.bigram_dim)
            if c.bag_into == "logits":
                self.bag_category = nn.Linear(c.bigram_dim, c.num_categories)
                self.bag_sentiment = nn.Linear(c.bigram_dim, c.num_sentiments)
            else:
                features += c.bigram_dim
            if c.bag2_buckets:
                assert c.bag_into == "pooler", "the second bag table joins the pooler"
                self.bag2 = nn.Embedding(c.bag2_buckets, c.bag2_dim)
                features += c.bag2_dim
        self.pooler = nn.Linear(features, c.hidden_size)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)
        self.category = nn.Linear(c.hidden_size, c.num_categories)
        self.sentiment = nn.Linear(c.hidden_size, c.num_sentiments)
        self.apply(init_weights)

    def forward(self, input_ids, attention_mask, token_type_ids):
        h = self.encoder(input_ids, attention_mask, token_type_ids)
        features = h[:, 0]
        if self.config.pooling in ("cls_mean", "cls_mean_max"):
            m = attention_mask.unsqueeze(-1).to(h.dtype)
            features = torch.cat([features, (h * m).sum(1) / m.sum(1).clamp(min=1.0)], dim=-1)
        if self.config.pooling == "cls_mean_max":
            # Padding pushed far below any real activation (finite, as the attention mask is).
            features = torch.cat([features, (h + (m - 1.0) * 10000.0).amax(1)], dim=-1)
        bags = self.bigram_bag(input_ids, attention_mask) if self.config.bigram_buckets else []
        if self.config.bag_into == "pooler":
            features = torch.cat([features, *bags], dim=-1)
        pooled = self.dropout(torch.tanh(self.pooler(features)))
        category, sentiment = self.category(pooled), self.sentiment(pooled)
        if bags and self.config.bag_into == "logits":
            category, sentiment = category + self.bag_category(bags[0]), sentiment + self.bag_sentiment(bags[0])
        return torch.cat([category, sentiment], dim=-1)


    def bigram_bag(self, input_ids, attention_mask):
        # Hashes of every token bigram (and trigram when bag_ngrams = 3), gathered in one lookup
        # per table so the int8 graph keeps one quantized table each; token ids < 10^5 keep int64
        # exact. Returns one pooled vector per table (the second only when bag2_buckets is set).
        c = self.config
        keys = [input_ids[:, :-1] * BIGRAM + input_ids[:, 1:]]
        masks = [attention_mask[:, :-1] * attention_mask[:, 1:]]
        if c.bag_ngrams >= 3:
            keys.append(input_ids[:, :-2] * TRIGRAM + input_ids[:, 1:-1] * BIGRAM + input_ids[:, 2:]
                        + TRIGRAM_OFFSET)
            masks.append(attention_mask[:, :-2] * attention_mask[:, 1:-1] * attention_mask[:, 2:])
        key = torch.cat(keys, dim=1)
        m = torch.cat(masks, dim=1).unsqueeze(-1).to(torch.float32)
        count = m.sum(1).clamp(min=1.0)
        norm = count.sqrt() if c.bag_pool == "sqrt" else count
        tables = [(self.bigram, c.bigram_buckets)] + ([(self.bag2, c.bag2_buckets)] if c.bag2_buckets else [])
        return [(table(key % buckets) * m).sum(1) / norm for table, buckets in tables]


class MlmHead(nn.Module):
    """Transform + decoder tied to the word embeddings (only used for pre-training)."""

    def __init__(self, c: BertConfig, word_embeddings: nn.Embedding):
        super().__init__()
        width = c.embedding_size or c.hidden_size  # decodes against the (factorised) word table
        self.dense = nn.Linear(c.hidden_size, width)
        self.norm = nn.LayerNorm(width, eps=c.layer_norm_eps)
        self.act = nn.GELU()
        self.word_embeddings = word_embeddings
        self.bias = nn.Parameter(torch.zeros(c.vocab_size))
        self.apply(init_weights)

    def forward(self, hidden):
        return self.norm(self.act(self.dense(hidden))) @ self.word_embeddings.weight.T + self.bias


def init_weights(module: nn.Module) -> None:
    # BERT's initialisation: N(0, 0.02) weights, zero biases, unit LayerNorm.
    if isinstance(module, (nn.Linear, nn.Embedding)):
        nn.init.normal_(module.weight, std=0.02)
        if isinstance(module, nn.Linear) and module.bias is not None:
            nn.init.zeros_(module.bias)
        if isinstance(module, nn.Embedding) and module.padding_idx is not None:
            with torch.no_grad():
                module.weight[module.padding_idx].zero_()
    elif isinstance(module, nn.LayerNorm):
        nn.init.ones_(module.weight)
        nn.init.zeros_(module.bias)
