"""An ingest killed with SIGKILL at random points and run again ends with exactly the store of an
uninterrupted run: no article, event, story or happening lost or doubled."""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys

import pytest

PLACES = ["Kirkuk", "Mosul", "Aleppo", "Kaduna", "Goma", "Mogadishu", "Kabul", "Sanaa", "Mopti", "Nairobi"]
ACTS = ["Gunmen killed {n} villagers near {p} on Monday, police said.",
        "Protesters marched in {p} on Tuesday to demand jobs; police fired tear gas.",
        "A roadside bomb exploded near {p} on Wednesday, killing {n} soldiers, officials said.",
        "Police arrested {n} people in {p} on Thursday after clashes at a market."]


def corpus(path, n=40):
    rng = random.Random(3)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            text = " ".join(rng.choice(ACTS).format(n=rng.randint(2, 30), p=rng.choice(PLACES)) for _ in range(2))
            f.write(json.dumps({"id": f"r{i:03d}", "text": text, "published": "2024-05-20",
                                "outlet": f"Outlet {i % 5}"}) + "\n")


def ingest(corpus_path, db, *, kill_after=None):
    """Run an ingest; with kill_after, SIGKILL it once it has reported that many batches."""
    proc = subprocess.Popen([sys.executable, "-m", "dateline.cli", "ingest", str(corpus_path), "--db", str(db),
                             "--workers", "1", "--batch-size", "2"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    if kill_after is not None:
        seen = 0
        while seen < kill_after:
            char = proc.stderr.read(1)
            if not char:
                break
            seen += char == b"\r"
        proc.send_signal(signal.SIGKILL)
    proc.stderr.read()
    proc.stderr.close()
    return proc.wait()


def dump(db):
    with sqlite3.connect(db) as conn:
        # when migrations were applied and the record of each run (times, process ids) differ between runs
        return [line for line in conn.iterdump() if '"migrations"' not in line and 'INSERT INTO "runs"' not in line]


@pytest.mark.slow
def test_resume_after_kill_equals_uninterrupted_run(tmp_path):
    source = tmp_path / "corpus.jsonl"
    corpus(source)
    baseline = tmp_path / "baseline.db"
    assert ingest(source, baseline) == 0
    expected = dump(baseline)
    assert sum(line.startswith('INSERT INTO "articles"') for line in expected) == 40
    rng = random.Random(11)
    for trial in range(20):
        db = tmp_path / f"trial{trial}.db"
        code = ingest(source, db, kill_after=rng.randint(0, 19))
        assert code == -signal.SIGKILL or code == 0
        assert ingest(source, db) == 0  # the run again finishes the work
        assert dump(db) == expected, f"trial {trial} differs from the uninterrupted run"
        os.remove(db)
