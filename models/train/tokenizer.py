"""BERT WordPiece tokenizer that reproduces transformers.js ids exactly.

Every rule here mirrors @huggingface/tokenizers 0.2 (used by @huggingface/transformers 4.3.2),
not the Python/Rust `tokenizers` crate, because the browser is where the model runs:
- special tokens are split out of the RAW text first (longest match, normalized=false);
- BertNormalizer: drop NUL, U+FFFD and Cc/Cf/Co/Cs (except \\t \\n \\r), map JS `\\s` to ' ',
  pad CJK with spaces, lowercase, NFD, drop Mn;
- CJK padding walks UTF-16 code units, so astral-plane ideographs (U+20000+) are NOT split;
- BertPreTokenizer: runs of non-space non-punctuation, or one punctuation char, where
  punctuation is \\p{P} plus all ASCII symbols (so emoji, currency etc. stay inside words);
- WordPiece: greedy longest match over code points, '##' continuation, words longer than
  max_input_chars_per_word become one [UNK];
- truncation keeps the first max_length ids (transformers.js drops the final [SEP] too).
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
PAD, UNK, CLS, SEP, MASK = range(5)
MAX_CHARS_PER_WORD = 100

# JavaScript's \s: WhiteSpace + LineTerminator (Zs, \t \v \f \n \r, U+FEFF, U+2028/9).
JS_SPACE = frozenset(
    "\t\n\x0b\x0c\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
)
_CONTROL_CATEGORIES = frozenset(("Cc", "Cf", "Co", "Cs"))


def is_cjk_bmp(cp: int) -> bool:
    # The astral ranges in transformers.js' is_chinese_char can never match a UTF-16 unit.
    return 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF


def is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 0x21 <= cp <= 0x2F or 0x3A <= cp <= 0x40 or 0x5B <= cp <= 0x60 or 0x7B <= cp <= 0x7E:
        return True
    return unicodedata.category(ch).startswith("P")


def normalize(text: str) -> str:
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD:
            continue
        if ch not in "\t\n\r" and unicodedata.category(ch) in _CONTROL_CATEGORIES:
            continue
        if ch in JS_SPACE:
            out.append(" ")
        elif is_cjk_bmp(cp):
            out.append(" " + ch + " ")
        else:
            out.append(ch)
    text = "".join(out).lower()
    text = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


def pre_tokenize(text: str) -> list[str]:
    words: list[str] = []
    cur: list[str] = []
    for ch in text:
        if ch in JS_SPACE or is_punct(ch):
            if cur:
                words.append("".join(cur))
                cur = []
            if ch not in JS_SPACE:
                words.append(ch)
        else:
            cur.append(ch)
    if cur:
        words.append("".join(cur))
    return words


def split_specials(text: str, specials=SPECIALS) -> list[str]:
    """Longest-match split on literal special tokens, as transformers.js' DictionarySplitter."""
    parts: list[str] = []
    start = i = 0
    n = len(text)
    while i < n:
        match = None
        for tok in specials:
            if text.startswith(tok, i) and (match is None or len(tok) > len(match)):
                match = tok
        if match:
            if i > start:
                parts.append(text[start:i])
            parts.append(match)
            i += len(match)
            start = i
        else:
            i += 1
    if start < n:
        parts.append(text[start:])
    return parts


def words_of(text: str) -> list[str]:
    """Normalized pre-tokenized words (no special-token handling): used to learn the vocab."""
    return pre_tokenize(normalize(text))


# How text longer than the model's input is cut, mirrored from src/core/text/fit-length.ts (the
# parity test checks both give the same ids): characters first, counted in UTF-16 code units as
# JavaScript does, then tokens; each time the first half and the end are kept.
CHARS_PER_TOKEN_BOUND = 8


def fit_length(ids: list[int], n: int) -> list[int]:
    if len(ids) <= n:
        return list(ids)
    head = n // 2
    return ids[:head] + ids[len(ids) - (n - head):]


def clip_text(text: str, max_chars: int) -> str:
    units = text.encode("utf-16-le", "surrogatepass")
    count = len(units) // 2
    if count <= max_chars:
        return text
    unit = lambda i: int.from_bytes(units[2 * i:2 * i + 2], "little")
    head, tail = max_chars // 2, count - (max_chars - max_chars // 2)
    if 0xDC00 <= unit(head) <= 0xDFFF:
        head -= 1
    if 0xDC00 <= unit(tail) <= 0xDFFF:
        tail += 1
    decode = lambda b: b.decode("utf-16-le", "surrogatepass")
    return decode(units[:2 * head]) + " " + decode(units[2 * tail:])


class WordPieceTokenizer:
    def __init__(self, vocab: list[str], max_length: int = 64):
        assert vocab[: len(SPECIALS)] == SPECIALS, "specials must come first"
        self.vocab = vocab
        self.ids = {tok: i for i, tok in enumerate(vocab)}
        self.max_length = max_length
        self._cache: dict[str, list[int]] = {}

    def word_ids(self, word: str) -> list[int]:
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        out: list[int] = []
        if len(word) > MAX_CHARS_PER_WORD:
            out = [UNK]
        else:
            start = 0
            while start < len(word):
                end = len(word)
                found = None
                while start < end:
                    piece = word[start:end] if start == 0 else "##" + word[start:end]
                    found = self.ids.get(piece)
                    if found is not None:
                        break
                    end -= 1
                if found is None:
                    out = [UNK]
                    break
                out.append(found)
                start = end
        if len(self._cache) < 500_000:
            self._cache[word] = out
        return out

    def encode(self, text: str, truncate: bool = True) -> list[int]:
        ids = [CLS]
        for part in split_specials(text):
            if part in SPECIALS:
                ids.append(self.ids[part])
                continue
            for word in pre_tokenize(normalize(part)):
                ids.extend(self.word_ids(word))
        ids.append(SEP)
        return ids[: self.max_length] if truncate else ids

    def encode_fitted(self, text: str) -> list[int]:
        """The ids the shipped model is given for `text` in the browser: both ends of a long text."""
        return fit_length(self.encode(clip_text(text, self.max_length * CHARS_PER_TOKEN_BOUND), truncate=False),
                          self.max_length)

    # --- files in the Hugging Face / transformers.js layout -------------------------------
    def save(self, folder: str | Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "tokenizer.json").write_text(json.dumps(self.tokenizer_json(), ensure_ascii=False), "utf-8")
        (folder / "tokenizer_config.json").write_text(json.dumps(self.tokenizer_config(), indent=2) + "\n", "utf-8")

    def tokenizer_json(self) -> dict:
        special = lambda tok: {"SpecialToken": {"id": tok, "type_id": 0}}
        seq = lambda name, type_id: {"Sequence": {"id": name, "type_id": type_id}}
        return {
            "version": "1.0",
            "truncation": None,
            "padding": None,
            "added_tokens": [
                {"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                 "normalized": False, "special": True}
                for i, t in enumerate(SPECIALS)
            ],
            "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                           "strip_accents": True, "lowercase": True},
            "pre_tokenizer": {"type": "BertPreTokenizer"},
            "post_processor": {
                "type": "TemplateProcessing",
                "single": [special("[CLS]"), seq("A", 0), special("[SEP]")],
                "pair": [special("[CLS]"), seq("A", 0), special("[SEP]"), seq("B", 1),
                         {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
                "special_tokens": {t: {"id": t, "ids": [self.ids[t]], "tokens": [t]} for t in ("[CLS]", "[SEP]")},
            },
            "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
            "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                      "max_input_chars_per_word": MAX_CHARS_PER_WORD,
                      "vocab": {t: i for i, t in enumerate(self.vocab)}},
        }

    def tokenizer_config(self) -> dict:
        # model_max_length matters: without it long inputs overflow the position table.
        return {
            "tokenizer_class": "BertTokenizer",
            "model_max_length": self.max_length,
            "do_lower_case": True,
            "strip_accents": None,
            "tokenize_chinese_chars": True,
            "clean_up_tokenization_spaces": True,
            "unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]",
            "cls_token": "[CLS]", "mask_token": "[MASK]",
        }

    @classmethod
    def load(cls, folder: str | Path) -> "WordPieceTokenizer":
        folder = Path(folder)
        data = json.loads((folder / "tokenizer.json").read_text("utf-8"))
        cfg = json.loads((folder / "tokenizer_config.json").read_text("utf-8"))
        vocab_map = data["model"]["vocab"]
        vocab = [""] * len(vocab_map)
        for tok, i in vocab_map.items():
            vocab[i] = tok
        return cls(vocab, max_length=int(cfg["model_max_length"]))
