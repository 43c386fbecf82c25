"""One happening told by many articles: one event with all its sources; syndicated copies count once."""
from __future__ import annotations

import json

import pytest

from dateline.ingest import ingest
from dateline.settings import Settings
from dateline.store import open_store

from .conftest import ROOT, ingested

FIXTURE = ROOT / "tests" / "fixtures" / "corroboration.jsonl"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = ingested(tmp_path_factory.mktemp("corroboration") / "c.db", [FIXTURE])
    with open_store(path, readonly=True) as store:
        yield store


def test_corroboration_one_event_twelve_articles_six_outlets_four_independent(store):
    top = store.happenings()[0]
    assert top["place_name"] == "Ţūz Khūrmātū" and top["type"] == "ASSAULT"
    assert (top["n_articles"], top["n_outlets"], top["n_independent"]) == (12, 6, 4)
    assert top["n_mentions"] == 12
    assert json.loads(top["fatality_figures"]) == [9, 12]  # conflicting figures kept, not averaged
    assert top["fatalities"] == 9  # ACLED's rule: the lowest credible report
    mentions = store.conn.execute("SELECT a.doc_id, e.evidence FROM events e JOIN articles a ON a.id = e.article_id "
                                  "WHERE e.happening_id = ?", (top["id"],)).fetchall()
    assert {m[0] for m in mentions} == {"tt-1", "tt-2", "gc-1", "nh-1", "kd-1", "kd-2", "lw-1", "nh-2", "lw-2",
                                        "bo-1", "bo-2", "bo-3"}


def test_corroboration_unrelated_articles_stay_apart(store):
    top = store.happenings()[0]
    rows = store.conn.execute("SELECT a.doc_id FROM events e JOIN articles a ON a.id = e.article_id "
                              "WHERE a.doc_id LIKE 'x-%' AND e.happening_id = ?", (top["id"],)).fetchall()
    assert rows == []
    stories = {r["doc_id"]: r["story_id"] for r in store.conn.execute("SELECT doc_id, story_id FROM articles")}
    assert len({stories[f"x-{i}"] for i in range(1, 5)}) == 4
    assert stories["x-1"] != stories["tt-1"]


def test_corroboration_copies_point_at_their_original(store):
    dup = {r["doc_id"]: r["duplicate_of"] for r in store.conn.execute("SELECT doc_id, duplicate_of FROM articles")}
    assert dup["gc-1"] == "tt-1" and dup["nh-1"] == "tt-1" and dup["nh-2"] == "lw-1"
    assert all(dup[d] is None for d in ("tt-1", "tt-2", "kd-1", "lw-1", "bo-1", "x-1"))


def test_corroboration_events_list_the_happening_once_with_its_sources(store):
    top = store.happenings()[0]
    rows = [r for r in store.events(place="Khūrmātū", limit=50) if r["id"] == top["id"]]
    assert len(rows) == 1 and rows[0]["n_independent"] == 4 and rows[0]["n_mentions"] == 12
    assert rows[0]["sources"].count("; ") == 3  # its four independent outlets, as ACLED lists its sources
    mentions = store.events(place="Khūrmātū", limit=50, unit="mention")
    assert sum(r["happening_id"] == top["id"] for r in mentions) == 12


def test_corroboration_cli_shows_sources(store):
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "dateline.cli", "events", "--db", str(store.path), "--place",
                          "Khūrmātū"], capture_output=True, text=True, timeout=120)
    assert "4/12" in out.stdout and "sources" in out.stdout
    out = subprocess.run([sys.executable, "-m", "dateline.cli", "happenings", "--db", str(store.path),
                          "--min-independent", "4"], capture_output=True, text=True, timeout=120)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["n_articles"] == 12


def test_corroboration_article_without_outlet_is_one_source(tmp_path):
    path = tmp_path / "one.db"
    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps({"id": "solo", "published": "2024-03-11",
                                  "text": "Gunmen killed four farmers near Jos on Monday, police said."}) + "\n")
    with open_store(path) as store:
        ingest(store, [str(source)], settings=Settings(workers=1))
        top = store.happenings()[0]
    assert (top["n_articles"], top["n_outlets"], top["n_independent"]) == (1, 1, 1)


def test_corroboration_regions_without_geonames_id_stay_apart(tmp_path):
    # our regions carry no GeoNames id: their names keep one sea's attacks apart from another's
    reports = [
        ("red-1", "Harbour Watch", "Gunmen in a speedboat fired on a cargo ship in the Red Sea on Monday, the "
                                   "shipping agency said, and the crew escaped unhurt."),
        ("red-2", "Coastal Courier", "Masked gunmen fired at a cargo vessel in the Red Sea on Monday, according "
                                     "to maritime officials who spoke to reporters at the port."),
        ("med-1", "Island Post", "Gunmen fired on a fishing boat in the Mediterranean on Monday, the coast guard "
                                 "said, without giving the boat's flag."),
    ]
    source = tmp_path / "seas.jsonl"
    source.write_text("".join(json.dumps({"id": i, "outlet": o, "published": "2024-03-13", "text": t}) + "\n"
                              for i, o, t in reports))
    with open_store(tmp_path / "seas.db") as store:
        ingest(store, [str(source)], settings=Settings(workers=1))
        rows = store.conn.execute("SELECT a.doc_id, e.place_name, e.happening_id FROM events e JOIN articles a "
                                  "ON a.id = e.article_id WHERE e.type = 'ASSAULT'").fetchall()
        listed = {row["name"]: row["events"] for row in store.places()}
    happening = {doc: (place, h) for doc, place, h in rows}
    assert happening["red-1"][0] == "Red Sea" and happening["med-1"][0] == "Mediterranean Sea"
    assert happening["red-1"][1] == happening["red-2"][1] != happening["med-1"][1]
    # listed apart, though neither has an id; the two reports of one attack counted once
    assert listed["Red Sea"] == 1 and listed["Mediterranean Sea"] == 1
