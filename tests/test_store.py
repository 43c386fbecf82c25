"""The SQLite store: migrations recorded once, batches written whole, filters, full-text search."""
from __future__ import annotations

import sqlite3

import pytest

from dateline.article import Article, ReadFailure
from dateline.errors import StoreError
from dateline.store import open_store
from dateline.store.migrations import MIGRATIONS


@pytest.fixture
def stored(pipeline, db_path):
    articles = [
        Article(doc_id="k1", text="A roadside bomb killed two soldiers near Kirkuk on Friday, police said.",
                published="2024-05-18", origin="k1.txt"),
        Article(doc_id="n1", text="Police arrested 12 protesters in Nairobi on Tuesday.", published="2024-05-15",
                origin="n1.txt"),
    ]
    with open_store(db_path) as store:
        store.write(list(pipeline.pipe(articles)) + [ReadFailure("bad.txt", "bad.txt", "empty file", "E101")])
    return db_path


def test_store_records_migrations_once(db_path):
    open_store(db_path).close()
    open_store(db_path).close()
    with sqlite3.connect(db_path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM migrations")]
        assert names == [name for name, _ in MIGRATIONS]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_filters(stored):
    with open_store(stored, readonly=True) as store:
        assert store.counts()["failures"] == 1
        assert {e["place_name"] for e in store.events(country="IQ")} == {"Kirkuk"}
        assert all(e["type"] == "COERCE" for e in store.events(type="coerce"))
        assert store.events(since="2024-05-16", until="2024-05-31")[0]["place_name"] == "Kirkuk"
        assert store.events(text="Nairobi")[0]["place_name"] == "Nairobi"
        assert store.events(text='Nairobi" OR "x') == []  # user words are quoted, never FTS syntax
        assert store.events(actor="Military Forces of Iraq")


def test_store_same_article_twice_is_stored_once(stored, pipeline):
    again = list(pipeline.pipe([Article(doc_id="k1", text="changed", published="2024-05-18")]))
    with open_store(stored) as store:
        counts = store.write(again)
        assert counts["skipped"] == 1 and store.counts()["articles"] == 2


def test_store_refuses_a_non_database(tmp_path):
    path = tmp_path / "not.db"
    path.write_text("hello, this is not sqlite" * 100)
    with pytest.raises(StoreError) as info:
        open_store(path)
    assert info.value.code == "E401"


def test_store_old_database_is_migrated_before_reading(tmp_path):
    from dateline.store.migrations import MIGRATIONS

    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:  # a database as the first release left it
        conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        conn.executescript(MIGRATIONS[0][1])
        conn.execute("INSERT INTO migrations VALUES (?, datetime('now'))", (MIGRATIONS[0][0],))
    with open_store(path, readonly=True) as store:
        assert store.events() == [] and store.happenings() == []
