"""Throughput of `dateline extract` on the sample corpus, repeated to a few hundred documents.

Run with `make bench`. Prints documents per second for 1 and 2 worker processes, locally and on a Dask
LocalCluster, start-up included.
Figures and the machine they came from go in bench/README.md.
"""
from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIES = 20


def corpus(path: Path) -> int:
    """The sample corpus as JSONL, each article repeated COPIES times under new ids."""
    sys.path.insert(0, str(ROOT / "src"))
    from dateline.article import Article
    from dateline.readers import read_inputs

    articles = [a for a in read_inputs([str(ROOT / "samples" / "corpus")]) if isinstance(a, Article)]
    with path.open("w", encoding="utf-8") as f:
        for n in range(COPIES):
            for a in articles:
                f.write(json.dumps({"id": f"{a.doc_id}-{n}", "text": a.text, "published": a.published}) + "\n")
    return len(articles) * COPIES


def generated(path: Path, n: int) -> int:
    """n generated articles of about 340 words (bench/memory.py's templates): long enough that start-up
    and hand-over cost little beside the work, as in a real corpus."""
    sys.path.insert(0, str(ROOT / "bench"))
    import random

    from memory import article

    rng = random.Random(9)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"g{i}", "text": article(rng, 22), "published": "2024-05-20"}) + "\n")
    return n


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--generated", type=int, metavar="N",
                        help="N generated articles of about 340 words instead of the sample corpus repeated")
    args = parser.parse_args()
    dateline = ROOT / ".venv" / "bin" / "dateline"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.jsonl"
        n = generated(path, args.generated) if args.generated else corpus(path)
        words = sum(len(json.loads(line)["text"].split()) for line in path.open())
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        print(f"corpus: {n} documents, {words / n:.0f} words each on average")
        runs = [("local", 1, []), ("local", 2, []), ("dask", 1, ["--dask", "local"]), ("dask", 2, ["--dask", "local"])]
        for runner, workers, extra in runs:
            start = time.perf_counter()
            subprocess.run([str(dateline), "extract", "--workers", str(workers), *extra, str(path)], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            elapsed = time.perf_counter() - start
            print(f"{runner} workers={workers}: {elapsed:.1f} s, {n / elapsed:.1f} docs/s (start-up included)")


if __name__ == "__main__":
    main()
