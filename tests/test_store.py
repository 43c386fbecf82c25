"""The SQLite store: migrations recorded once, batches written whole, filters, full-text search."""
from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing

import pytest

from dateline.article import Article, ReadFailure
from dateline.errors import StoreError
from dateline.store import open_store
from dateline.store.migrations import MIGRATIONS


@pytest.fixture
def stored(pipeline, db_path):
    articles = [
        Article(doc_id="k1", text="A roadside bomb killed two soldiers near Kirkuk on Friday, police said.",
                published=dt.date(2024, 5, 18), origin="k1.txt"),
        Article(doc_id="n1", text="Police arrested 12 protesters in Nairobi on Tuesday.",
                published=dt.date(2024, 5, 15), origin="n1.txt"),
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
    again = list(pipeline.pipe([Article(doc_id="k1", text="changed", published=dt.date(2024, 5, 18))]))
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


def test_store_name_tables_follow_the_events(stored):
    with open_store(stored, readonly=True) as store:
        events = store.events(limit=1000)
        named = [n for e in events for n in (e["actor_name"], e["recipient_name"]) if n]
        assert sum(a["events"] for a in store.actors(limit=1000)) == len(named)
        places = store.conn.execute("SELECT name, folded, events FROM place_names").fetchall()
        assert {tuple(p) for p in places} >= {("Kirkuk", "kirkuk", 1)}
        assert {e["place_name"] for e in store.events(place="KIRK")} == {"Kirkuk"}  # part of it, any case


def test_store_old_database_gets_its_name_tables_filled(stored):
    with sqlite3.connect(stored) as conn:  # as a database from before migration 0003 would be
        conn.executescript("DROP TABLE actor_names; DROP TABLE place_names; DROP TABLE runs;"
                           "DELETE FROM migrations WHERE name = '0003_runs_and_actor_indexes';"
                           "DROP INDEX events_type_date; CREATE INDEX events_type ON events(type);"
                           "DROP INDEX events_acled_date; CREATE INDEX events_acled ON events(acled_event_type);"
                           "DROP INDEX events_country_date; CREATE INDEX events_country ON events(country_code);"
                           + "".join(f"DROP INDEX {name};" for name in (
                               "events_sub_event_date", "events_admin1_date", "events_status_date",
                               "events_actor_date", "events_recipient_date", "events_actor_type_date",
                               "events_recipient_type_date", "events_place_date", "events_lat_lon")))
    with open_store(stored, readonly=True) as store:
        assert store.actors() and {e["place_name"] for e in store.events(place="kirkuk")} == {"Kirkuk"}


def _synthetic(path, rows):
    """A store holding generated events (no extraction): (actor, recipient, place, date) per event, each its
    own happening (no status, so none is merged)."""
    from dateline.consolidate.happenings import HappeningIndex
    from dateline.store.db import EVENT_COLUMNS

    with open_store(path) as store, store.conn:
        store.conn.execute("INSERT INTO articles (id, doc_id, content_hash, text, extraction) "
                           "VALUES (1, 'd', 'h', 'text', '{}')")
        for i, (actor, recipient, place, day) in enumerate(rows):
            row = dict.fromkeys(EVENT_COLUMNS)
            row.update(id=f"d:{i}", article_id=1, actor_name=actor, recipient_name=recipient, place_name=place,
                       date=day, confidence=0.5)
            store.conn.execute(f"INSERT INTO events ({','.join(row)}) VALUES ({','.join('?' * len(row))})",
                               list(row.values()))
            HappeningIndex(store.conn).add(row["id"])


def test_store_name_filters_agree_whichever_way_they_are_read(tmp_path):
    # "Army" is in most events (read in date order), "Rebels" and "Gao" in few (looked up by name):
    # both ways must give exactly the events a plain scan finds, newest first
    rows = [("Army", "Rebels" if i % 40 == 0 else None, "Gao" if i % 50 == 0 else "Mopti",
             f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}") for i in range(400)]
    _synthetic(tmp_path / "s.db", rows)
    with open_store(tmp_path / "s.db", readonly=True) as store:
        for filters, keep in (({"actor": "rm"}, lambda r: r[0] == "Army"),
                              ({"actor": "REBEL"}, lambda r: r[1] == "Rebels"),
                              ({"actor_name": "Rebels"}, lambda r: r[1] == "Rebels"),
                              ({"place": "gao"}, lambda r: r[2] == "Gao"),
                              ({"place": "o"}, lambda r: True)):
            found = store.events(limit=1000, **filters)
            expected = sorted((f"d:{i}" for i, r in enumerate(rows) if keep(r)),
                              key=lambda id_: (rows[int(id_[2:])][3], id_), reverse=True)
            assert sorted(e["id"] for e in found) == sorted(expected), filters
            assert [e["date"] for e in found] == sorted((e["date"] for e in found), reverse=True)


def test_store_first_release_database_gets_stories_and_happenings(stored, tmp_path):
    from dateline.store.db import EVENT_COLUMNS

    old = tmp_path / "first.db"
    with closing(sqlite3.connect(old)) as conn, closing(sqlite3.connect(stored)) as new, conn:  # first release
        conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        conn.executescript(MIGRATIONS[0][1])
        conn.execute("INSERT INTO migrations VALUES (?, datetime('now'))", (MIGRATIONS[0][0],))
        columns = "id, doc_id, content_hash, title, sections, source_id, published, outlet, url, language, text, " \
                  "origin, extraction"
        conn.executemany(f"INSERT INTO articles ({columns}) VALUES ({','.join('?' * 13)})",
                         new.execute(f"SELECT {columns} FROM articles").fetchall())
        conn.executemany(f"INSERT INTO events ({','.join(EVENT_COLUMNS)}) "
                         f"VALUES ({','.join('?' * len(EVENT_COLUMNS))})",
                         new.execute(f"SELECT {','.join(EVENT_COLUMNS)} FROM events").fetchall())
    with open_store(old, readonly=True) as store:
        articles = store.conn.execute("SELECT story_id FROM articles").fetchall()
        assert articles and all(row[0] for row in articles)
        assert store.conn.execute("SELECT count(*) FROM events WHERE happening_id IS NULL").fetchone()[0] == 0
        assert store.happenings() and store.stories()


def test_store_happenings_of_an_older_database_become_rows(tmp_path):
    # a store made before happenings carried an event's columns: its happening (figures as a JSON list,
    # outlets in happening_members) becomes a row with the lead event's columns and the lowest toll
    from dateline.store.db import EVENT_COLUMNS
    from dateline.store.migrations import MIGRATIONS

    old = tmp_path / "older.db"
    with closing(sqlite3.connect(old)) as conn, conn:
        conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        conn.create_function("fold", 1, str.lower)
        for name, sql in MIGRATIONS[:5]:
            conn.executescript(sql)
            conn.execute("INSERT INTO migrations VALUES (?, datetime('now'))", (name,))
        for n, (outlet, deaths, status) in enumerate([("Lake Courier", 12, "claimed"), ("Borno Times", 9, "asserted")]):
            conn.execute("INSERT INTO articles (id, doc_id, content_hash, published, outlet, text, story_id,"
                         " extraction) VALUES (?, ?, 'h', '2024-03-20', ?, 'text', 's', '{}')",
                         (n + 1, f"d{n}", outlet))
            row = dict.fromkeys(EVENT_COLUMNS)
            row.update(id=f"d{n}:0", article_id=n + 1, type="ASSAULT", acled_event_type="Battles",
                       acled_sub_event_type="Armed clash", place_name="Monguno", geonameid=2329946,
                       date="2024-03-18", date_precision="day", fatalities=deaths, status=status,
                       evidence=f"sentence {n}", confidence=0.5 + n / 10)
            conn.execute(f"INSERT INTO events ({','.join(row)}, happening_id) "
                         f"VALUES ({','.join('?' * len(row))}, 'd0:0')",
                         list(row.values()))
            conn.executemany("INSERT INTO happening_members VALUES ('d0:0', ?, ?)",
                             [("article", str(n + 1)), ("outlet", outlet), ("independent", outlet),
                              ("figure", str(deaths))])
        conn.execute("INSERT INTO happenings (id, type, acled_event_type, acled_sub_event_type, place_name, geonameid,"
                     " date, date_precision, n_mentions, n_articles, n_outlets, n_independent, fatalities) VALUES"
                     " ('d0:0', 'ASSAULT', 'Battles', 'Armed clash', 'Monguno', 2329946, '2024-03-18', 'day', 2, 2, 2,"
                     " 2, '[9, 12]')")
    with open_store(old, readonly=True) as store:
        (h,) = store.events()
        assert (h["id"], h["n_mentions"], h["n_independent"], h["fatalities"]) == ("d0:0", 2, 2, 9)
        assert h["fatality_figures"] == "[9, 12]" and h["status"] == "asserted" and h["confidence"] == 0.6
        assert h["evidence"] == "sentence 0" and h["doc_id"] == "d0" and h["acled_disputed"] == 0
        assert sorted(h["sources"].split("; ")) == ["Borno Times", "Lake Courier"]
        assert store.actors() == [] and store.places()[0]["events"] == 1


def test_ingest_remembers_a_bounded_window_of_ids():
    from dateline.ingest import _Recent

    recent = _Recent(size=3)
    for doc_id in "abcd":
        recent.add(doc_id)
    assert "a" not in recent and all(d in recent for d in "bcd") and len(recent.ids) == 3


def test_store_happenings_by_the_one_definition_of_sameness(tmp_path):
    # the store's query passes every happening that sameness.same_happening could accept: one dated to its
    # year for a telling of a day months later, what happened told as history; a plan or another town stays apart
    from dateline.consolidate.happenings import HappeningIndex
    from dateline.store.db import EVENT_COLUMNS

    monguno = dict(type="ASSAULT", place_name="Monguno", geonameid=2329946, country_code="NG", status="asserted")
    mentions = [dict(monguno, date="2024-01-01", date_precision="year"),
                dict(monguno, date="2024-07-04", date_precision="day"),
                dict(monguno, date="2024-07-01", date_precision="month", status="historical"),
                dict(monguno, date="2024-07-04", date_precision="day", status="planned"),
                dict(monguno, date="2024-07-04", date_precision="day", place_name="Maiduguri", geonameid=2331447)]
    found = []
    with open_store(tmp_path / "m.db") as store, store.conn:
        for n, fields in enumerate(mentions):
            store.conn.execute("INSERT INTO articles (id, doc_id, content_hash, published, outlet, text, extraction)"
                               " VALUES (?, ?, 'h', '2024-07-10', ?, 'text', '{}')", (n + 1, f"m{n}", f"outlet {n}"))
            row = dict.fromkeys(EVENT_COLUMNS)
            row.update(id=f"m{n}:0", article_id=n + 1, evidence_start=0, confidence=0.5, **fields)
            store.conn.execute(f"INSERT INTO events ({','.join(row)}) VALUES ({','.join('?' * len(row))})",
                               list(row.values()))
            found.append(HappeningIndex(store.conn).add(row["id"]))
    assert found == ["m0:0", "m0:0", "m0:0", "m3:0", "m4:0"]


def test_store_stories_of_an_older_database_are_reindexed_in_the_new_word_forms(stored):
    # a store of the release before plurals were folded: its counts hold "soldiers", its 0011 not applied
    import json

    from dateline.consolidate.stories import fold

    with closing(sqlite3.connect(stored)) as conn, conn:
        stories = dict(conn.execute("SELECT doc_id, story_id FROM doc_index"))
        conn.execute("DELETE FROM migrations WHERE name = '0011_story_words_folded'")
        conn.execute("INSERT INTO term_df VALUES ('soldiers', 1)")
        conn.execute("UPDATE doc_index SET vector = ?", (json.dumps({"soldiers": 1.0}),))
        conn.execute("INSERT INTO doc_terms VALUES ('k1', 'soldiers')")
    with open_store(stored, readonly=True) as store:
        assert store.counts()["articles"] == 2
    with closing(sqlite3.connect(stored)) as conn:
        words = {t for (t,) in conn.execute("SELECT term FROM term_df")}
        heavy = {t for (t,) in conn.execute("SELECT term FROM doc_terms")}
        vectors = [json.loads(v) for (v,) in conn.execute("SELECT vector FROM doc_index")]
        assert "soldier" in words and "soldiers" not in words | heavy
        assert all(fold(t) == t for v in vectors for t in v) and all(len(v) > 3 for v in vectors)
        assert dict(conn.execute("SELECT doc_id, story_id FROM doc_index")) == stories  # the stories stay
        assert conn.execute("SELECT df FROM term_df WHERE term = 'kirkuk'").fetchone()[0] == 1
