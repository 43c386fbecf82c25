"""One store, several processes: two ingests writing at once, and a reader querying during an ingest."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dateline.store import open_store


def corpus(path, prefix, n):
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"{prefix}{i}", "published": "2024-05-20",
                                "text": f"Police arrested {i + 2} protesters in Nairobi on Monday, witnesses said. "
                                        f"Officers fired tear gas near the {prefix} market number {i}."}) + "\n")


def start_ingest(path, db):
    return subprocess.Popen([sys.executable, "-m", "dateline.cli", "ingest", str(path), "--db", str(db),
                             "--workers", "1", "--batch-size", "2"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)


@pytest.mark.slow
def test_concurrency_two_writers_and_a_reader(tmp_path):
    db = tmp_path / "shared.db"
    open_store(db).close()  # the schema exists before either writer starts
    corpus(tmp_path / "a.jsonl", "a", 16)
    corpus(tmp_path / "b.jsonl", "b", 16)
    first, second = start_ingest(tmp_path / "a.jsonl", db), start_ingest(tmp_path / "b.jsonl", db)
    # read while they write: wait for the first progress report, then query, again and again
    assert first.stderr.read(1)
    seen = []
    with open_store(db, readonly=True) as reader:
        while first.poll() is None or second.poll() is None:
            seen.append(reader.counts()["articles"])
            reader.events(text="Nairobi", limit=5)
            if len(seen) > 500:
                break
    for proc in (first, second):
        proc.stderr.read()
        proc.stderr.close()
        assert proc.wait() == 0
    assert seen == sorted(seen)  # a reader sees whole batches arrive, never one taken back
    with open_store(db, readonly=True) as store:
        counts = store.counts()
        ids = [r[0] for r in store.conn.execute("SELECT doc_id FROM articles")]
    assert counts["articles"] == 32 and len(set(ids)) == 32
    assert counts["failures"] == 0
