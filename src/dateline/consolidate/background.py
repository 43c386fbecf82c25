"""How common each word is in news at large: the document frequencies stories.py starts from.

A store's own counts say little while it is small (in a store of six articles about one kidnapping, every
word of the kidnapping looks common), so each word's weight also counts the passages of our own training
corpus (training/corpus, written for this project) that hold it: "police" and "killed" weigh little from the
first article on, a town's name much. The words are counted by stories.terms, folded as the stories count
them, so a change to terms or fold needs the table rebuilt (`make train` does it):

    python -m dateline.consolidate.background training/corpus --out src/dateline/data/background_df.json
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from .stories import terms

MIN_DF = 2  # a word in one passage only says nothing about news at large


def build(corpus: Path) -> dict:
    """{"documents": passages read, "df": {word: passages holding it}} over every JSONL file of `corpus`."""
    df: Counter[str] = Counter()
    documents = 0
    for path in sorted(corpus.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                documents += 1
                df.update(set(terms(f"{row.get('context') or ''}\n{row['text']}")))
    return {"documents": documents, "df": dict(sorted((w, n) for w, n in df.items() if n >= MIN_DF))}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a folder of training JSONL files")
    parser.add_argument("--out", type=Path, required=True, help="the table to write")
    args = parser.parse_args(argv)
    table = build(args.corpus)
    args.out.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(table['df'])} words from {table['documents']} passages")


if __name__ == "__main__":
    main()
