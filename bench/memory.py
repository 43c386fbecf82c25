"""Peak memory of an ingest, and whether it grows with the input.

Run with `python bench/memory.py --articles 100000` (`make bench` runs a short version). Writes a JSONL corpus
of generated articles (about 340 words; `--sentences 6` makes them about 110) (seeded templates: many places,
actors and numbers, so no two articles are alike), runs `dateline ingest` on it with 2 workers, and samples
the resident memory of the whole process tree (the main process and its workers) every second. Prints the peak
and the memory at each tenth of the run: flat means memory does not grow with the input.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLACES = ["Kirkuk", "Mosul", "Tikrit", "Ramadi", "Fallujah", "Baqubah", "Samarra", "Hawija", "Sinjar", "Basra",
          "Aleppo", "Idlib", "Homs", "Raqqa", "Maiduguri", "Kaduna", "Zamfara", "Goma", "Bunia", "Beni",
          "Mogadishu", "Kismayo", "Gao", "Mopti", "Timbuktu", "Kandahar", "Kunduz", "Quetta", "Peshawar", "Sanaa",
          "Juba", "Malakal", "Khartoum", "El Fasher", "Tripoli", "Benghazi", "Misrata", "Kidal", "Diffa", "Ouagadougou"]
ACTORS = ["gunmen", "militants", "soldiers", "police", "rebels", "unidentified attackers", "a suicide bomber",
          "security forces", "an armed group", "protesters", "students", "traders", "farmers", "herders"]
ACTS = ["attacked a checkpoint", "ambushed a convoy", "stormed a village", "shelled a market", "clashed near a bridge",
        "set fire to houses", "kidnapped travellers", "raided a camp", "fired rockets at a base", "blocked a road",
        "marched to the governor's office", "gathered outside parliament"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FILLER = ["Residents said the shooting lasted {n} hours and that many families had fled towards {p}.",
          "Officials in {p} promised an investigation and said {n} suspects were being questioned.",
          "The road between {p} and {q} was closed until the evening, according to drivers.",
          "Hospitals in {p} appealed for blood donations after receiving {n} wounded people.",
          "Schools in the district were shut for {n} days, the education office in {p} said.",
          "Local leaders in {p} called for calm and asked the authorities to protect the market.",
          "It was the {n}th such incident this year in the area around {p}, a monitoring group said.",
          "Aid groups said about {n} hundred families had left their homes near {q} since the weekend.",
          "The governor of the province visited {p} and met community elders on the same day.",
          "Prices of flour and fuel in {p} have risen sharply since the fighting began, traders said."]


def article(rng: random.Random, sentences: int) -> str:
    place, other = rng.sample(PLACES, 2)
    actor, act, day, dead = rng.choice(ACTORS), rng.choice(ACTS), rng.choice(DAYS), rng.randint(2, 60)
    lead = f"{actor.capitalize()} {act} in {place} on {day}, killing {dead} people, officials said."
    body = [rng.choice(FILLER).format(n=rng.randint(2, 90), p=rng.choice(PLACES), q=other) for _ in range(sentences)]
    paragraphs = [lead] + [" ".join(body[i:i + 3]) for i in range(0, len(body), 3)]
    return "\n\n".join(paragraphs)


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parent = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            with open(f"/proc/{current}/status") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            continue
    return total / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sentences", type=int, default=22, help="sentences after the lead (22: about 340 words)")
    args = parser.parse_args()
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as folder:
        corpus, db = Path(folder) / "corpus.jsonl", Path(folder) / "memory.db"
        words = 0
        with corpus.open("w", encoding="utf-8") as f:
            for i in range(args.articles):
                text = article(rng, args.sentences)
                words += len(text.split())
                f.write(json.dumps({"id": f"m{i:07d}", "text": text, "published": "2024-05-20"}) + "\n")
        print(f"{args.articles:,} articles, {words / args.articles:.0f} words each, "
              f"{corpus.stat().st_size / 2**20:.0f} MB of JSONL", flush=True)
        started = time.perf_counter()
        proc = subprocess.Popen([str(ROOT / ".venv" / "bin" / "dateline"), "ingest", str(corpus), "--db", str(db),
                                 "--workers", str(args.workers)], stderr=subprocess.DEVNULL)
        peak, marks, next_mark = 0.0, [], 0.1
        while proc.poll() is None:
            rss = tree_rss_mb(proc.pid)
            peak = max(peak, rss)
            done = _done(db)
            if done >= next_mark * args.articles:
                marks.append((done, rss, time.perf_counter() - started))
                next_mark += 0.1
            time.sleep(1)  # a sampling interval, not synchronisation
        seconds = time.perf_counter() - started
        print(f"exit {proc.returncode}; {seconds:.0f} s, {args.articles / seconds:.1f} articles/s; "
              f"peak resident memory of the process tree {peak:.0f} MB; database {db.stat().st_size / 2**20:.0f} MB")
        print("| articles done | resident MB | seconds |")
        print("| --- | --- | --- |")
        for done, rss, at in marks:
            print(f"| {done:,} | {rss:.0f} | {at:.0f} |")


def _done(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)) as conn:
            row = conn.execute("SELECT done FROM runs ORDER BY id DESC LIMIT 1").fetchone()
            return row[0] if row else 0
    except sqlite3.Error:
        return 0


if __name__ == "__main__":
    sys.exit(main())
