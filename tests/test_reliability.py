"""Nothing lost under fire: a corpus with bad files of every kind (one clear error each, every good file
processed), a reader that raises, a file deleted mid-run, and a full disk (the batch being written rolled
back, the run resumed after space is freed, ending equal to an uninterrupted run)."""
from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
from contextlib import closing

import pytest

from dateline import readers
from dateline.errors import StoreError
from dateline.ingest import ingest, ingest_items
from dateline.readers import read_inputs
from dateline.settings import Settings
from dateline.store import open_store

PLACES = ["Kirkuk", "Mosul", "Aleppo", "Kaduna", "Goma", "Mogadishu", "Kabul", "Sanaa", "Mopti", "Nairobi", "Juba",
          "Gao", "Bunia", "Maiduguri", "Kandahar", "Homs", "Idlib", "Tripoli", "Benghazi", "Beni"]
ACTS = ["Gunmen killed {n} villagers near {p} on Monday, police said.",
        "Protesters marched in {p} on Tuesday to demand jobs; police fired tear gas.",
        "A roadside bomb exploded near {p} on Wednesday, killing {n} soldiers, officials said.",
        "Police arrested {n} people in {p} on Thursday after clashes at a market.",
        "Rebels shelled the outskirts of {p} on Friday, wounding {n} civilians, a hospital director said.",
        "Traders in {p} closed their shops on Saturday in protest at new taxes."]
SETTINGS = Settings(workers=1, batch_size=4)


def text(rng: random.Random) -> str:
    return "\n\n".join(rng.choice(ACTS).format(n=rng.randint(2, 30), p=rng.choice(PLACES)) for _ in range(3))


def bad_corpus(folder):
    """95 good articles (pages, HTML, JSON lines) and one bad file of each kind. Returns the expected codes."""
    rng = random.Random(11)
    for i in range(80):
        (folder / f"page_{i:03d}.txt").write_text(f"Wire report {i}\n\n{text(rng)}\n", encoding="utf-8")
    for i in range(10):
        body = "".join(f"<p>{p}</p>" for p in text(rng).split("\n\n"))
        (folder / f"page_{i:03d}.html").write_text(
            f"<!doctype html><html><head><title>Report {i}</title></head><body><article>{body}</article></body></html>")
    with (folder / "records.jsonl").open("w", encoding="utf-8") as f:
        for i in range(5):
            f.write(json.dumps({"id": f"rec-{i}", "text": text(rng), "published": "2024-05-20"}) + "\n")
    (folder / "bad_empty.txt").write_bytes(b"")
    (folder / "bad_binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "bad_utf16.txt").write_bytes("Police arrested four men in Juba on Monday.".encode("utf-16"))
    (folder / "bad_truncated.html").write_text("<!doctype html><html><body><article><p>Gunmen attacked a bus near")
    (folder / "bad_broken.warc").write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999\r\n\r\n"
                                             b"HTTP/1.1 200 OK\r\n\r\n<html>cut")
    with (folder / "bad_huge.txt").open("wb") as f:  # 50 MB of words
        f.write(b"Police said the situation was calm. " * (50 * 2**20 // 36))
    (folder / "bad_raises.txt").write_text("Soldiers patrolled the market in Gao on Sunday.")
    (folder / "zz_deleted.txt").write_text("Flooding cut the road to Beni on Monday.")
    return {"bad_empty.txt": "E101", "bad_binary.txt": "E102", "bad_utf16.txt": "E102",
            "bad_truncated.html": "E103", "bad_broken.warc#1": "E108", "bad_huge.txt": "E111",
            "bad_raises.txt": "E100", "zz_deleted.txt": "E106"}


def test_bad_input_corpus_one_clear_error_per_bad_file(tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    folder.mkdir()
    expected = bad_corpus(folder)
    original = readers.read_text_page

    def buggy_reader(text, *, origin, **options):  # a reader with a bug, for one file
        if origin.endswith("bad_raises.txt"):
            raise RuntimeError("a reader bug")
        return original(text, origin=origin, **options)

    monkeypatch.setattr(readers, "read_text_page", buggy_reader)

    def deleting(items):  # the last file goes away after the folder was listed, before it is read
        for number, item in enumerate(items):
            if number == 0:
                (folder / "zz_deleted.txt").unlink()
            yield item

    with open_store(tmp_path / "bad.db") as store:
        counts = ingest_items(store, deleting(read_inputs([str(folder)])), label=[str(folder)], settings=SETTINGS)
        failures = {row["origin"].rsplit("/", 1)[-1]: (row["code"], row["reason"])
                    for row in store.conn.execute("SELECT * FROM failures")}
        assert {name: code for name, (code, _) in failures.items()} == expected
        assert all(reason for _, reason in failures.values())
        assert "50.0 MB" in failures["bad_huge.txt"][1] and "a reader bug" in failures["bad_raises.txt"][1]
        assert counts["articles"] == 95 and store.counts()["articles"] == 95
        assert counts["failures"] == len(expected)


def _corpus(path, n=40):
    rng = random.Random(5)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"d{i:03d}", "text": text(rng), "published": "2024-05-20",
                                "outlet": f"Outlet {i % 4}"}) + "\n")


def _content(db):
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return (sorted(r[0] for r in conn.execute("SELECT doc_id FROM articles")),
                sorted(r[0] for r in conn.execute("SELECT id FROM events")),
                sorted(conn.execute("SELECT id, n_mentions, n_articles FROM happenings").fetchall()),
                sorted(conn.execute("SELECT doc_id, story_id, duplicate_of FROM articles").fetchall()))


def _whole_articles(db):
    """Every stored article has all its events: no batch was half written."""
    with closing(sqlite3.connect(db)) as conn:
        for doc_id, extraction in conn.execute("SELECT doc_id, extraction FROM articles"):
            stored = conn.execute("SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id"
                                  " WHERE a.doc_id = ?", (doc_id,)).fetchone()[0]
            assert stored == len(json.loads(extraction)["events"])


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reference")
    source = folder / "corpus.jsonl"
    _corpus(source)
    with open_store(folder / "ref.db") as store:
        ingest(store, [str(source)], settings=SETTINGS)
    return source, _content(folder / "ref.db")


def test_database_size_limit_reached_then_resumed(tmp_path, reference):
    source, expected = reference
    db = tmp_path / "limited.db"
    with open_store(db) as store:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 60}")  # a database that cannot grow much
        with pytest.raises(StoreError) as info:
            ingest(store, [str(source)], settings=SETTINGS)
    assert info.value.code == "E404" and "full" in str(info.value)
    part = _content(db)[0]
    assert 0 < len(part) < 40
    _whole_articles(db)
    with open_store(db) as store:  # no limit now: the same command finishes the work
        ingest(store, [str(source)], settings=SETTINGS)
    assert _content(db) == expected


@pytest.fixture
def small_disk(tmp_path):
    """An 8 MB filesystem (tmpfs), where this machine lets us mount one."""
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("mounting a small filesystem needs root; the size-limit test covers the same path")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_disk_full_on_a_small_filesystem_then_resumed(small_disk, reference):
    source, expected = reference
    db = small_disk / "full.db"
    open_store(db).close()
    filler = small_disk / "filler"
    free = os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize
    filler.write_bytes(b"\0" * (free - 400 * 1024))  # leave 400 KB: less than the corpus needs
    with open_store(db) as store, pytest.raises(StoreError) as info:
        ingest(store, [str(source)], settings=SETTINGS)
    assert info.value.code == "E404"
    assert 0 < len(_content(db)[0]) < 40
    _whole_articles(db)
    filler.unlink()  # space freed: run the same command again
    with open_store(db) as store:
        ingest(store, [str(source)], settings=SETTINGS)
    assert _content(db) == expected
