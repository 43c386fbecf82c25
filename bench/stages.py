"""How the time of an ingest divides among its parts: reading, each pipeline stage, and the store's write
(which includes stories, duplicates and happenings). One process, generated articles of about 340 words.

Run with `python bench/stages.py [--articles 400]` (`make bench` runs it).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from memory import article  # noqa: E402

from dateline.pipeline import Pipeline  # noqa: E402
from dateline.readers import read_inputs  # noqa: E402
from dateline.settings import Settings  # noqa: E402
from dateline.store import Store  # noqa: E402

spent: dict[str, float] = defaultdict(float)


class Timed:
    """A stage that adds the seconds it takes to `spent`."""

    def __init__(self, name, stage):
        self.name, self.stage = name, stage
        if hasattr(stage, "pipe"):
            self.pipe = self._pipe

    def __call__(self, document):
        start = time.perf_counter()
        try:
            return self.stage(document)
        finally:
            spent[self.name] += time.perf_counter() - start

    def _pipe(self, documents, batch_size):
        start = time.perf_counter()
        try:
            return self.stage.pipe(documents, batch_size)
        finally:
            spent[self.name] += time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=400)
    args = parser.parse_args()
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as f:
            for i in range(args.articles):
                f.write(json.dumps({"id": f"s{i}", "text": article(rng, 22), "published": "2024-05-20"}) + "\n")
        start = time.perf_counter()
        pipeline = Pipeline.build(settings=Settings(workers=1))
        _ = pipeline.stages[0].nlp, pipeline.stages[3].gazetteer  # load the model and gazetteer before timing
        load = time.perf_counter() - start
        pipeline.stages = [Timed(name, stage) for name, stage in zip(pipeline.names, pipeline.stages, strict=True)]
        start = time.perf_counter()
        items = list(read_inputs([str(corpus)]))
        spent["read"] = time.perf_counter() - start
        with Store(Path(folder) / "stages.db") as store:
            for i in range(0, len(items), 32):
                results = list(pipeline.pipe(items[i:i + 32]))
                start = time.perf_counter()
                store.write(results)
                spent["store write"] += time.perf_counter() - start
        total = sum(spent.values())
        print(f"{args.articles} articles; model and gazetteer load {load:.1f} s (not counted below)")
        print("| part | seconds | share | ms per article |")
        print("| --- | --- | --- | --- |")
        for name in ["read", *pipeline.names, "store write"]:
            print(f"| {name} | {spent[name]:.2f} | {100 * spent[name] / total:.0f}% | "
                  f"{1000 * spent[name] / args.articles:.1f} |")
        print(f"| total | {total:.2f} | 100% | {1000 * total / args.articles:.1f} |")


if __name__ == "__main__":
    main()
