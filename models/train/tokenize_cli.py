"""Print the training tokenizer's ids for a JSON array of strings read from stdin.

Used by models/tokenizer-parity.test.ts to compare against transformers.js.
Usage: echo '["hello", "你好"]' | tokenize_cli.py --model models/reshelf-intent [--truncate | --fit]
"""
from __future__ import annotations

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tokenizer import WordPieceTokenizer  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--truncate", action="store_true", help="cut to model_max_length like transformers.js")
    ap.add_argument("--fit", action="store_true", help="cut long text to its first half and end, like reshelf")
    args = ap.parse_args()
    tok = WordPieceTokenizer.load(args.model)
    texts = json.loads(sys.stdin.buffer.read().decode("utf-8", "surrogatepass"))
    encode = tok.encode_fitted if args.fit else lambda t: tok.encode(t, truncate=args.truncate)
    json.dump([encode(t) for t in texts], sys.stdout)


if __name__ == "__main__":
    main()
