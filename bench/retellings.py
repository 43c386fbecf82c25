"""Stories on our own retellings (tests/fixtures/retellings.jsonl): the figures docs/quality.md gives.

`python bench/retellings.py` adds the 80 articles in file order to one in-memory store, as `dateline stories`
does, and counts: events whose six articles (wire story, two copies, three own-words retellings) share one
story ("whole"); same-topic articles of another event put in one of that event's stories ("leaks"); copies
found as copies; non-event stories told twice joined; and the own-words retellings in their wire story's story.
`--threshold` tries another cosine threshold; `--verbose` prints each event's stories; `--orders N` gives the
mean of each figure over N seeded random orders of the articles as well (in file order, each topic's other
event comes after the event it resembles).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from dateline.consolidate.stories import SAME_STORY, StoryIndex  # noqa: E402
from dateline.store import open_store  # noqa: E402

SYNDICATED = ("wire", "wire_copy")
RETELLINGS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "retellings.jsonl"


def measure(threshold: float = SAME_STORY, verbose: bool = False, seed: int | None = None) -> dict[str, int]:
    docs = [json.loads(line) for line in RETELLINGS.read_text(encoding="utf-8").splitlines() if line.strip()]
    if seed is not None:
        random.Random(seed).shuffle(docs)
    with open_store(":memory:") as scratch:
        index = StoryIndex(scratch.conn, threshold=threshold)
        got = {d["id"]: index.add(d["id"], d["text"], title=d["title"]) for d in docs}
    groups: dict[str, list[str]] = {}
    for d in docs:
        groups.setdefault(d["group"], []).append(d["id"])
    events = {g[:3]: ids for g, ids in groups.items() if g[0] == "g"}  # "g01" ... "g10"
    wire = {d["group"]: d["id"] for d in docs if d["role"] == "wire"}
    family = {g: {d["id"] for d in docs if d["group"] == g and d["role"] in SYNDICATED} for g in wire}
    stories = {g: {got[i][0] for i in ids} for g, ids in events.items()}
    leaked = [g for g, ids in groups.items() if g.startswith("other-")
              and got[ids[0]][0] in stories[f"g{int(g.split('-')[1]):02d}"]]
    if verbose:
        for g, ids in events.items():
            print(g, " ".join(f"{i.split('-', 1)[1]}={got[i][0]}" for i in ids))
        print("leaks:", ", ".join(leaked) or "none")
    return {
        "events whole": sum(len(s) == 1 for s in stories.values()),
        "leaks": len(leaked),
        # a copy may come before its wire story in a random order: a link is right between the two either way
        "copies found": sum((got[d["id"]][1] or d["id"]) == (got[wire[d["group"]]][1] or wire[d["group"]])
                            for d in docs if d["role"] == "wire_copy"),
        "false copies": sum(bool(got[d["id"]][1])
                            and not (d["role"] in SYNDICATED and got[d["id"]][1] in family[d["group"]]) for d in docs),
        "non-event pairs joined": sum(len({got[i][0] for i in ids}) == 1
                                      for g, ids in groups.items() if g.startswith("nonevent-")),
        "own-words retellings joined": sum(got[d["id"]][0] == got[wire[d["group"]]][0]
                                           for d in docs if d["role"] == "own" and d["group"][0] == "g"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=SAME_STORY, help=f"cosine threshold (default {SAME_STORY})")
    parser.add_argument("--verbose", action="store_true", help="print each event's stories and the leaks")
    parser.add_argument("--orders", type=int, default=0, help="also the means over this many random orders")
    args = parser.parse_args()
    shuffled = [measure(args.threshold, seed=seed) for seed in range(args.orders)]
    for name, value in measure(args.threshold, args.verbose).items():
        mean = f" (mean over {args.orders} random orders: {sum(m[name] for m in shuffled) / args.orders:.1f})"
        print(f"{name}: {value}{mean if shuffled else ''}")


if __name__ == "__main__":
    main()
