"""Read the prepared JSONL splits and turn them into label-index rows."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # models/
IGNORE = -100  # label index meaning "this row has no label for this head"


def load_taxonomy(path: Path = ROOT / "taxonomy.json") -> dict:
    return json.loads(path.read_text("utf-8"))


@dataclass
class Row:
    text: str
    lang: str
    source: str
    category: int  # IGNORE when missing
    sentiment: int  # IGNORE when missing


def read_rows(path: str | Path, taxonomy: dict) -> list[Row]:
    cats = {c: i for i, c in enumerate(taxonomy["category"])}
    sents = {s: i for i, s in enumerate(taxonomy["sentiment"])}
    rows = []
    with open(path, encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            if not line.strip():
                continue
            obj = json.loads(line)
            cat, sent = obj.get("category"), obj.get("sentiment")
            if cat is not None and cat not in cats:
                raise ValueError(f"{path}:{line_no}: unknown category {cat!r}")
            if sent is not None and sent not in sents:
                raise ValueError(f"{path}:{line_no}: unknown sentiment {sent!r}")
            rows.append(Row(obj["text"], obj.get("lang", "?"), obj.get("source", "?"),
                            IGNORE if cat is None else cats[cat], IGNORE if sent is None else sents[sent]))
    return rows
