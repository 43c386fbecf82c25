"""One real-world event, one row: a page, 20 syndicated copies of it (one line changed in each) and 5 other
outlets retelling its main event in their own words give, in every view and export, the rows of the
distinct events, never one per mention."""
from __future__ import annotations

import csv
import json

import pytest

from dateline.export import export
from dateline.gdelt import COLUMNS as GDELT_COLUMNS
from dateline.ingest import ingest
from dateline.settings import Settings
from dateline.store import open_store

from .conftest import FIXTURES, ingested

FIXTURE = FIXTURES / "syndication.jsonl"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = ingested(tmp_path_factory.mktemp("syndication") / "s.db", [FIXTURE])
    with open_store(path, readonly=True) as store:
        yield store


@pytest.fixture(scope="module")
def page_alone(tmp_path_factory):
    """The events of the page on its own: what the store of 26 articles must show, plus the retold one."""
    path = tmp_path_factory.mktemp("page") / "p.db"
    source = path.with_suffix(".jsonl")
    source.write_text(FIXTURE.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    with open_store(ingested(path, [source]), readonly=True) as store:
        yield store.events(limit=1000)


def retold(store):
    return next(e for e in store.events(limit=1000) if e["acled_sub_event_type"] == "Attack")


def test_the_retold_event_is_one_row_with_26_mentions_and_6_independent_sources(store):
    e = retold(store)
    assert (e["n_mentions"], e["n_articles"], e["n_independent"]) == (26, 26, 6)
    assert e["place_name"] == "Djibo" and e["fatalities"] == 7
    # the original and the five retellings; the 20 copies add mentions, not sources
    assert e["sources"].split("; ") == ["Sahel Wire", "Faso Daily", "Radio Nord", "Sahel Monitor",
                                        "West Africa Report", "Ouaga Evening"]
    assert len(store.happening(e["id"])["mentions"]) == 26


def test_every_view_counts_the_distinct_events(store, page_alone):
    rows = store.events(limit=1000)
    assert len(rows) == len(page_alone) == len({r["id"] for r in rows})
    assert {(r["type"], r["acled_sub_event_type"], r["place_name"]) for r in rows} == \
        {(r["type"], r["acled_sub_event_type"], r["place_name"]) for r in page_alone}
    totals = store.totals()
    assert totals == {"events": len(rows), "fatalities": 7}  # the toll once, not once per copy
    assert sum(p["events"] for p in store.event_places()) == sum(r["lat"] is not None for r in rows)
    assert sum(p["fatalities"] for p in store.event_places()) == 7
    assert sum(c["events"] for c in store.timeline()) == sum(r["date"] is not None for r in rows)
    assert sum(c["fatalities"] for c in store.timeline()) == 7
    assert store.totals(unit="mention")["events"] > 5 * len(rows)  # the mentions are one step away


def test_every_export_gives_the_distinct_events(store, page_alone, tmp_path):
    rows = store.events(limit=1000)
    coded = [r for r in rows if r["acled_event_type"] and r["status"] in ("asserted", "claimed")]
    done = export(store, "acled-csv", tmp_path / "a.csv")
    with (tmp_path / "a.csv").open(encoding="utf-8", newline="") as f:
        acled = list(csv.DictReader(f))
    assert done.rows == len(acled) == len(coded) and sum(int(r["fatalities"]) for r in acled) == 7
    assert done.rows + sum(done.left_out.values()) == len(rows)
    attack = next(r for r in acled if r["sub_event_type"] == "Attack")
    assert attack["source"] == retold(store)["sources"]
    export(store, "gdelt", tmp_path / "g.tsv")
    with (tmp_path / "g.tsv").open(encoding="utf-8", newline="") as f:
        gdelt = [dict(zip(GDELT_COLUMNS, line, strict=True)) for line in csv.reader(f, delimiter="\t")]
    assert {r["GLOBALEVENTID"] for r in gdelt} == {r["id"] for r in rows}
    assert next(r for r in gdelt if r["GLOBALEVENTID"] == retold(store)["id"])["NumMentions"] == "26"
    done = export(store, "geojson", tmp_path / "e.geojson")
    features = json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))["features"]
    assert len(features) == done.rows == sum(r["lat"] is not None for r in rows)


def test_the_http_api_counts_the_distinct_events(store):
    from starlette.testclient import TestClient

    from dateline.api import create_app

    client = TestClient(create_app(store.path))
    listed = client.get("/api/events", params={"limit": 1000}).json()
    rows = store.events(limit=1000)
    assert (listed["count"], listed["total"], listed["fatalities"]) == (len(rows), len(rows), 7)
    assert sum(p["events"] for p in client.get("/api/map").json()["places"]) <= len(rows)
    assert sum(c["events"] for c in client.get("/api/timeline").json()["counts"]) <= len(rows)
    one = client.get(f"/api/happenings/{retold(store)['id']}").json()
    assert one["n_mentions"] == 26 and len(one["mentions"]) == 26 and one["fatality_figures"] == [7]
    mentions = client.get("/api/events", params={"limit": 1000, "mentions": "true"}).json()
    assert mentions["unit"] == "mention" and mentions["total"] > 5 * len(rows)
    exported = client.get("/api/export", params={"format": "acled-csv"})
    assert exported.status_code == 200 and "without an ACLED type" in exported.headers["x-dateline-left-out"]


def test_the_cli_lists_events_and_mentions(store):
    import subprocess
    import sys

    def run(*args):
        return subprocess.run([sys.executable, "-m", "dateline.cli", "events", "--db", str(store.path),
                               "--format", "json", *args], capture_output=True, text=True, timeout=120)

    events = [json.loads(line) for line in run().stdout.splitlines()]
    assert len(events) == len(store.events(limit=1000))
    mentions = run("--mentions", "--limit", "1000")
    assert len(mentions.stdout.splitlines()) == store.totals(unit="mention")["events"]


def test_a_happening_takes_the_finest_date_and_lowest_toll(tmp_path):
    # two reports of one clash, one dated by its month, with two tolls: the happening keeps the day and the
    # lowest figure, and remembers both figures
    reports = [
        ("a", "Lake Courier", "2024-03-20", "Fighters of Boko Haram clashed with soldiers in Monguno in March, "
                                            "killing at least 12 people, a military source said."),
        ("b", "Borno Times", "2024-03-20", "Boko Haram fighters battled troops in Monguno on Monday and at least "
                                           "9 people were killed, residents said."),
    ]
    source = tmp_path / "r.jsonl"
    source.write_text("".join(json.dumps({"id": i, "outlet": o, "published": p, "text": t}) + "\n"
                              for i, o, p, t in reports), encoding="utf-8")
    with open_store(tmp_path / "r.db") as store:
        ingest(store, [str(source)], settings=Settings(workers=1))
        mentions = store.events(unit="mention", type="ASSAULT")
        rows = store.events(type="ASSAULT")
    assert len(mentions) == 2 and len(rows) == 1
    h = rows[0]
    assert h["n_independent"] == 2 and h["fatalities"] == min(m["fatalities"] for m in mentions)
    assert json.loads(h["fatality_figures"]) == sorted(m["fatalities"] for m in mentions)
    assert h["date_precision"] == "day" and h["date"] == "2024-03-18"
    with open_store(tmp_path / "r.db", readonly=True) as store:
        assert_rollups_agree(store)  # the happening moved from March to a day, and its toll went down


def assert_rollups_agree(store):
    """With no filter the timeline and map read the rollups the writer keeps; every happening has at least
    one independent outlet, so that filter reads the happenings themselves: the two must agree."""
    def key(rows):
        return sorted((r.get("period"), r.get("lat"),
                       ",".join(sorted((r.get("type") or r.get("types") or "").split(","))),
                       r["events"], r["fatalities"]) for r in rows)

    assert key(store.timeline()) == key(store.timeline(min_independent=1))
    assert key(store.timeline(interval="week")) == key(store.timeline(interval="week", min_independent=1))
    assert key(store.event_places()) == key(store.event_places(min_independent=1))
    assert store.totals() == store.totals(min_independent=1)


def test_the_whole_store_rollups_agree_with_the_happenings(store):
    assert_rollups_agree(store)
