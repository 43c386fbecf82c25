"""Story and duplicate assignment stays incremental: time per article across generated articles.

Run with `make bench` (10,000 articles) or `python bench/stories.py --articles 100000`. Each article is written
as the store's writer does it: its row, its story and duplicate (`StoryIndex`), and its story's row (`StoryRows`).
The articles are generated from templates (seeded, so every run is the same corpus):
happenings in many places, each told several times in other words, a fifth of them syndicated copies.
Prints the mean milliseconds per article for each block of 1,000: flat means incremental.
"""
from __future__ import annotations

import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from dateline.consolidate.stories import StoryIndex  # noqa: E402
from dateline.consolidate.story_rows import StoryRows, wire_credit  # noqa: E402
from dateline.store.migrations import migrate  # noqa: E402

PLACES = ["Kirkuk", "Mosul", "Tikrit", "Ramadi", "Fallujah", "Baqubah", "Samarra", "Hawija", "Sinjar", "Basra",
          "Aleppo", "Idlib", "Homs", "Deir ez-Zor", "Raqqa", "Maiduguri", "Kaduna", "Zamfara", "Goma", "Bunia",
          "Mogadishu", "Kismayo", "Gao", "Mopti", "Timbuktu", "Kandahar", "Kunduz", "Quetta", "Peshawar", "Sanaa"]
ACTORS = ["gunmen", "militants", "soldiers", "police", "rebels", "unidentified attackers", "a suicide bomber",
          "security forces", "an armed group", "protesters"]
ACTS = ["attacked a checkpoint", "ambushed a convoy", "stormed a village", "shelled a market", "clashed near a bridge",
        "set fire to houses", "kidnapped travellers", "raided a camp", "fired rockets at a base", "blocked a road"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FILLER = ["Residents said the shooting lasted hours.", "Officials promised an investigation.",
          "The road was closed until the evening.", "Hospitals appealed for blood donations.",
          "Schools in the district were shut.", "Local leaders called for calm.",
          "It was the third such incident this month.", "Aid groups said families had fled."]


def article(rng: random.Random, happening: tuple) -> str:
    place, actor, act, day, dead = happening
    opening = rng.choice([f"{actor.capitalize()} {act} in {place} on {day}, killing {dead} people, police said.",
                          f"At least {dead} people were killed when {actor} {act} in {place} on {day}.",
                          f"In {place}, {actor} {act} on {day}; {dead} people died, according to officials."])
    return " ".join([opening] + rng.sample(FILLER, 3))


def main(total: int = 10_000, block: int = 1_000) -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        conn = sqlite3.connect(Path(tmp) / "stories.db")
        migrate(conn)
        index, rows = StoryIndex(conn), StoryRows(conn)
        happenings: list[tuple] = []
        texts: list[str] = []
        print(f"{'articles':>9}  {'ms/article':>10}")
        start = time.perf_counter()
        for n in range(total):
            if texts and rng.random() < 0.2:
                text = "WIRE - " + rng.choice(texts[-500:]) + " Share this story."  # a syndicated copy
            else:
                if not happenings or rng.random() < 0.4:
                    happenings.append((rng.choice(PLACES), rng.choice(ACTORS), rng.choice(ACTS), rng.choice(DAYS),
                                       rng.randint(2, 40)))
                text = article(rng, rng.choice(happenings[-50:]))
            texts.append(text)
            day = f"2024-{1 + n * 12 // total:02d}-{1 + n % 28:02d}"
            article_id = conn.execute("INSERT INTO articles (doc_id, content_hash, text, outlet, published, wire,"
                                      " extraction) VALUES (?, ?, ?, ?, ?, ?, '{}')",
                                      (f"doc{n}", str(n), text, f"outlet{rng.randrange(300)}", day,
                                       wire_credit(text))).lastrowid
            story, duplicate_of = index.add(f"doc{n}", text)
            conn.execute("UPDATE articles SET story_id = ?, duplicate_of = ? WHERE id = ?",
                         (story, duplicate_of, article_id))
            rows.add(article_id)
            if (n + 1) % 200 == 0:
                conn.commit()
            if (n + 1) % block == 0:
                elapsed = time.perf_counter() - start
                print(f"{n + 1:>9}  {1000 * elapsed / block:>10.2f}", flush=True)
                start = time.perf_counter()
        conn.commit()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles to add (default 10,000)")
    main(parser.parse_args().articles)
